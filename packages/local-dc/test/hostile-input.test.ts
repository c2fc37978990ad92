/**
 * Malformed and hostile requests over real sockets (issue 4): each gets Telegram's answer (an error
 * code, a transport error, a closed connection), the server keeps serving other clients, and the world
 * is exactly as it was (compared with a snapshot taken before).
 */
import { randomBytes } from 'node:crypto';
import {
  encodeApi,
  encodeMtproto,
  MemoryStorage,
  SessionStorageKeys,
  type Api,
  type MtprotoClient,
} from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';
import { RawSession, RawSocket, rpcResultOf } from './raw-mtproto-socket';

describe('hostile input never crashes the local DC nor changes its world', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let supergroup: ChannelRecord;
  let bot: MtprotoClient;
  let witness: MtprotoClient;
  let authKey: Uint8Array;
  let salt: bigint;
  let before: unknown;
  let document: Api.Document;
  const logs: string[] = [];
  const aliceInput = (): Api.TypeInputPeer => ({
    _: 'inputPeerUser',
    user_id: alice.id,
    access_hash: alice.accessHash,
  });

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false, log: (line) => logs.push(line) });
    alice = dc.createUser({ firstName: 'Alice' });
    supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Hostile',
      memberIds: [dc.defaultBot.id],
    });
    const storage = new MemoryStorage();
    bot = createClient(dc, storage);
    await loginBot(bot, dc.info.botToken);
    authKey = (await storage.get(SessionStorageKeys.authKey(dc.info.dcId)))!.key;
    salt = (await storage.get(SessionStorageKeys.serverSalts(dc.info.dcId)))![0]!.salt;
    const other = dc.createBot({ firstName: 'Witness' });
    witness = createClient(dc);
    await loginBot(witness, other.token);
    // Something in the world to corrupt: a chat with a message each way.
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    await bot.invoke({ _: 'messages.sendMessage', peer: aliceInput(), message: 'hello', random_id: 1n });
    await bot.invoke({
      _: 'upload.saveFilePart',
      file_id: 1n,
      file_part: 0,
      bytes: new Uint8Array(5000).fill(7),
    });
    const sent = (await bot.invoke({
      _: 'messages.sendMedia',
      peer: aliceInput(),
      media: {
        _: 'inputMediaUploadedDocument',
        file: { _: 'inputFile', id: 1n, parts: 1, name: 'seven.bin', md5_checksum: '' },
        mime_type: 'application/octet-stream',
        attributes: [],
      },
      message: '',
      random_id: 2n,
    })) as Api.Updates;
    const update = sent.updates.find((each) => each._ === 'updateNewMessage')!;
    const media = (update.message as Api.Message).media as Api.MessageMediaDocument;
    document = media.document as Api.Document;
  });

  afterAll(async () => {
    await Promise.all([bot.close(), witness.close()]);
    await dc.stop();
  });

  beforeEach(() => {
    before = dc.world.exportState();
  });

  /** The server still answers another client, and nothing in the world moved. */
  afterEach(async () => {
    await expect(witness.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
    expect(dc.world.exportState()).toEqual(before);
  });

  const session = async (sessionId = BigInt.asIntN(64, randomBytes(8).readBigUInt64LE())) =>
    new RawSession(await RawSocket.open(dc.info.port), authKey, salt, sessionId);

  describe('transport', () => {
    it('closes a connection that starts with garbage instead of a framing tag', async () => {
      const socket = await RawSocket.open(dc.info.port, { tag: false });
      // 0xef... is the abridged tag; anything else 64 bytes long is read as an obfuscated init.
      socket.write(Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x02]), randomBytes(124)]));
      socket.write(randomBytes(300));
      await socket.closed;
    });

    it('answers garbage after the handshake with -404 and closes', async () => {
      const socket = await RawSocket.open(dc.info.port);
      socket.writeFrame(randomBytes(72));
      const frame = await socket.nextFrame();
      expect(frame === undefined || Buffer.from(frame).readInt32LE(0) === -404).toBe(true);
      await socket.closed;
    });

    it('closes on a frame longer than any MTProto message', async () => {
      const socket = await RawSocket.open(dc.info.port);
      socket.writeFrame(randomBytes(16), 0x7ffffff0);
      await socket.closed;
    });

    it('forgets a truncated frame when the client hangs up', async () => {
      const socket = await RawSocket.open(dc.info.port);
      socket.writeFrame(randomBytes(10), 1000);
      socket.close();
      await socket.closed;
    });

    it('serves a real client while 40 connections send garbage at the same time', async () => {
      const sockets = await Promise.all(Array.from({ length: 40 }, () => RawSocket.open(dc.info.port)));
      sockets.forEach((socket, index) => {
        if (index % 2 === 0) socket.writeFrame(randomBytes(64 + index));
        else socket.write(randomBytes(9000));
      });
      await expect(bot.invoke({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })).resolves.toEqual([
        expect.objectContaining({ id: dc.defaultBot.id }),
      ]);
      for (const socket of sockets) socket.close();
      await Promise.all(sockets.map((socket) => socket.closed));
    });

    it('closes on a plain (unencrypted) message that is not a key exchange step', async () => {
      const socket = await RawSocket.open(dc.info.port);
      const plain = Buffer.alloc(40);
      plain.writeBigUInt64LE(BigInt(Math.floor(Date.now() / 1000)) << 32n, 8);
      plain.writeInt32LE(20, 16);
      randomBytes(20).copy(plain, 20);
      socket.writeFrame(plain);
      await socket.closed;
    });
  });

  describe('encrypted envelopes', () => {
    it('answers an unknown auth_key_id with -404', async () => {
      const stranger = new RawSession(await RawSocket.open(dc.info.port), randomBytes(256), salt, 1n);
      stranger.send(encodeApi({ _: 'updates.getState' }));
      expect(await stranger.next()).toEqual({ kind: 'transport-error', code: -404 });
      await stranger.socket.closed;
    });

    it('answers a bad msg_key with -404 and runs nothing', async () => {
      const raw = await session();
      const envelope = raw.envelope(
        encodeApi({
          _: 'messages.sendMessage',
          peer: aliceInput(),
          message: 'forged',
          random_id: 77n,
        }),
      );
      envelope[8] ^= 0xff; // first byte of msg_key
      raw.socket.writeFrame(envelope);
      // Telegram drops such a message (core.telegram.org/mtproto/security_guidelines): no answer to
      // it; the connection may be closed, or live on and answer a ping.
      raw.send(encodeMtproto({ _: 'ping', ping_id: 6n }));
      const seen: string[] = [];
      for (let answer = await raw.next(); answer !== undefined; answer = await raw.next()) {
        if (answer.kind === 'transport-error') {
          seen.push(`transport ${answer.code}`);
          break;
        }
        const bodies =
          answer.body._ === 'msg_container' ? answer.body.messages.map((each) => each.body) : [answer.body];
        seen.push(...bodies.map((each) => each._));
        if (bodies.some((each) => each._ === 'pong')) break;
      }
      expect(seen).not.toContain('rpc_result');
      expect(seen.length).toBeGreaterThan(0);
      raw.socket.close();
    });

    it('runs a replayed message once', async () => {
      const raw = await session();
      const body = encodeApi({ _: 'updates.getState' });
      const msgId = raw.nextMsgId();
      const envelope = raw.envelope(body, msgId);
      raw.socket.writeFrame(envelope);
      const first = await raw.waitFor((each) => each._ === 'rpc_result');
      expect(rpcResultOf(first, msgId)).toMatchObject({ _: 'updates.state' });
      raw.socket.writeFrame(envelope);
      // A ping after the replay: everything up to its pong shows what the replay got.
      const pingId = raw.send(encodeMtproto({ _: 'ping', ping_id: 5n }));
      const after = await raw.waitFor((each) => each._ === 'pong');
      expect(pingId).toBeGreaterThan(msgId);
      expect(after.filter((each) => each._ === 'rpc_result')).toEqual([]);
      raw.socket.close();
    });

    it('answers a wrong salt with bad_server_salt and does not run the call', async () => {
      const raw = await session();
      raw.salt = salt ^ 0x5a5a5a5an;
      const msgId = raw.send(
        encodeApi({
          _: 'messages.sendMessage',
          peer: aliceInput(),
          message: 'salted',
          random_id: 78n,
        }),
      );
      const seen = await raw.waitFor((each) => each._ === 'bad_server_salt');
      expect(seen.find((each) => each._ === 'bad_server_salt')).toMatchObject({
        bad_msg_id: msgId,
        error_code: 48,
      });
      expect(rpcResultOf(seen, msgId)).toBeUndefined();
      raw.socket.close();
    });

    it('starts a new session for an unknown session id (new_session_created), and answers in it', async () => {
      const raw = await session(123456789n);
      const msgId = raw.send(encodeApi({ _: 'updates.getState' }));
      const seen = await raw.waitFor((each) => each._ === 'rpc_result');
      expect(seen.map((each) => each._)).toContain('new_session_created');
      expect(rpcResultOf(seen, msgId)).toMatchObject({ _: 'updates.state' });
      raw.socket.close();
    });

    it('answers msg_ids from the far past or future, or not divisible by 4, with bad_msg_notification', async () => {
      const raw = await session();
      const body = encodeApi({ _: 'updates.getState' });
      const now = BigInt(Math.floor(Date.now() / 1000));
      const cases: Array<[bigint, number]> = [
        [(now - 3600n) << 32n, 16],
        [(now + 3600n) << 32n, 17],
        [(now << 32n) | 5n, 18],
      ];
      for (const [msgId, code] of cases) {
        raw.send(body, msgId);
        const seen = await raw.waitFor((each) => each._ === 'bad_msg_notification');
        expect(seen.find((each) => each._ === 'bad_msg_notification')).toMatchObject({
          bad_msg_id: msgId,
          error_code: code,
        });
      }
      raw.socket.close();
    });

    /** Sends `body` as one message and expects `400 <text>` as its answer. */
    async function expectRpcError(raw: RawSession, body: Uint8Array, text: string): Promise<void> {
      const msgId = raw.send(body);
      const seen = await raw.waitFor((_, soFar) => rpcResultOf(soFar, msgId) !== undefined);
      expect(rpcResultOf(seen, msgId)).toMatchObject({
        _: 'rpc_error',
        error_code: 400,
        error_message: text,
      });
    }

    it('answers an unknown constructor with 400 INPUT_METHOD_INVALID', async () => {
      const raw = await session();
      await expectRpcError(
        raw,
        Uint8Array.from([0x78, 0x56, 0x34, 0x12, 1, 2, 3, 4]),
        'INPUT_METHOD_INVALID',
      );
      raw.socket.close();
    });

    it('answers a known method with truncated or trailing arguments with 400 INPUT_FETCH_ERROR', async () => {
      const raw = await session();
      const full = encodeApi({
        _: 'messages.sendMessage',
        peer: aliceInput(),
        message: 'cut',
        random_id: 79n,
      });
      const wrapped = encodeApi({
        _: 'invokeWithLayer',
        layer: 1,
        query: { _: 'messages.sendMessage', peer: aliceInput(), message: 'cut', random_id: 80n },
      });
      const bodies = [
        full.subarray(0, full.length - 8), // random_id cut off
        full.subarray(0, 8), // flags, then nothing
        Uint8Array.from([...full, 0, 0, 0, 0]), // four bytes past the end
        wrapped.subarray(0, wrapped.length - 4), // the query inside invokeWithLayer cut short
      ];
      for (const body of bodies) await expectRpcError(raw, body, 'INPUT_FETCH_ERROR');
      // Nothing ran: no message was sent to Alice by any of them.
      expect(dc.history(alice.id, dc.defaultBot.id).map((each) => each.text)).not.toContain('cut');
      raw.socket.close();
    });

    it('answers an unknown method inside invokeWithLayer with 400 INPUT_METHOD_INVALID', async () => {
      const raw = await session();
      const wrapped = new Uint8Array(12);
      const view = new DataView(wrapped.buffer);
      view.setUint32(0, 0xda9b0d0d, true); // invokeWithLayer
      view.setInt32(4, 1, true);
      view.setUint32(8, 0x12345678, true); // no method of the schema
      await expectRpcError(raw, wrapped, 'INPUT_METHOD_INVALID');
      raw.socket.close();
    });

    it('drops a method whose length is not a multiple of 4 (a bad envelope), and the connection still answers', async () => {
      // message_data_length must be divisible by 4 (core.telegram.org/mtproto/security_guidelines):
      // such an envelope is dropped unanswered, before any method is read.
      const raw = await session();
      const full = encodeApi({
        _: 'messages.sendMessage',
        peer: aliceInput(),
        message: 'cut',
        random_id: 81n,
      });
      const msgId = raw.send(full.subarray(0, full.length - 9));
      raw.send(encodeMtproto({ _: 'ping', ping_id: 7n }));
      const seen = await raw.waitFor((each) => each._ === 'pong');
      expect(rpcResultOf(seen, msgId)).toBeUndefined();
      raw.socket.close();
    });
  });

  describe('method arguments', () => {
    const channelInput = (accessHash = supergroup.accessHash): Api.TypeInputPeer => ({
      _: 'inputPeerChannel',
      channel_id: supergroup.id,
      access_hash: accessHash,
    });
    const send = (peer: Api.TypeInputPeer, message: string, randomId = 1000n) =>
      bot.invoke({ _: 'messages.sendMessage', peer, message, random_id: randomId });
    const expectError = async (call: Promise<unknown>, text: string, code = 400) =>
      expect(call).rejects.toEqual(rpcErrorOf(text, code));

    it('refuses empty, too long and badly addressed messages', async () => {
      await expectError(send(aliceInput(), ''), 'MESSAGE_EMPTY');
      await expectError(send(aliceInput(), 'x'.repeat(4097)), 'MESSAGE_TOO_LONG');
      await expectError(
        send({ _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash ^ 1n }, 'hi'),
        'PEER_ID_INVALID',
      );
      await expectError(
        send({ _: 'inputPeerUser', user_id: 424242n, access_hash: 0n }, 'hi'),
        'PEER_ID_INVALID',
      );
      await expectError(send({ _: 'inputPeerChat', chat_id: -5n }, 'hi'), 'PEER_ID_INVALID');
      await expectError(send(channelInput(supergroup.accessHash ^ 1n), 'hi'), 'CHANNEL_INVALID');
      await expectError(send({ _: 'inputPeerEmpty' }, 'hi'), 'PEER_ID_INVALID');
      await expectError(
        bot.invoke({ _: 'messages.editMessage', peer: aliceInput(), id: 999_999, message: 'x' }),
        'MESSAGE_ID_INVALID',
      );
      await expectError(
        bot.invoke({ _: 'messages.editMessage', peer: aliceInput(), id: -1, message: 'x' }),
        'MESSAGE_ID_INVALID',
      );
    });

    it('answers negative limits and huge offsets without crashing', async () => {
      const channel: Api.TypeInputChannel = {
        _: 'inputChannel',
        channel_id: supergroup.id,
        access_hash: supergroup.accessHash,
      };
      await expectError(
        bot.invoke({
          _: 'updates.getChannelDifference',
          channel,
          filter: { _: 'channelMessagesFilterEmpty' },
          pts: 1,
          limit: -5,
        }),
        'LIMIT_INVALID',
      );
      await expectError(
        bot.invoke({
          _: 'updates.getChannelDifference',
          channel,
          filter: { _: 'channelMessagesFilterEmpty' },
          pts: 2 ** 31 - 1,
          limit: 10,
        }),
        'PERSISTENT_TIMESTAMP_INVALID',
      );
      const page = (await bot.invoke({
        _: 'channels.getParticipants',
        channel,
        filter: { _: 'channelParticipantsRecent' },
        offset: 2 ** 31 - 1,
        limit: -1,
        hash: 0n,
      })) as Api.ChannelsChannelParticipants;
      expect(page.participants).toEqual([]);
      await expectError(
        bot.invoke({ _: 'updates.getDifference', pts: -1, date: 0, qts: 0 }),
        'PERSISTENT_TIMESTAMP_INVALID',
      );
      await expect(
        bot.invoke({ _: 'updates.getDifference', pts: 2 ** 31 - 1, date: 0, qts: 2 ** 31 - 1 }),
      ).resolves.toMatchObject({ _: 'updates.differenceEmpty' });
      const messages = (await bot.invoke({
        _: 'messages.getMessages',
        id: [
          { _: 'inputMessageID', id: -7 },
          { _: 'inputMessageID', id: 2 ** 31 - 1 },
        ],
      })) as Api.MessagesMessages;
      expect(messages.messages.map((each) => each._)).toEqual(['messageEmpty', 'messageEmpty']);
      // A wrong access hash learns nothing about the user.
      const users = (await bot.invoke({
        _: 'users.getUsers',
        id: [{ _: 'inputUser', user_id: alice.id, access_hash: 1n }],
      })) as Api.TypeUser[];
      expect(users.filter((each) => each._ === 'user')).toEqual([]);
    });

    it('refuses bad file parts and bad getFile ranges', async () => {
      const fileId = 555n;
      const part = (file_part: number, bytes: Uint8Array) =>
        bot.invoke({ _: 'upload.saveFilePart', file_id: fileId, file_part, bytes });
      const bigPart = (file_part: number, file_total_parts: number, bytes: Uint8Array) =>
        bot.invoke({ _: 'upload.saveBigFilePart', file_id: 556n, file_part, file_total_parts, bytes });
      await expectError(part(0, new Uint8Array(0)), 'FILE_PART_EMPTY');
      await expectError(part(-1, new Uint8Array(1024)), 'FILE_PART_INVALID');
      await expectError(part(4000, new Uint8Array(1024)), 'FILE_PART_INVALID');
      await expectError(part(0, new Uint8Array(512 * 1024 + 1)), 'FILE_PART_TOO_BIG');
      await expectError(bigPart(5, 5, new Uint8Array(1024)), 'FILE_PART_INVALID');
      await expectError(bigPart(0, 0, new Uint8Array(1024)), 'FILE_PARTS_INVALID');
      await expect(bigPart(0, 3, new Uint8Array(1024))).resolves.toBe(true);
      await expectError(bigPart(1, 4, new Uint8Array(1024)), 'FILE_PARTS_INVALID');
      // Parts of 1000 then 1024 bytes: the first is not a multiple of 1 KiB, only the last may be.
      await expect(part(0, new Uint8Array(1000))).resolves.toBe(true);
      await expect(part(1, new Uint8Array(1024))).resolves.toBe(true);
      await expectError(
        bot.invoke({
          _: 'messages.sendMedia',
          peer: aliceInput(),
          media: {
            _: 'inputMediaUploadedDocument',
            file: { _: 'inputFile', id: fileId, parts: 2, name: 'a.bin', md5_checksum: '' },
            mime_type: 'application/octet-stream',
            attributes: [],
          },
          message: '',
          random_id: 9n,
        }),
        'FILE_PART_SIZE_INVALID',
      );
      await expectError(
        bot.invoke({
          _: 'messages.sendMedia',
          peer: aliceInput(),
          media: {
            _: 'inputMediaUploadedDocument',
            file: { _: 'inputFile', id: 999n, parts: 3, name: 'a.bin', md5_checksum: '' },
            mime_type: 'application/octet-stream',
            attributes: [],
          },
          message: '',
          random_id: 10n,
        }),
        'FILE_PART_0_MISSING',
      );
      const location: Api.TypeInputFileLocation = {
        _: 'inputDocumentFileLocation',
        id: document.id,
        access_hash: document.access_hash,
        file_reference: document.file_reference,
        thumb_size: '',
      };
      await expectError(
        bot.invoke({ _: 'upload.getFile', location: { ...location, id: 12345n }, offset: 0n, limit: 4096 }),
        'FILE_ID_INVALID',
      );
      await expectError(
        bot.invoke({
          _: 'upload.getFile',
          location: { ...location, access_hash: 1n },
          offset: 0n,
          limit: 4096,
        }),
        'FILE_ID_INVALID',
      );
      await expectError(
        bot.invoke({
          _: 'upload.getFile',
          location: { ...location, file_reference: new Uint8Array(0) },
          offset: 0n,
          limit: 4096,
        }),
        'FILE_REFERENCE_EMPTY',
      );
      // Past the end: empty bytes, as Telegram tells a client it has everything.
      const past = (await bot.invoke({
        _: 'upload.getFile',
        location,
        offset: 2n ** 62n,
        limit: 4096,
      })) as Api.UploadFile;
      expect(past.bytes).toHaveLength(0);
      for (const [offset, limit, text] of [
        [1n, 4096, 'OFFSET_INVALID'],
        [-4096n, 4096, 'OFFSET_INVALID'],
        [0n, 0, 'LIMIT_INVALID'],
        [0n, -4096, 'LIMIT_INVALID'],
        [0n, 4097, 'LIMIT_INVALID'],
        [0n, 2 * 1024 * 1024, 'LIMIT_INVALID'],
      ] as const) {
        await expectError(bot.invoke({ _: 'upload.getFile', location, offset, limit }), text);
      }
    });
  });
});
