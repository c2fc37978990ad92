import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { MtprotoClient } from '../../src/client/mtproto-client';
import { MemoryStorage } from '../../src/client/storage/memory-storage';
import { SessionStorageKeys } from '../../src/client/storage/session-storage-keys';
import { SecurityError } from '../../src/errors/security-error';
import { SessionError } from '../../src/errors/session-error';
import { TransportError } from '../../src/errors/transport-error';
import type {
  MtprotoHandlerResult,
  MtprotoRequestHandler,
  MtprotoServer,
  MtprotoServerAddresses,
} from '../../src/server/mtproto-server';
import { IntermediateFrameProxy } from './intermediate-frame-proxy';
import { BIG_TEXT, createTestClient, nextState, startServer, testHandler } from './mtproto-test-harness';

const intermediate = { kind: 'tcp', framing: 'intermediate' } as const;
/** A handler that never answers anything. */
const neverAnswer: MtprotoRequestHandler = () => new Promise<MtprotoHandlerResult>(() => undefined);
const delay = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('MtprotoClient and MtprotoServer under faults (TCP intermediate)', () => {
  let server: MtprotoServer;
  let addresses: MtprotoServerAddresses;
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await server.close();
  });

  function track<T extends { close(): Promise<void> }>(closable: T): T {
    cleanups.push(() => closable.close());
    return closable;
  }

  async function throughProxy(): Promise<{ proxy: IntermediateFrameProxy; client: MtprotoClient }> {
    const proxy = track(new IntermediateFrameProxy(addresses.tcp!.port));
    const port = await proxy.listen();
    const client = track(createTestClient({ tcp: { host: '127.0.0.1', port } }, intermediate));
    await client.connect();
    return { proxy, client };
  }

  it('packs concurrent calls into containers and receives big results gzip_packed', async () => {
    ({ server, addresses } = await startServer());
    const { proxy, client } = await throughProxy();
    await client.invoke({ _: 'help.getNearestDc' });
    const framesBefore = proxy.clientFrames;
    await Promise.all(Array.from({ length: 1000 }, () => client.invoke({ _: 'help.getNearestDc' })));
    // 1,000 requests in at most 1,020 per container: a handful of frames (plus acks), not 1,000.
    expect(proxy.clientFrames - framesBefore).toBeLessThan(30);
    const bytesBefore = proxy.serverBytes;
    expect((await client.invoke({ _: 'help.getInviteText' })).message).toBe(BIG_TEXT);
    expect(proxy.serverBytes - bytesBefore).toBeLessThan(BIG_TEXT.length / 10);
  });

  it('completes a call after the server cuts the connection before answering', async () => {
    let calls = 0;
    ({ server, addresses } = await startServer({
      handler: async (request, context) => {
        if (request.method === 'help.getNearestDc' && calls++ === 0) {
          request.connection.close();
          await delay(50);
        }
        return testHandler(request, context);
      },
    }));
    const client = track(createTestClient(addresses, intermediate));
    await client.connect();
    const states: string[] = [];
    client.on('state', (state) => states.push(state));
    const nearest = await client.invoke({ _: 'help.getNearestDc' });
    expect(nearest).toMatchObject({ _: 'nearestDc', nearest_dc: 4 });
    expect(states).toEqual(['reconnecting', 'connected']);
  });

  it('wraps the first new call on a new connection in initConnection again', async () => {
    const seen: [string, boolean][] = [];
    let cut = false;
    ({ server, addresses } = await startServer({
      handler: async (request, context) => {
        seen.push([request.method, request.initConnection !== undefined]);
        if (request.method === 'help.getSupportName' && !cut) {
          cut = true;
          request.connection.close();
          await delay(50);
        }
        return testHandler(request, context);
      },
    }));
    const client = track(createTestClient(addresses, intermediate));
    await client.connect();
    await client.invoke({ _: 'help.getNearestDc' });
    // Cut on its first delivery; resent as it was (unwrapped) on the new connection.
    await client.invoke({ _: 'help.getSupportName' });
    await client.invoke({ _: 'help.getNearestDc' });
    await client.invoke({ _: 'help.getNearestDc' });
    expect(seen).toEqual([
      ['help.getNearestDc', true],
      ['help.getSupportName', false],
      ['help.getSupportName', false],
      ['help.getNearestDc', true],
      ['help.getNearestDc', false],
    ]);
  });

  it('follows a salt the server changed (bad_server_salt) and the call succeeds', async () => {
    ({ server, addresses } = await startServer({ salts: { windowSeconds: 1, graceSeconds: 0 } }));
    const rejected: number[] = [];
    server.on('messageRejected', (_authKeyId, code) => rejected.push(code));
    const client = track(
      createTestClient(addresses, intermediate, { session: { requestFutureSalts: false } }),
    );
    await client.invoke({ _: 'help.getNearestDc' });
    await delay(1100);
    expect(await client.invoke({ _: 'help.getNearestDc' })).toMatchObject({ nearest_dc: 4 });
    expect(rejected).toContain(48);
  });

  it('corrects a client clock 10 minutes fast and the call succeeds', async () => {
    ({ server, addresses } = await startServer());
    const rejected: number[] = [];
    server.on('messageRejected', (_authKeyId, code) => rejected.push(code));
    const storage = new MemoryStorage();
    const first = createTestClient(addresses, intermediate, { storage });
    await first.invoke({ _: 'help.getNearestDc' });
    await first.close();
    // Same key and stored offset 0, but this process's clock runs 10 minutes ahead.
    const skewed = track(
      createTestClient(addresses, intermediate, { storage, clock: { now: () => Date.now() + 600_000 } }),
    );
    expect(await skewed.invoke({ _: 'help.getNearestDc' })).toMatchObject({ nearest_dc: 4 });
    expect(rejected).toContain(17);
    const offset = await storage.get(SessionStorageKeys.timeOffset);
    expect(offset).toBeGreaterThanOrEqual(-602);
    expect(offset).toBeLessThanOrEqual(-598);
  });

  it('drops a tampered and a replayed message with SecurityErrors and the session goes on', async () => {
    ({ server, addresses } = await startServer());
    const { proxy, client } = await throughProxy();
    await client.invoke({ _: 'help.getNearestDc' });
    const errors: SecurityError[] = [];
    client.on('securityError', (error) => errors.push(error));
    let rewritten = false;
    proxy.rewrite = (payload) => {
      if (rewritten) return [payload];
      rewritten = true;
      const tampered = payload.slice();
      tampered[40] ^= 0x01;
      return [tampered, payload, payload];
    };
    expect(await client.invoke({ _: 'help.getSupportName' })).toEqual({
      _: 'help.supportName',
      name: 'support true',
    });
    expect(errors).toHaveLength(2);
    expect(errors.every((error) => SecurityError.isInstance(error))).toBe(true);
    expect(errors[0]!.message).toMatch(/msg_key/);
    expect(errors[1]!.message).toMatch(/replay/);
    expect(await client.invoke({ _: 'help.getNearestDc' })).toMatchObject({ nearest_dc: 4 });
    expect(client.state).toBe('connected');
  });

  it('reports malformed frames as TransportErrors on both sides and recovers', async () => {
    ({ server, addresses } = await startServer());
    const serverErrors: Error[] = [];
    server.on('connectionError', (error) => serverErrors.push(error));
    const raw = await new Promise<Socket>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: addresses.tcp!.port }, () => resolve(socket));
    });
    const rawClosed = new Promise((resolve) => raw.on('close', resolve));
    raw.write(Buffer.from([0xee, 0xee, 0xee, 0xee, 0xf0, 0xff, 0xff, 0x7f]));
    await rawClosed;
    expect(serverErrors[0]).toBeInstanceOf(TransportError);
    expect(serverErrors[0]).toMatchObject({ reason: 'frame-too-long' });

    const { proxy, client } = await throughProxy();
    const lost = nextState(client, 'reconnecting');
    proxy.injectRaw = Buffer.from([0xf0, 0xff, 0xff, 0x7f]);
    const call = client.invoke({ _: 'help.getNearestDc' });
    const error = await lost;
    expect(TransportError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'frame-too-long' });
    expect(await call).toMatchObject({ nearest_dc: 4 });
  });

  it('times out against a silent server with typed errors instead of hanging', async () => {
    ({ server, addresses } = await startServer({
      handler: neverAnswer,
    }));
    const client = track(createTestClient(addresses, intermediate));
    const started = Date.now();
    const call = client.invoke({ _: 'help.getNearestDc' }, { timeoutMs: 300 });
    await expect(call).rejects.toBeInstanceOf(SessionError);
    await expect(call).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);

    const silent: Server = createServer((socket) => socket.on('error', () => undefined));
    const sockets = new Set<Socket>();
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const { port } = silent.address() as AddressInfo;
    const unanswered = track(
      createTestClient({ tcp: { host: '127.0.0.1', port } }, intermediate, { authTimeoutMs: 300 }),
    );
    const connecting = unanswered.connect();
    await expect(connecting).rejects.toBeInstanceOf(TransportError);
    await expect(connecting).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('answers an unknown auth key with -404; the client makes a new key', async () => {
    ({ server, addresses } = await startServer());
    const storage = new MemoryStorage();
    const unknownKey = Uint8Array.from({ length: 256 }, (_, index) => (index * 31 + 7) & 0xff);
    await storage.set(SessionStorageKeys.authKey(2), { key: unknownKey });
    const client = track(createTestClient(addresses, intermediate, { storage }));
    await client.connect();
    const lost = nextState(client, 'reconnecting');
    const first = client.invoke({ _: 'help.getNearestDc' });
    first.catch(() => undefined);
    const error = await lost;
    expect(error).toMatchObject({ name: 'TransportError', code: -404 });
    await expect(first).rejects.toMatchObject({ reason: 'closed' });
    await nextState(client, 'connected');
    expect(await client.invoke({ _: 'help.getNearestDc' })).toMatchObject({ nearest_dc: 4 });
    expect((await storage.get(SessionStorageKeys.authKey(2)))?.key).not.toEqual(unknownKey);
    expect(server.authKeyCount).toBe(1);
  });
});
