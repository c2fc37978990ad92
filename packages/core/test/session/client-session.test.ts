import { FloodWaitError } from '../../src/errors/flood-wait-error';
import { MigrateError } from '../../src/errors/migrate-error';
import { RpcError } from '../../src/errors/rpc-error';
import { SessionError } from '../../src/errors/session-error';
import { decodeContainer, encodeContainer } from '../../src/session/message-container';
import { unwrapRequest, type ServerRequest } from '../../src/session/server-request';
import { ServiceMessageId } from '../../src/session/service-message-ids';
import { API_LAYER } from '../../src/tl/generated/api-codec';
import type * as Api from '../../src/tl/generated/api-types';
import { gzip } from '../../src/tl/binary/gzip';
import { TlWriter } from '../../src/tl/binary/tl-writer';
import { decodeMtproto, encodeApi } from '../../src/tl/tl-codec';
import {
  constructorOf,
  createPair,
  openClientPayload,
  sealServerMessage,
  vectorOfLongs,
} from './session-test-pair';

const connection = {
  apiId: 12345,
  deviceModel: 'test',
  systemVersion: 'node',
  appVersion: '1.0',
  systemLangCode: 'en',
  langPack: '',
  langCode: 'en',
};

/** Answers photos.deletePhotos with the ids it was given, reversed; records what arrived. */
function echoHandler(seen: { layer?: number; query: string; wrapped: boolean }[]) {
  return (request: ServerRequest): void => {
    const unwrapped = unwrapRequest(request.decode());
    seen.push({
      layer: unwrapped.layer,
      query: unwrapped.query._,
      wrapped: unwrapped.connection !== undefined,
    });
    const query = unwrapped.query as Api.PhotosDeletePhotosRequest;
    const ids = query.id.map((photo) => (photo._ === 'inputPhoto' ? photo.id : 0n));
    request.reply(vectorOfLongs([...ids].reverse()));
  };
}

/** `gzip_packed` around `body`, whether or not that makes it smaller. */
function gzipPacked(body: Uint8Array): Uint8Array {
  const writer = new TlWriter();
  writer.writeUint32(ServiceMessageId.gzipPacked);
  writer.writeBytes(gzip(body));
  return writer.finish();
}

function deletePhotos(...ids: bigint[]): Api.PhotosDeletePhotosRequest {
  return {
    _: 'photos.deletePhotos',
    id: ids.map((id) => ({ _: 'inputPhoto', id, access_hash: 1n, file_reference: new Uint8Array(0) })),
  };
}

