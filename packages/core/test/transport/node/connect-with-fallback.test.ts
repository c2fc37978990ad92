import { TransportError } from '../../../src/errors/transport-error';
import { connectWithFallback } from '../../../src/transport/connect-with-fallback';
import { TcpConnection } from '../../../src/transport/node/tcp-connection';
import { TcpTransportServer } from '../../../src/transport/node/tcp-transport-server';
import { WebSocketConnection } from '../../../src/transport/node/websocket-connection';
import { closedPort, collectPayloads } from './socket-test-helpers';
import { expectBytes } from '../transport-test-helpers';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((resource) => resource.close()));
});

describe('connectWithFallback', () => {
  it('falls back from a closed port to a working transport and reports both', async () => {
    const server = new TcpTransportServer();
    opened.push(server);
    server.on('connection', (connection) => {
      connection.on('payload', (payload) => void connection.send(payload).catch(() => undefined));
    });
    const { port } = await server.listen();
    const deadPort = await closedPort();
    const result = await connectWithFallback([
      {
        name: 'websocket',
        create: () =>
          new WebSocketConnection({ url: `ws://127.0.0.1:${deadPort}/apiws`, obfuscation: { dcId: 2 } }),
      },
      { name: 'tcp', create: () => new TcpConnection({ host: '127.0.0.1', port, framing: 'intermediate' }) },
    ]);
    opened.push(result.connection);
    expect(result.name).toBe('tcp');
    expect(result.failed.map((attempt) => attempt.name)).toEqual(['websocket']);
    expect(TransportError.isInstance(result.failed[0].error) && result.failed[0].error.reason).toBe(
      'connect-failed',
    );
    const echoed = collectPayloads(result.connection, 1);
    await result.connection.send(new Uint8Array(32).fill(4));
    expectBytes((await echoed)[0], new Uint8Array(32).fill(4));
  });

  it('throws all-attempts-failed naming every attempt when none connects', async () => {
    const deadPort = await closedPort();
    const error = await connectWithFallback([
      {
        name: 'first',
        create: () => new TcpConnection({ host: '127.0.0.1', port: deadPort, framing: 'abridged' }),
      },
      {
        name: 'second',
        create: () => new TcpConnection({ host: '127.0.0.1', port: deadPort, framing: 'full' }),
      },
    ]).catch((caught: unknown) => caught);
    expect(TransportError.isInstance(error) && error.reason).toBe('all-attempts-failed');
    expect((error as Error).message).toMatch(/first: .*; second: /);
    expect(((error as Error).cause as AggregateError).errors).toHaveLength(2);
  });
});
