import { TransportError } from '../../../src/errors/transport-error';
import type { FramingKind } from '../../../src/transport/frame-codec';
import { parseMtproxySecret } from '../../../src/transport/obfuscation';
import { TcpConnection, type TcpConnectionOptions } from '../../../src/transport/node/tcp-connection';
import {
  TcpTransportServer,
  type TcpTransportServerOptions,
} from '../../../src/transport/node/tcp-transport-server';
import type { ServerConnection } from '../../../src/transport/node/server-connection';
import { expectBytes, seededRandom } from '../transport-test-helpers';
import {
  RawServer,
  closedPort,
  collectPayloads,
  expectEchoed,
  nextClose,
  randomPayloads,
  sendRaw,
  timed,
} from './socket-test-helpers';

const SECRET_HEX = '0123456789abcdef0123456789abcdef';
const PADDED_SECRET_HEX = 'dd' + SECRET_HEX;

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((resource) => resource.close()));
});

function track<T extends { close(): Promise<void> }>(resource: T): T {
  opened.push(resource);
  return resource;
}

/** An echo server: every payload goes straight back on its connection. */
async function echoServer(
  options: TcpTransportServerOptions = {},
): Promise<{ server: TcpTransportServer; port: number }> {
  const server = track(new TcpTransportServer(options));
  server.on('connection', (connection) => {
    connection.on('payload', (payload) => void connection.send(payload).catch(() => undefined));
  });
  const { port } = await server.listen();
  return { server, port };
}

async function client(options: Omit<TcpConnectionOptions, 'host'>): Promise<TcpConnection> {
  const connection = track(new TcpConnection({ host: '127.0.0.1', ...options }));
  await connection.connect();
  return connection;
}

async function expectEcho(connection: TcpConnection, seed: string): Promise<void> {
  const payloads = randomPayloads(100, seed, true);
  const echoed = collectPayloads(connection, payloads.length);
  for (const payload of payloads) await connection.send(payload);
  const received = await echoed;
  expect(received).toHaveLength(payloads.length);
  const padded = connection.description.includes('padded-intermediate');
  received.forEach((payload, index) => expectEchoed(payload, payloads[index], padded));
}

describe('TcpConnection with TcpTransportServer: echo of 100 payloads of 24 B .. 1 MiB', () => {
  const framings: FramingKind[] = ['abridged', 'intermediate', 'padded-intermediate', 'full'];
  it.each(framings)('plain %s', async (framing) => {
    const { port } = await echoServer();
    await expectEcho(await client({ port, framing }), `plain-${framing}`);
  });

  const obfuscatedFramings = ['abridged', 'intermediate', 'padded-intermediate'] as const;
  it.each(obfuscatedFramings)('obfuscated %s', async (framing) => {
    const { server, port } = await echoServer();
    const accepted = new Promise<ServerConnection>((resolve) => server.on('connection', resolve));
    await expectEcho(await client({ port, framing, obfuscation: { dcId: -2 } }), `obfuscated-${framing}`);
    const connection = await accepted;
    expect(connection.obfuscated).toBe(true);
    expect(connection.framing).toBe(framing);
    expect(connection.dcId).toBe(-2);
  });

  it.each(obfuscatedFramings)('obfuscated %s through an MTProxy secret', async (framing) => {
    const secretHex = framing === 'padded-intermediate' ? PADDED_SECRET_HEX : SECRET_HEX;
    const { port } = await echoServer({ secrets: [parseMtproxySecret(secretHex)] });
    await expectEcho(
      await client({ port, framing, obfuscation: { dcId: 3, secret: secretHex } }),
      `secret-${framing}`,
    );
  });

  it('a server with secrets refuses plain framing and a wrong secret, then serves a right one', async () => {
    const { server, port } = await echoServer({ secrets: [parseMtproxySecret(SECRET_HEX)] });
    const errors: Error[] = [];
    server.on('connectionError', (error) => errors.push(error));
    const plain = await client({ port, framing: 'intermediate' });
    const plainClosed = nextClose(plain);
    void plain.send(new Uint8Array(8)).catch(() => undefined);
    expect(TransportError.isInstance(await plainClosed)).toBe(true);
    const wrong = await client({
      port,
      framing: 'intermediate',
      obfuscation: { dcId: 2, secret: 'ff'.repeat(16) },
    });
    const wrongClosed = nextClose(wrong);
    void wrong.send(new Uint8Array(8)).catch(() => undefined);
    expect(TransportError.isInstance(await wrongClosed)).toBe(true);
    expect(errors.map((error) => (error as TransportError).reason).sort()).toEqual([
      'bad-obfuscation-tag',
      'unsupported-protocol',
    ]);
    await expectEcho(
      await client({ port, framing: 'intermediate', obfuscation: { dcId: 2, secret: SECRET_HEX } }),
      'right-secret',
    );
  });

  it('carries quick acks both ways', async () => {
    const server = track(new TcpTransportServer());
    server.on('connection', (connection) => {
      connection.on('payload', (payload, info) => {
        if (info.quickAckRequested) void connection.sendQuickAck(0x1234567).catch(() => undefined);
        void connection.send(payload).catch(() => undefined);
      });
    });
    const { port } = await server.listen();
    const connection = await client({ port, framing: 'intermediate', obfuscation: { dcId: 1 } });
    const quickAck = new Promise<number>((resolve) => connection.on('quickAck', resolve));
    const echoed = collectPayloads(connection, 1);
    await connection.send(new Uint8Array(16).fill(7), { quickAck: true });
    expect(await quickAck).toBe((0x1234567 | 0x80000000) >>> 0);
    expectBytes((await echoed)[0], new Uint8Array(16).fill(7));
  });
});

