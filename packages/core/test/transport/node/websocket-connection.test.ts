import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { TransportError } from '../../../src/errors/transport-error';
import {
  WebSocketConnection,
  type WebSocketConnectionOptions,
} from '../../../src/transport/node/websocket-connection';
import { WebSocketTransportServer } from '../../../src/transport/node/websocket-transport-server';
import { ObfuscatedCodec } from '../../../src/transport/obfuscated-codec';
import { seededRandom } from '../transport-test-helpers';
import {
  closedPort,
  collectPayloads,
  expectEchoed,
  nextClose,
  randomPayloads,
  sendRaw,
  timed,
} from './socket-test-helpers';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((resource) => resource.close()));
});

function track<T extends { close(): Promise<void> }>(resource: T): T {
  opened.push(resource);
  return resource;
}

async function echoServer(
  readTimeoutMs?: number,
): Promise<{ server: WebSocketTransportServer; port: number }> {
  const server = track(new WebSocketTransportServer({ readTimeoutMs }));
  server.on('connection', (connection) => {
    connection.on('payload', (payload) => void connection.send(payload).catch(() => undefined));
  });
  const { port } = await server.listen();
  return { server, port };
}

async function client(options: WebSocketConnectionOptions): Promise<WebSocketConnection> {
  const connection = track(new WebSocketConnection(options));
  await connection.connect();
  return connection;
}

describe('WebSocketConnection with WebSocketTransportServer', () => {
  it.each(['intermediate', 'padded-intermediate', 'abridged'] as const)(
    'echoes 100 payloads of 24 B .. 1 MiB over obfuscated %s',
    async (framing) => {
      const { port } = await echoServer();
      const connection = await client({
        url: `ws://127.0.0.1:${port}/apiws`,
        framing,
        obfuscation: { dcId: 2 },
      });
      const payloads = randomPayloads(100, `websocket-${framing}`, true);
      const echoed = collectPayloads(connection, payloads.length);
      for (const payload of payloads) await connection.send(payload);
      const received = await echoed;
      received.forEach((payload, index) =>
        expectEchoed(payload, payloads[index], framing === 'padded-intermediate'),
      );
    },
  );

  it('closes with TransportError timeout when the server sends half a frame and stops', async () => {
    // A bare ws server that reads the client's obfuscation init, frames one 100-byte payload with
    // the matching server codec, and sends only the first half of that frame.
    const raw = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'binary' });
    opened.push({ close: () => new Promise<void>((resolve) => raw.close(() => resolve())) });
    raw.on('connection', (socket) => {
      opened.push({ close: async () => socket.terminate() });
      socket.once('message', (data: Buffer) => {
        const { codec } = ObfuscatedCodec.server(new Uint8Array(data).subarray(0, 64));
        const frame = codec.encode(new Uint8Array(100).fill(1));
        socket.send(frame.subarray(0, 50));
      });
    });
    await new Promise<void>((resolve) => raw.once('listening', () => resolve()));
    const { port } = raw.address() as AddressInfo;
    const connection = track(
      new WebSocketConnection({
        url: `ws://127.0.0.1:${port}/apiws`,
        obfuscation: { dcId: 2 },
        readTimeoutMs: 200,
      }),
    );
    const closed = nextClose(connection);
    await connection.connect();
    const { value: error, elapsedMs } = await timed(() => closed);
    expect(TransportError.isInstance(error) && error.reason).toBe('timeout');
    expect(elapsedMs).toBeLessThan(200 + 3000);
  });

  it('connecting to a closed port fails fast with TransportError connect-failed', async () => {
    const port = await closedPort();
    const connection = new WebSocketConnection({
      url: `ws://127.0.0.1:${port}/apiws`,
      obfuscation: { dcId: 2 },
    });
    const error = await connection.connect().catch((caught: unknown) => caught);
    expect(TransportError.isInstance(error) && error.reason).toBe('connect-failed');
  });

  it('refuses another path and a handshake without the binary subprotocol', async () => {
    const { port } = await echoServer();
    const wrongPath = new WebSocketConnection({
      url: `ws://127.0.0.1:${port}/other`,
      obfuscation: { dcId: 2 },
    });
    await expect(wrongPath.connect()).rejects.toMatchObject({ reason: 'connect-failed' });
    const noProtocol = new WebSocket(`ws://127.0.0.1:${port}/apiws`);
    const outcome = await new Promise<string>((resolve) => {
      noProtocol.on('open', () => resolve('open'));
      noProtocol.on('error', () => resolve('refused'));
    });
    noProtocol.terminate();
    expect(outcome).toBe('refused');
  });

  it('survives a plain GET, random bytes and a plain-framing WebSocket client, and keeps serving others', async () => {
    const { server, port } = await echoServer(500);
    const errors: Error[] = [];
    server.on('connectionError', (error) => errors.push(error));
    const other = await client({ url: `ws://127.0.0.1:${port}/apiws`, obfuscation: { dcId: 2 } });

    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/apiws' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(426);
    await sendRaw(port, seededRandom('websocket-garbage')(2048));

    const plain = new WebSocket(`ws://127.0.0.1:${port}/apiws`, 'binary');
    const plainClosed = new Promise<void>((resolve) => plain.on('close', () => resolve()));
    plain.on('open', () =>
      plain.send(Uint8Array.of(0xee, 0xee, 0xee, 0xee, 8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8)),
    );
    await plainClosed;
    expect(
      errors.some((error) => TransportError.isInstance(error) && error.reason === 'unsupported-protocol'),
    ).toBe(true);

    const echoed = collectPayloads(other, 1);
    await other.send(new Uint8Array(40).fill(5));
    expectEchoed((await echoed)[0], new Uint8Array(40).fill(5), false);
  });
});
