import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBindTempAuthKeyRequest } from '../../src/auth/bind-temp-auth-key';
import { runAuthKeyExchange } from '../../src/client/run-auth-key-exchange';
import type { MtprotoClient } from '../../src/client/mtproto-client';
import { FileStorage } from '../../src/client/storage/node/file-storage';
import { MemoryStorage } from '../../src/client/storage/memory-storage';
import { SessionStorageKeys } from '../../src/client/storage/session-storage-keys';
import { computeAuthKeyId } from '../../src/crypto/key-exchange-kdf';
import { RpcError } from '../../src/errors/rpc-error';
import type { MtprotoServer, MtprotoServerAddresses } from '../../src/server/mtproto-server';
import { ClientSession } from '../../src/session/client-session';
import { connectWithFallback } from '../../src/transport/connect-with-fallback';
import { createTransportCandidates } from '../../src/client/client-transport';
import { secureRandomSource } from '../../src/crypto/random-source';
import { createTestClient, nextState, startServer, testHandler, testKeyPair } from './mtproto-test-harness';

const intermediate = { kind: 'tcp', framing: 'intermediate' } as const;
const hex = (bytes: Uint8Array | undefined): string =>
  bytes === undefined ? '-' : Buffer.from(bytes).toString('hex');
const delay = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

interface SeenCall {
  readonly method: string;
  readonly authKeyId: string;
  readonly permanentAuthKeyId: string;
}