describe('TcpConnection failures', () => {
  it('closes with TransportError timeout when the server sends half a frame and stops', async () => {
    // Intermediate frame announcing 100 bytes, of which 10 arrive.
    const raw = track(
      new RawServer((socket) => socket.write(Uint8Array.of(100, 0, 0, 0, ...new Uint8Array(10)))),
    );
    const port = await raw.listen();
    const connection = track(
      new TcpConnection({ host: '127.0.0.1', port, framing: 'intermediate', readTimeoutMs: 200 }),
    );
    const closed = nextClose(connection);
    const { value: error, elapsedMs } = await timed(async () => {
      await connection.connect();
      return closed;
    });
    expect(TransportError.isInstance(error) && error.reason).toBe('timeout');
    expect(elapsedMs).toBeGreaterThanOrEqual(150);
    expect(elapsedMs).toBeLessThan(200 + 3000);
    expect(connection.state).toBe('closed');
  });

  it('closes with TransportError frame-too-long when the server announces an oversize frame', async () => {
    const raw = track(new RawServer((socket) => socket.write(Uint8Array.of(0, 0, 0x10, 0))));
    const port = await raw.listen();
    const connection = await client({ port, framing: 'intermediate', maxFrameLength: 1024 });
    const error = await nextClose(connection);
    expect(TransportError.isInstance(error) && error.reason).toBe('frame-too-long');
  });

  it('the server drops a client that sends an oversize frame and keeps serving others', async () => {
    const { server, port } = await echoServer({ maxFrameLength: 1024 });
    const serverErrors: Error[] = [];
    server.on('connectionError', (error) => serverErrors.push(error));
    const big = await client({ port, framing: 'intermediate' });
    const closed = nextClose(big);
    void big.send(new Uint8Array(2048)).catch(() => undefined);
    const error = await closed;
    expect(TransportError.isInstance(error) && error.reason).toBe('connection-closed');
    expect(serverErrors.map((serverError) => (serverError as TransportError).reason)).toEqual([
      'frame-too-long',
    ]);
    const other = await client({ port, framing: 'abridged' });
    const echoed = collectPayloads(other, 1);
    await other.send(new Uint8Array(1024).fill(1));
    expectBytes((await echoed)[0], new Uint8Array(1024).fill(1));
  });

  it('the server closes a client that sends half a frame after its read timeout', async () => {
    const { server, port } = await echoServer({ readTimeoutMs: 200 });
    const serverError = new Promise<Error>((resolve) => server.on('connectionError', resolve));
    const raw = await sendRaw(port, Uint8Array.of(0xee, 0xee, 0xee, 0xee, 100, 0, 0, 0, 1, 2));
    expect(raw).toHaveLength(0);
    const error = await serverError;
    expect(TransportError.isInstance(error) && error.reason).toBe('timeout');
  });

  it('connecting to a closed port fails fast with TransportError connect-failed', async () => {
    const port = await closedPort();
    const connection = new TcpConnection({
      host: '127.0.0.1',
      port,
      framing: 'abridged',
      connectTimeoutMs: 5000,
    });
    const error = await connection.connect().catch((caught: unknown) => caught);
    expect(TransportError.isInstance(error) && error.reason).toBe('connect-failed');
    expect(connection.state).toBe('closed');
    await expect(connection.send(new Uint8Array(4))).rejects.toMatchObject({ reason: 'connection-closed' });
  });

  it('an aborted signal rejects connect with aborted', async () => {
    const { port } = await echoServer();
    const connection = new TcpConnection({ host: '127.0.0.1', port, framing: 'abridged' });
    const error = await connection.connect(AbortSignal.abort()).catch((caught: unknown) => caught);
    expect(TransportError.isInstance(error) && error.reason).toBe('aborted');
  });

  it('rejects obfuscated full framing with a ConfigError', async () => {
    const connection = new TcpConnection({
      host: '127.0.0.1',
      port: 1,
      framing: 'full',
      obfuscation: { dcId: 2 },
    });
    await expect(connection.connect()).rejects.toMatchObject({ name: 'ConfigError' });
  });

  it('the server survives an HTTP request and random bytes, and keeps serving others', async () => {
    const { port } = await echoServer({ readTimeoutMs: 500 });
    const other = await client({ port, framing: 'padded-intermediate' });
    await sendRaw(port, new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    const garbage = seededRandom('garbage')(4096);
    garbage[0] = 0x01; // not 0xef, so it is not taken for an abridged tag
    await sendRaw(port, garbage);
    const echoed = collectPayloads(other, 1);
    await other.send(new Uint8Array(64).fill(9));
    expectEchoed((await echoed)[0], new Uint8Array(64).fill(9), true);
  });

  it('close() emits close without an error and later sends reject', async () => {
    const { port } = await echoServer();
    const connection = await client({ port, framing: 'abridged' });
    const closed = nextClose(connection);
    await connection.close();
    expect(await closed).toBeUndefined();
    await expect(connection.send(new Uint8Array(4))).rejects.toMatchObject({ reason: 'connection-closed' });
  });
});