describe('ClientSession with ServerSession', () => {
  it('pings and gets the pong for that ping', async () => {
    const pair = createPair();
    const call = pair.client.ping();
    pair.pump();
    const pong = await call.result;
    expect(pong._).toBe('pong');
    expect(pong.msg_id).toBe(call.messageId);
  });

  it('answers an RPC with a typed result, wrapping only the first call in invokeWithLayer/initConnection', async () => {
    const seen: { layer?: number; query: string; wrapped: boolean }[] = [];
    const pair = createPair({ client: { connection }, handler: echoHandler(seen) });
    const first = pair.client.invoke(deletePhotos(1n, 2n, 3n));
    pair.pump();
    await expect(first.result).resolves.toEqual([3n, 2n, 1n]);
    const second = pair.client.invoke(deletePhotos(9n));
    pair.pump();
    await expect(second.result).resolves.toEqual([9n]);
    expect(seen).toEqual([
      { layer: API_LAYER, query: 'photos.deletePhotos', wrapped: true },
      { layer: undefined, query: 'photos.deletePhotos', wrapped: false },
    ]);
    expect(pair.clientEvents.some((event) => event.type === 'new-session-created')).toBe(true);
  });

  it('wraps the first call after a new connection in invokeWithLayer/initConnection again', async () => {
    const seen: { layer?: number; query: string; wrapped: boolean }[] = [];
    const pair = createPair({ client: { connection }, handler: echoHandler(seen) });
    const first = pair.client.invoke(deletePhotos(1n));
    pair.pump();
    await first.result;
    pair.client.connectionReplaced();
    const afterReconnect = pair.client.invoke(deletePhotos(2n));
    pair.pump();
    await afterReconnect.result;
    const next = pair.client.invoke(deletePhotos(3n));
    pair.pump();
    await next.result;
    expect(seen.map((call) => call.wrapped)).toEqual([true, true, false]);
  });

  it('turns rpc_error into RpcError, FloodWaitError with seconds and MigrateError with the DC', async () => {
    const answers: [number, string][] = [
      [400, 'PEER_ID_INVALID'],
      [420, 'FLOOD_WAIT_30'],
      [303, 'USER_MIGRATE_4'],
    ];
    const pair = createPair({
      handler: (request) => {
        const [code, text] = answers.shift()!;
        request.replyError(code, text);
      },
    });
    const calls = [1n, 2n, 3n].map((id) => pair.client.invoke(deletePhotos(id)));
    pair.pump();
    const [plain, flood, migrate] = await Promise.all(
      calls.map((call) => call.result.catch((error: unknown) => error)),
    );
    expect(plain).toBeInstanceOf(RpcError);
    expect((plain as RpcError).type).toBe('PEER_ID_INVALID');
    expect((plain as RpcError).method).toBe('photos.deletePhotos');
    expect(flood).toBeInstanceOf(FloodWaitError);
    expect((flood as FloodWaitError).seconds).toBe(30);
    expect(migrate).toBeInstanceOf(MigrateError);
    expect((migrate as MigrateError).dcId).toBe(4);
  });

  it('packs many invokes of one flush into one container and answers them all', async () => {
    const pair = createPair({ handler: echoHandler([]) });
    const calls = Array.from({ length: 20 }, (_, index) => pair.client.invoke(deletePhotos(BigInt(index))));
    const payloads = pair.client.flush();
    expect(payloads).toHaveLength(1);
    const inner = openClientPayload(payloads[0]!);
    expect(constructorOf(inner.body)).toBe(ServiceMessageId.msgContainer);
    const contained = decodeContainer(inner.body);
    expect(contained).toHaveLength(20);
    expect(contained.every((message) => message.messageId < inner.messageId)).toBe(true);
    expect(inner.seqNo % 2).toBe(0);
    for (const payload of payloads) pair.server.receive(payload);
    pair.pump();
    const results = await Promise.all(calls.map((call) => call.result));
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => [BigInt(index)]));
  });

  it('answers 1,000 concurrent invokes', async () => {
    const pair = createPair({ handler: echoHandler([]) });
    const calls = Array.from({ length: 1000 }, (_, index) => pair.client.invoke(deletePhotos(BigInt(index))));
    pair.pump();
    const results = await Promise.all(calls.map((call) => call.result));
    results.forEach((result, index) => expect(result).toEqual([BigInt(index)]));
    expect(pair.client.pendingCallCount).toBe(0);
  });

  it('gzips large bodies both ways and inflates them on arrival', async () => {
    const bigIds = Array.from({ length: 600 }, () => 7n);
    let receivedCount = 0;
    const pair = createPair({
      handler: (request) => {
        const query = request.decode() as Api.PhotosDeletePhotosRequest;
        receivedCount = query.id.length;
        request.reply(vectorOfLongs(query.id.map(() => 42n)));
      },
    });
    const call = pair.client.invoke(deletePhotos(...bigIds));
    const payloads = pair.client.flush();
    const inner = openClientPayload(payloads[0]!);
    expect(constructorOf(inner.body)).toBe(ServiceMessageId.gzipPacked);
    expect(inner.body.length).toBeLessThan(encodeApi(deletePhotos(...bigIds)).length / 4);
    for (const payload of payloads) pair.server.receive(payload);
    const fromServer = pair.server.flush();
    const { openServerPayload } = await import('./session-test-pair');
    const answer = openServerPayload(fromServer[0]!);
    const bodies =
      constructorOf(answer.body) === ServiceMessageId.msgContainer
        ? decodeContainer(answer.body).map((m) => m.body)
        : [answer.body];
    const rpcResult = bodies.find((body) => constructorOf(body) === ServiceMessageId.rpcResult)!;
    expect(constructorOf(rpcResult.subarray(12))).toBe(ServiceMessageId.gzipPacked);
    for (const payload of fromServer) pair.client.receive(payload);
    pair.pump();
    expect(receivedCount).toBe(600);
    await expect(call.result).resolves.toEqual(bigIds.map(() => 42n));
  });

  it('adopts a new salt from bad_server_salt and resends the call, which then succeeds', async () => {
    const pair = createPair({ handler: echoHandler([]), salts: { windowSeconds: 60, graceSeconds: 0 } });
    const warmUp = pair.client.invoke(deletePhotos(1n));
    pair.pump();
    await warmUp.result;
    pair.clock.advance(125_000);
    const call = pair.client.invoke(deletePhotos(5n));
    pair.pump();
    await expect(call.result).resolves.toEqual([5n]);
    const rejected = pair.serverEvents.filter((event) => event.type === 'message-rejected');
    expect(rejected.map((event) => event.type === 'message-rejected' && event.code)).toContain(48);
    const saltEvents = pair.clientEvents.filter((event) => event.type === 'salt-changed');
    expect(saltEvents.length).toBeGreaterThan(0);
    expect(pair.client.serverSalt).not.toBe(0x0123456789abcdefn);
  });

  it.each([
    ['ahead', 17, 600_000],
    ['behind', 16, -600_000],
  ])('corrects a client clock %s by 10 minutes (bad_msg %i) and then succeeds', async (name, code, skew) => {
    const pair = createPair({ handler: echoHandler([]), clientSkewMs: skew });
    const call = pair.client.invoke(deletePhotos(8n));
    pair.pump();
    await expect(call.result).resolves.toEqual([8n]);
    expect(pair.serverEvents).toContainEqual(expect.objectContaining({ type: 'message-rejected', code }));
    expect(pair.clientEvents.some((event) => event.type === 'time-synchronized')).toBe(true);
    expect(Math.abs(pair.client.timeOffsetSeconds + skew / 1000)).toBeLessThanOrEqual(1);
    // Going back in time needs a new session (msg_ids only grow within one); going forward does not.
    expect(pair.clientEvents.some((event) => event.type === 'session-reset')).toBe(name === 'ahead');
  });

  it('drops a tampered message and a replayed one with SecurityError events, and carries on', async () => {
    const pair = createPair({ handler: echoHandler([]) });
    const first = pair.client.invoke(deletePhotos(1n));
    for (const payload of pair.client.flush()) pair.server.receive(payload);
    const fromServer = pair.server.flush();
    const tampered = fromServer[0]!.slice();
    tampered[tampered.length - 5]! ^= 0x40;
    pair.client.receive(tampered);
    expect(pair.clientEvents.filter((event) => event.type === 'security-error')).toHaveLength(1);
    for (const payload of fromServer) pair.client.receive(payload);
    await expect(first.result).resolves.toEqual([1n]);
    for (const payload of fromServer) pair.client.receive(payload);
    const securityErrors = pair.clientEvents.filter((event) => event.type === 'security-error');
    expect(securityErrors).toHaveLength(2);
    expect(securityErrors[1]!.type === 'security-error' && securityErrors[1]!.error.message).toMatch(
      /already received/,
    );
    const second = pair.client.invoke(deletePhotos(2n));
    pair.pump();
    await expect(second.result).resolves.toEqual([2n]);
  });

  it('batches acks and piggybacks them on the next request', async () => {
    const pair = createPair({ handler: echoHandler([]) });
    const warmUp = pair.client.invoke(deletePhotos(1n));
    pair.pump();
    await warmUp.result;
    for (let index = 0; index < 3; index++) pair.server.sendUpdate(encodeApi({ _: 'updatesTooLong' }));
    for (const payload of pair.server.flush()) pair.client.receive(payload);
    expect(pair.clientEvents.filter((event) => event.type === 'update')).toHaveLength(3);
    expect(pair.client.flush()).toEqual([]);
    pair.client.invoke(deletePhotos(2n));
    const payloads = pair.client.flush();
    expect(payloads).toHaveLength(1);
    const bodies = decodeContainer(openClientPayload(payloads[0]!).body);
    const ack = decodeMtproto(bodies[0]!.body);
    expect(ack._).toBe('msgs_ack');
    expect(ack._ === 'msgs_ack' && ack.msg_ids.length).toBeGreaterThanOrEqual(3);
    expect(bodies[0]!.seqNo % 2).toBe(0);
    expect(bodies[1]!.seqNo % 2).toBe(1);
  });

  it('sends acks on their own once they waited long enough', () => {
    const pair = createPair({ client: { acks: { maxDelayMs: 500, maxPending: 100 } } });
    pair.client.ping();
    pair.pump();
    pair.server.sendUpdate(encodeApi({ _: 'updatesTooLong' }));
    for (const payload of pair.server.flush()) pair.client.receive(payload);
    expect(pair.client.flush()).toEqual([]);
    expect(pair.client.nextDeadline()).toBe(pair.clock.now() + 500);
    pair.clock.advance(500);
    pair.client.tick();
    const payloads = pair.client.flush();
    expect(payloads).toHaveLength(1);
    expect(decodeMtproto(openClientPayload(payloads[0]!).body)._).toBe('msgs_ack');
  });

  it('rejects a call whose timeout passes with SessionError("timeout") and asks to drop the answer', async () => {
    const pair = createPair({ handler: () => undefined });
    const call = pair.client.invoke(deletePhotos(1n), { timeoutMs: 5000 });
    pair.pump();
    let settled = false;
    call.result.catch(() => undefined).finally(() => (settled = true));
    pair.clock.advance(4999);
    pair.client.tick();
    await Promise.resolve();
    expect(settled).toBe(false);
    pair.clock.advance(1);
    pair.client.tick();
    const error = await call.result.catch((reason: unknown) => reason);
    expect(SessionError.isInstance(error) && error.reason).toBe('timeout');
    const payloads = pair.client.flush();
    const body = openClientPayload(payloads[0]!).body;
    const bodies =
      constructorOf(body) === ServiceMessageId.msgContainer
        ? decodeContainer(body).map((m) => m.body)
        : [body];
    expect(bodies.map((b) => decodeMtproto(b)._)).toContain('rpc_drop_answer');
  });

  it('rejects on abort and on close', async () => {
    const pair = createPair({ handler: () => undefined });
    const controller = new AbortController();
    const aborted = pair.client.invoke(deletePhotos(1n), { signal: controller.signal });
    const pending = pair.client.invoke(deletePhotos(2n));
    pair.pump();
    controller.abort();
    await expect(aborted.result).rejects.toMatchObject({ reason: 'aborted' });
    pair.client.close();
    await expect(pending.result).rejects.toMatchObject({ reason: 'closed' });
  });

  it('resends unacknowledged calls after a reconnect, but not acknowledged ones', async () => {
    const pair = createPair({ handler: echoHandler([]) });
    const lost = pair.client.invoke(deletePhotos(3n));
    const lostPayloads = pair.client.flush();
    expect(lostPayloads).toHaveLength(1);
    pair.client.resendUnacknowledged();
    pair.pump();
    await expect(lost.result).resolves.toEqual([3n]);
    pair.client.resendUnacknowledged();
    expect(pair.client.flush()).toEqual([]);
  });

  it('emits server pushes as raw update events', () => {
    const pair = createPair();
    pair.client.ping();
    pair.pump();
    const update = encodeApi({ _: 'updatesTooLong' });
    pair.server.sendUpdate(update);
    pair.pump();
    const updates = pair.clientEvents.filter((event) => event.type === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.type === 'update' && [...updates[0]!.body]).toEqual([...update]);
  });

  it('sends http_wait as a message that is not content-related, reported to the server driver', () => {
    const pair = createPair();
    pair.client.httpWait({ maxDelayMs: 0, waitAfterMs: 0, maxWaitMs: 25_000 });
    const payloads = pair.client.flush();
    expect(openClientPayload(payloads[0]!).seqNo % 2).toBe(0);
    for (const payload of payloads) pair.server.receive(payload);
    expect(pair.serverEvents).toContainEqual({
      type: 'http-wait',
      maxDelayMs: 0,
      waitAfterMs: 0,
      maxWaitMs: 25_000,
    });
    expect(pair.serverEvents.some((event) => event.type === 'message-rejected')).toBe(false);
  });

  it('drops server messages with an even msg_id or for another session, reporting them', async () => {
    const pair = createPair({ handler: echoHandler([]) });
    const call = pair.client.invoke(deletePhotos(4n));
    pair.pump();
    await call.result;
    const messageId = ((BigInt(Math.floor(pair.clock.now() / 1000)) << 32n) | 1000n) + 3n;
    const update = encodeApi({ _: 'updatesTooLong' });
    const base = { salt: 1n, sessionId: pair.client.sessionId, seqNo: 1, body: update };
    pair.client.receive(sealServerMessage({ ...base, messageId: messageId - 3n }));
    pair.client.receive(sealServerMessage({ ...base, messageId, sessionId: pair.client.sessionId + 1n }));
    expect(pair.clientEvents.filter((event) => event.type === 'security-error')).toHaveLength(2);
    expect(pair.clientEvents.some((event) => event.type === 'update')).toBe(false);
    pair.client.receive(sealServerMessage({ ...base, messageId }));
    expect(pair.clientEvents.filter((event) => event.type === 'update')).toHaveLength(1);
  });
  it('unwraps one container and one gzip_packed, but no container or gzip_packed nested through gzip', () => {
    const pair = createPair();
    pair.client.ping();
    pair.pump();
    const update = encodeApi({ _: 'updatesTooLong' });
    // Ids of the server's own kind (4k + 3), a second past the ones the ping exchange used.
    let nextId = ((BigInt(Math.floor(pair.clock.now() / 1000)) + 1n) << 32n) + 3n;
    const id = (): bigint => (nextId += 4n);
    const receive = (body: Uint8Array): void =>
      pair.client.receive(
        sealServerMessage({ salt: 1n, sessionId: pair.client.sessionId, messageId: id(), seqNo: 1, body }),
      );
    const updates = (): number => pair.clientEvents.filter((event) => event.type === 'update').length;
    const decodeErrors = (): string[] =>
      pair.clientEvents.flatMap((event) => (event.type === 'decode-error' ? [event.error.message] : []));

    // What a server may send: gzip_packed around a container of gzip_packed messages.
    receive(gzipPacked(encodeContainer([{ messageId: id(), seqNo: 1, body: gzipPacked(update) }])));
    expect(updates()).toBe(1);
    expect(decodeErrors()).toEqual([]);

    // A container inside a gzip_packed inside a container: refused, the update in it never emitted.
    const inner = encodeContainer([{ messageId: id(), seqNo: 1, body: update }]);
    receive(encodeContainer([{ messageId: id(), seqNo: 1, body: gzipPacked(inner) }]));
    // gzip_packed inside gzip_packed: refused as well.
    receive(gzipPacked(gzipPacked(update)));
    expect(updates()).toBe(1);
    expect(decodeErrors()).toEqual([
      expect.stringMatching(/containers do not nest/),
      expect.stringMatching(/gzip_packed holds another gzip_packed/),
    ]);

    // Nested 3,000 deep (a 230 KB message), that used to overflow the stack out of receive().
    let deep = update;
    for (let level = 0; level < 3000; level++)
      deep = gzipPacked(encodeContainer([{ messageId: id(), seqNo: 1, body: deep }]));
    expect(() => receive(deep)).not.toThrow();
    expect(updates()).toBe(1);
    expect(decodeErrors()).toHaveLength(3);

    // The session goes on.
    receive(update);
    expect(updates()).toBe(2);
  });

  it('caps what one received envelope may inflate to, across all its gzip_packed messages', () => {
    const pair = createPair({ client: { maxInflatedSize: 10_000 } });
    pair.client.ping();
    pair.pump();
    let nextId = ((BigInt(Math.floor(pair.clock.now() / 1000)) + 1n) << 32n) + 3n;
    const id = (): bigint => (nextId += 4n);
    const receive = (body: Uint8Array): void =>
      pair.client.receive(
        sealServerMessage({ salt: 1n, sessionId: pair.client.sessionId, messageId: id(), seqNo: 1, body }),
      );
    const updates = (): number => pair.clientEvents.filter((event) => event.type === 'update').length;
    // An update body of 3,000 bytes (updatesTooLong's id, then zeros): tiny packed, 3,000 inflated.
    const update = new Uint8Array(3000);
    update.set(encodeApi({ _: 'updatesTooLong' }));
    const packedMessages = (count: number) =>
      encodeContainer(
        Array.from({ length: count }, () => ({ messageId: id(), seqNo: 1, body: gzipPacked(update) })),
      );

    // Each message is far under the cap, but together five inflate to 15,000 bytes: the first three
    // fit in the envelope's 10,000, the last two are refused.
    receive(packedMessages(5));
    expect(updates()).toBe(3);
    const refused = pair.clientEvents.filter((event) => event.type === 'decode-error');
    expect(refused).toHaveLength(2);
    // The budget is per envelope: the next one starts afresh.
    receive(packedMessages(3));
    expect(updates()).toBe(6);
  });
});
