import { TlWriter } from '../../src/tl/binary/tl-writer';
import type { ServerRequest } from '../../src/session/server-request';
import { unwrapRequest } from '../../src/session/server-request';
import type { AuthBindTempAuthKeyRequest } from '../../src/tl/generated/api-types';
import { createPair } from './session-test-pair';

const connection = {
  apiId: 1,
  deviceModel: 'test',
  systemVersion: 'test',
  appVersion: '1.0',
  systemLangCode: 'en',
  langPack: '',
  langCode: 'en',
};

/** A request that carries the msg_id it was built for (in perm_auth_key_id, for the test). */
function carrying(messageId: bigint): AuthBindTempAuthKeyRequest {
  return {
    _: 'auth.bindTempAuthKey',
    perm_auth_key_id: messageId,
    nonce: 7n,
    expires_at: 0,
    encrypted_message: new Uint8Array(16),
  };
}

describe('ClientSession.invokeWithMessageId', () => {
  /** What the server saw: the request's msg_id, the method and the msg_id the body names. */
  function recordingHandler(seen: { messageId: bigint; method: string; named: bigint | undefined }[]) {
    return (request: ServerRequest): void => {
      const query = unwrapRequest(request.decode()).query;
      seen.push({
        messageId: request.messageId,
        method: query._,
        named: query._ === 'auth.bindTempAuthKey' ? query.perm_auth_key_id : undefined,
      });
      const answer = new TlWriter(4);
      answer.writeBool(true);
      if (query._ === 'auth.bindTempAuthKey') request.reply(answer.finish());
      else request.replyObject({ _: 'nearestDc', country: 'NL', this_dc: 2, nearest_dc: 4 });
    };
  }

  it('builds the request from the msg_id it leaves with, alone and without the initConnection wrapper', async () => {
    const seen: { messageId: bigint; method: string; named: bigint | undefined }[] = [];
    const pair = createPair({ handler: recordingHandler(seen), client: { connection } });
    const built: bigint[] = [];
    const call = pair.client.invokeWithMessageId((messageId) => {
      built.push(messageId);
      return carrying(messageId);
    });
    const other = pair.client.invoke({ _: 'help.getNearestDc' });
    // Two envelopes, not one container: the request built from its msg_id travels alone.
    const first = pair.client.flush();
    expect(first).toHaveLength(2);
    for (const payload of first) pair.server.receive(payload);
    pair.pump();
    await expect(call.result).resolves.toBe(true);
    await expect(other.result).resolves.toMatchObject({ nearest_dc: 4 });
    expect(built).toEqual([call.messageId]);
    const bind = seen.find((request) => request.method === 'auth.bindTempAuthKey')!;
    expect(bind.named).toBe(bind.messageId);
    expect(bind.messageId).toBe(call.messageId);
    // The first call was still the one wrapped in initConnection (the server unwrapped it).
    expect(seen.map((request) => request.method)).toEqual(['auth.bindTempAuthKey', 'help.getNearestDc']);
  });

  it('builds it again for a resend, which takes a new msg_id (bad_server_salt)', async () => {
    const seen: { messageId: bigint; method: string; named: bigint | undefined }[] = [];
    const pair = createPair({
      handler: recordingHandler(seen),
      salts: { windowSeconds: 60, graceSeconds: 0 },
    });
    const warmUp = pair.client.invoke({ _: 'help.getNearestDc' });
    pair.pump();
    await warmUp.result;
    pair.clock.advance(125_000);
    const built: bigint[] = [];
    const call = pair.client.invokeWithMessageId((messageId) => {
      built.push(messageId);
      return carrying(messageId);
    });
    pair.pump();
    await expect(call.result).resolves.toBe(true);
    expect(pair.serverEvents).toContainEqual(expect.objectContaining({ type: 'message-rejected', code: 48 }));
    expect(built).toHaveLength(2);
    expect(built[1]).toBeGreaterThan(built[0]!);
    const bind = seen.find((request) => request.method === 'auth.bindTempAuthKey')!;
    expect(bind).toEqual({ messageId: built[1], method: 'auth.bindTempAuthKey', named: built[1] });
  });
});
