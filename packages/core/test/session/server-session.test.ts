import { createSeededRandomSource } from '../../src/crypto/random-source';
import { decodeContainer, encodeContainer } from '../../src/session/message-container';
import type { ServerRequest } from '../../src/session/server-request';
import { ServiceMessageId } from '../../src/session/service-message-ids';
import type * as Mtproto from '../../src/tl/generated/mtproto-types';
import { decodeMtproto, encodeApi, encodeMtproto } from '../../src/tl/tl-codec';
import {
  INITIAL_SALT,
  START_TIME,
  constructorOf,
  createPair,
  openServerPayload,
  sealClientMessage,
} from './session-test-pair';

const SESSION_ID = 0x5e5510n;
const NOW_SECONDS = START_TIME / 1000;

/** A client msg_id `seconds` from the server's now, the `index`-th within that second. */
function messageIdAt(offsetSeconds: number, index: number): bigint {
  return (BigInt(NOW_SECONDS + offsetSeconds) << 32n) | BigInt(index * 4);
}

const request = encodeApi({ _: 'help.getConfig' });

function setUp() {
  const requests: ServerRequest[] = [];
  const pair = createPair({ handler: (incoming) => requests.push(incoming) });
  const send = (messageId: bigint, seqNo: number, body: Uint8Array, salt = INITIAL_SALT): void =>
    pair.server.receive(sealClientMessage({ salt, sessionId: SESSION_ID, messageId, seqNo, body }));
  /** Everything the server sends back, decoded, containers opened. */
  const replies = (): Mtproto.TlAnyObject[] =>
    pair.server.flush().flatMap((payload) => {
      const inner = openServerPayload(payload);
      expect(inner.sessionId).toBe(SESSION_ID);
      expect(inner.messageId % 2n).toBe(1n);
      const bodies =
        constructorOf(inner.body) === ServiceMessageId.msgContainer
          ? decodeContainer(inner.body).map((message) => message.body)
          : [inner.body];
      return bodies.map((body) => decodeMtproto(body));
    });
  const rejections = (): number[] =>
    replies().flatMap((reply) =>
      reply._ === 'bad_msg_notification' || reply._ === 'bad_server_salt' ? [reply.error_code] : [],
    );
  return { pair, requests, send, replies, rejections };
}