describe('MtprotoClient with perfect forward secrecy against MtprotoServer (TCP loopback)', () => {
  let server: MtprotoServer;
  let addresses: MtprotoServerAddresses;
  let seen: SeenCall[];
  let bound: { temporary: string; permanent: string; expiresAt: number }[];
  /** Added to the server's clock, to make keys expire without waiting. */
  let serverClockSkewMs: number;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    seen = [];
    bound = [];
    serverClockSkewMs = 0;
    ({ server, addresses } = await startServer({
      websocket: undefined,
      http: undefined,
      clock: { now: () => Date.now() + serverClockSkewMs },
      handler: (request, context) => {
        seen.push({
          method: request.method,
          authKeyId: hex(request.authKeyId),
          permanentAuthKeyId: hex(request.permanentAuthKeyId),
        });
        return testHandler(request, context);
      },
    }));
    server.on('tempAuthKeyBound', (temporary, permanent, expiresAt) =>
      bound.push({ temporary: hex(temporary), permanent: hex(permanent), expiresAt }),
    );
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await server.close();
  });

  function pfsClient(
    options: Parameters<typeof createTestClient>[2] & { lifetime?: number; renewBefore?: number } = {},
  ): MtprotoClient {
    const { lifetime, renewBefore, ...rest } = options;
    const client = createTestClient(addresses, intermediate, {
      pfs: { enabled: true, tempKeyLifetimeSeconds: lifetime ?? 3600, renewBeforeSeconds: renewBefore },
      ...rest,
    });
    cleanups.push(() => client.close());
    return client;
  }

  it('calls methods on a bound temporary key; the handler sees the permanent key id', async () => {
    const storage = new MemoryStorage();
    const client = pfsClient({ storage });
    expect(await client.invoke({ _: 'help.getNearestDc' })).toMatchObject({ nearest_dc: 4 });
    expect(await client.invoke({ _: 'help.getSupportName' })).toMatchObject({ name: 'support true' });

    const permanent = hex(computeAuthKeyId((await storage.get(SessionStorageKeys.authKey(2)))!.key));
    const temporary = hex(client.temporaryAuthKeyId);
    expect(temporary).not.toBe(permanent);
    expect(seen.map((call) => call.method)).toEqual(['help.getNearestDc', 'help.getSupportName']);
    for (const call of seen)
      expect(call).toMatchObject({ authKeyId: temporary, permanentAuthKeyId: permanent });
    // The user handler never saw the binding: the server answered it itself.
    expect(bound).toEqual([{ temporary, permanent, expiresAt: expect.any(Number) }]);
    const stored = await storage.get(SessionStorageKeys.tempAuthKey(2));
    expect(hex(computeAuthKeyId(stored!.key))).toBe(temporary);
    expect(stored!.expiresAt).toBe(bound[0]!.expiresAt);
    expect(stored!.expiresAt - Date.now() / 1000).toBeGreaterThan(3500);
    expect(server.authKeyCount).toBe(2);
  });

  it('refuses tampered bindings with ENCRYPTED_MESSAGE_INVALID and TEMP_AUTH_KEY_EMPTY', async () => {
    // A permanent key the server knows, made by a client without PFS.
    const storage = new MemoryStorage();
    const plain = createTestClient(addresses, intermediate, { storage });
    await plain.invoke({ _: 'help.getNearestDc' });
    await plain.close();
    const permanentAuthKey = (await storage.get(SessionStorageKeys.authKey(2)))!.key;

    const [candidate] = createTransportCandidates([intermediate], {
      host: addresses.tcp!.host,
      port: addresses.tcp!.port,
      dcId: 2,
      connectTimeoutMs: 5_000,
      random: secureRandomSource,
    });
    const { connection } = await connectWithFallback([candidate!], new AbortController().signal);
    cleanups.push(() => connection.close());
    const temporary = await runAuthKeyExchange(
      connection,
      { dcId: 2, publicKeys: [testKeyPair().publicKey], temporary: { expiresIn: 600 } },
      10_000,
    );
    const open = (authKey: Uint8Array, salt: Uint8Array): ClientSession => {
      const session = new ClientSession({
        authKey,
        serverSalt: new DataView(salt.buffer, salt.byteOffset, 8).getBigInt64(0, true),
        timeOffsetSeconds: temporary.timeOffset,
        pingIntervalMs: 0,
        onEvent: (event) => {
          if (event.type !== 'flush-needed') return;
          setImmediate(() => {
            for (const payload of session.flush()) void connection.send(payload).catch(() => undefined);
          });
        },
      });
      connection.on('payload', (payload) => session.receive(payload));
      return session;
    };
    const session = open(temporary.authKey, temporary.serverSalt);
    const bind = (change: (request: ReturnType<typeof createBindTempAuthKeyRequest>) => void) =>
      session.invokeWithMessageId(
        (messageId) => {
          const request = createBindTempAuthKeyRequest({
            permanentAuthKey,
            temporaryAuthKeyId: temporary.authKeyId,
            temporarySessionId: session.sessionId,
            expiresAt: temporary.expiresAt!,
            messageId,
          });
          change(request);
          return request;
        },
        { timeoutMs: 5_000 },
      ).result;

    // A flipped ciphertext byte, the msg_id of another message, another session: all refused.
    const flipped = bind((request) => {
      request.encrypted_message[40]! ^= 0x01;
    });
    await expect(flipped).rejects.toBeInstanceOf(RpcError);
    await expect(flipped).rejects.toMatchObject({ code: 400, type: 'ENCRYPTED_MESSAGE_INVALID' });
    const wrongNonce = bind((request) => {
      request.nonce += 1n;
    });
    await expect(wrongNonce).rejects.toMatchObject({ code: 400, type: 'ENCRYPTED_MESSAGE_INVALID' });
    const unknownPermanent = bind((request) => {
      request.perm_auth_key_id += 1n;
    });
    await expect(unknownPermanent).rejects.toMatchObject({ type: 'ENCRYPTED_MESSAGE_INVALID' });
    expect(bound).toEqual([]);

    // The untouched request binds.
    await expect(bind(() => undefined)).resolves.toBe(true);
    expect(bound).toHaveLength(1);
    session.close();

    // Sent over the permanent key itself: no temporary key to bind.
    const overPermanent = open(permanentAuthKey, new Uint8Array(8));
    const refused = overPermanent.invokeWithMessageId(
      (messageId) =>
        createBindTempAuthKeyRequest({
          permanentAuthKey,
          temporaryAuthKeyId: computeAuthKeyId(permanentAuthKey),
          temporarySessionId: overPermanent.sessionId,
          expiresAt: temporary.expiresAt!,
          messageId,
        }),
      { timeoutMs: 5_000 },
    ).result;
    await expect(refused).rejects.toMatchObject({ code: 400, type: 'TEMP_AUTH_KEY_EMPTY' });
    overPermanent.close();
    // The handler saw only the plain client's call; a permanent key is its own identity.
    expect(seen).toEqual([
      {
        method: 'help.getNearestDc',
        authKeyId: hex(computeAuthKeyId(permanentAuthKey)),
        permanentAuthKeyId: hex(computeAuthKeyId(permanentAuthKey)),
      },
    ]);
  });

  it('renews a short-lived key before it expires; calls keep succeeding across the switch', async () => {
    const client = pfsClient({ lifetime: 3, renewBefore: 2 });
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    const first = hex((await client.invoke({ _: 'help.getNearestDc' }), client.temporaryAuthKeyId));
    const results: unknown[] = [];
    const started = Date.now();
    // Overlapping calls for 2.5 s: some are in flight when the key switches (about 1 s in).
    while (Date.now() - started < 2_500) {
      const batch = await Promise.all(
        Array.from({ length: 5 }, () => client.invoke({ _: 'help.getNearestDc' })),
      );
      results.push(...batch);
      await delay(20);
    }
    expect(results.every((result) => (result as { nearest_dc: number }).nearest_dc === 4)).toBe(true);
    expect(hex(client.temporaryAuthKeyId)).not.toBe(first);
    expect(errors).toEqual([]);

    const temporaryKeys = new Set(seen.map((call) => call.authKeyId));
    expect(temporaryKeys.size).toBeGreaterThanOrEqual(2);
    const permanentKeys = new Set(seen.map((call) => call.permanentAuthKeyId));
    expect(permanentKeys.size).toBe(1);
    expect([...permanentKeys][0]).not.toBe('-');
    expect(bound.length).toBeGreaterThanOrEqual(2);
    expect(new Set(bound.map((binding) => binding.permanent)).size).toBe(1);
    expect(new Set(bound.map((binding) => binding.temporary)).size).toBe(bound.length);
  });

  it('gets -404 for an expired temporary key and recovers with a new one', async () => {
    const storage = new MemoryStorage();
    const client = pfsClient({ storage, lifetime: 60 });
    await client.invoke({ _: 'help.getNearestDc' });
    const first = hex(client.temporaryAuthKeyId);
    const permanentBefore = hex((await storage.get(SessionStorageKeys.authKey(2)))!.key);

    serverClockSkewMs = 61_000;
    const lost = nextState(client, 'reconnecting');
    const call = client.invoke({ _: 'help.getNearestDc' });
    call.catch(() => undefined);
    expect(await lost).toMatchObject({ name: 'TransportError', code: -404 });
    await expect(call).rejects.toMatchObject({ reason: 'closed' });
    await nextState(client, 'connected');

    expect(await client.invoke({ _: 'help.getNearestDc' })).toMatchObject({ nearest_dc: 4 });
    expect(hex(client.temporaryAuthKeyId)).not.toBe(first);
    // The permanent key stays: the new temporary key is bound to it.
    expect(hex((await storage.get(SessionStorageKeys.authKey(2)))!.key)).toBe(permanentBefore);
    expect(bound).toHaveLength(2);
    expect(bound[1]!.permanent).toBe(bound[0]!.permanent);
    expect(seen.at(-1)).toMatchObject({
      authKeyId: hex(client.temporaryAuthKeyId),
      permanentAuthKeyId: bound[0]!.permanent,
    });
  });

  it('reuses the stored bound temporary key after a restart with FileStorage', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'mtbot-pfs-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const path = join(directory, 'bot.session.json');

    const firstStorage = await FileStorage.open(path);
    const first = pfsClient({ storage: firstStorage });
    await first.invoke({ _: 'help.getNearestDc' });
    const temporary = hex(first.temporaryAuthKeyId);
    await first.close();
    await firstStorage.close();

    const secondStorage = await FileStorage.open(path);
    cleanups.push(() => secondStorage.close());
    const second = pfsClient({ storage: secondStorage });
    expect(await second.invoke({ _: 'help.getSupportName' })).toMatchObject({ name: 'support true' });
    expect(hex(second.temporaryAuthKeyId)).toBe(temporary);
    expect(bound).toHaveLength(1);
    expect(server.authKeyCount).toBe(2);
    expect(seen.map((call) => call.authKeyId)).toEqual([temporary, temporary]);
    expect(new Set(seen.map((call) => call.permanentAuthKeyId)).size).toBe(1);
  });
});