describe('ServerSession', () => {
  it('announces a new session, hands the request over and answers it with rpc_result', () => {
    const { pair, requests, send, replies } = setUp();
    send(messageIdAt(0, 1), 1, request);
    expect(pair.serverEvents).toContainEqual({ type: 'session-started', sessionId: SESSION_ID });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.decode()._).toBe('help.getConfig');
    requests[0]!.replyObject({ _: 'updatesTooLong' });
    const sent = replies();
    const created = sent.find((reply) => reply._ === 'new_session_created') as Mtproto.NewSessionCreated;
    expect(created.first_msg_id).toBe(messageIdAt(0, 1));
    expect(created.server_salt).toBe(INITIAL_SALT);
    const result = sent.find((reply) => reply._ === 'rpc_result') as Mtproto.RpcResult;
    expect(result).toEqual({
      _: 'rpc_result',
      req_msg_id: messageIdAt(0, 1),
      result: { _: 'updatesTooLong' },
    });
    expect(sent.find((reply) => reply._ === 'msgs_ack')).toEqual({
      _: 'msgs_ack',
      msg_ids: [messageIdAt(0, 1)],
    });
  });

  it.each([
    ['msg_id not divisible by 4', 18, messageIdAt(0, 1) | 1n, 1],
    ['msg_id 400 s in the past', 16, messageIdAt(-400, 1), 1],
    ['msg_id 60 s in the future', 17, messageIdAt(60, 1), 1],
    ['a request with an even seq_no', 35, messageIdAt(0, 1), 2],
  ])('refuses %s with bad_msg_notification %i', (_name, code, messageId, seqNo) => {
    const { requests, send, rejections } = setUp();
    send(messageId, seqNo, request);
    expect(rejections()).toEqual([code]);
    expect(requests).toHaveLength(0);
  });

  it('refuses an odd seq_no on msgs_ack (34), a seq_no too low (32) and too high (33)', () => {
    const { send, rejections } = setUp();
    send(messageIdAt(0, 1), 1, encodeMtproto({ _: 'msgs_ack', msg_ids: [] }));
    expect(rejections()).toEqual([34]);
    send(messageIdAt(0, 10), 5, request);
    send(messageIdAt(0, 11), 3, request);
    expect(rejections()).toEqual([32]);
    send(messageIdAt(0, 5), 7, request);
    expect(rejections()).toEqual([33]);
  });

  it('refuses a wrong salt with bad_server_salt carrying the current salt', () => {
    const { send, replies, requests } = setUp();
    send(messageIdAt(0, 1), 1, request, 42n);
    const [reply] = replies();
    expect(reply).toMatchObject({ _: 'bad_server_salt', error_code: 48, new_server_salt: INITIAL_SALT });
    expect(requests).toHaveLength(0);
  });

  it('ignores a message received twice and refuses a container that reuses an id (19)', () => {
    const { pair, send, requests, rejections } = setUp();
    send(messageIdAt(0, 1), 1, request);
    send(messageIdAt(0, 1), 1, request);
    expect(requests).toHaveLength(1);
    expect(pair.serverEvents).toContainEqual({ type: 'duplicate-message', messageId: messageIdAt(0, 1) });
    rejections();
    const container = encodeContainer([{ messageId: messageIdAt(0, 2), seqNo: 3, body: request }]);
    send(messageIdAt(0, 3), 4, container);
    expect(requests).toHaveLength(2);
    send(messageIdAt(0, 3), 4, container);
    expect(rejections()).toEqual([19]);
  });

  it('refuses a container whose messages have ids above its own (64)', () => {
    const { send, rejections, requests } = setUp();
    const container = encodeContainer([{ messageId: messageIdAt(0, 9), seqNo: 1, body: request }]);
    send(messageIdAt(0, 2), 2, container);
    expect(rejections()).toEqual([64]);
    expect(requests).toHaveLength(0);
  });

  it('reports an unknown auth key and a bad msg_key as -404, without crashing', () => {
    const { pair, send, requests } = setUp();
    const otherKey = createSeededRandomSource('other')(8);
    const foreign = sealClientMessage({
      salt: INITIAL_SALT,
      sessionId: SESSION_ID,
      messageId: messageIdAt(0, 1),
      seqNo: 1,
      body: request,
    });
    foreign.set(otherKey, 0);
    pair.server.receive(foreign);
    const tampered = sealClientMessage({
      salt: INITIAL_SALT,
      sessionId: SESSION_ID,
      messageId: messageIdAt(0, 1),
      seqNo: 1,
      body: request,
    });
    tampered[40]! ^= 1;
    pair.server.receive(tampered);
    pair.server.receive(new Uint8Array(3));
    const unknown = pair.serverEvents.filter((event) => event.type === 'unknown-auth-key');
    expect(unknown).toHaveLength(2);
    expect(unknown[0]!.type === 'unknown-auth-key' && unknown[0]!.error.code).toBe(-404);
    expect(pair.serverEvents).toContainEqual(
      expect.objectContaining({ type: 'security-error', transportErrorCode: -404 }),
    );
    send(messageIdAt(0, 2), 1, request);
    expect(requests).toHaveLength(1);
  });

  it('answers ping_delay_disconnect, get_future_salts, msgs_state_req and destroy_session itself', () => {
    const { pair, send, replies, requests } = setUp();
    send(
      messageIdAt(0, 1),
      1,
      encodeMtproto({ _: 'ping_delay_disconnect', ping_id: 77n, disconnect_delay: 75 }),
    );
    send(messageIdAt(0, 2), 3, encodeMtproto({ _: 'get_future_salts', num: 3 }));
    send(
      messageIdAt(0, 3),
      4,
      encodeMtproto({ _: 'msgs_state_req', msg_ids: [messageIdAt(0, 1), messageIdAt(0, 50)] }),
    );
    send(messageIdAt(0, 4), 5, encodeMtproto({ _: 'destroy_session', session_id: 999n }));
    expect(requests).toHaveLength(0);
    expect(pair.serverEvents).toContainEqual({ type: 'disconnect-delay', seconds: 75 });
    const sent = replies();
    expect(sent).toContainEqual({ _: 'pong', msg_id: messageIdAt(0, 1), ping_id: 77n });
    const salts = sent.find((reply) => reply._ === 'future_salts') as Mtproto.FutureSalts;
    expect(salts.salts).toHaveLength(3);
    expect(salts.salts[0]!.salt).toBe(INITIAL_SALT);
    const states = sent.find((reply) => reply._ === 'msgs_state_info') as Mtproto.MsgsStateInfo;
    expect([...states.info]).toEqual([4, 3]);
    expect(sent).toContainEqual({ _: 'destroy_session_none', session_id: 999n });
  });
});
