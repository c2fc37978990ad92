/**
 * random_id deduplication (core.telegram.org/api/updates#updatemessageid-updates): a message sent
 * again with a random id the account already used gets 500 RANDOM_ID_DUPLICATE and is not sent twice,
 * in any chat, also after a restart with a data dir.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';

describe('random_id deduplication', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mtbot-local-dc-random-ids-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a random id used before by the same account, in any chat and method; survives a restart', async () => {
    let dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir, saveDebounceMs: 0 });
    const alice = dc.createUser({ firstName: 'Alice' });
    const bob = dc.createUser({ firstName: 'Bob' });
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'G', memberIds: [dc.defaultBot.id] });
    const other = dc.createBot({ firstName: 'Other' });
    const peerOf = (user: typeof alice): Api.TypeInputPeer => ({
      _: 'inputPeerUser',
      user_id: user.id,
      access_hash: user.accessHash,
    });
    let bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
    const send = (peer: Api.TypeInputPeer, randomId: bigint, message = 'hi') =>
      bot.invoke({ _: 'messages.sendMessage', peer, message, random_id: randomId });

    // A refused call does not use up its random id.
    await expect(send(peerOf(alice), 10n, '')).rejects.toEqual(rpcErrorOf('MESSAGE_EMPTY', 400));
    await send(peerOf(alice), 10n);
    await expect(send(peerOf(alice), 10n)).rejects.toEqual(rpcErrorOf('RANDOM_ID_DUPLICATE', 500));
    await expect(send(peerOf(bob), 10n)).rejects.toEqual(rpcErrorOf('RANDOM_ID_DUPLICATE', 500));
    await expect(send({ _: 'inputPeerChat', chat_id: group.id }, 10n)).rejects.toEqual(
      rpcErrorOf('RANDOM_ID_DUPLICATE', 500),
    );
    // A bad peer is still a bad peer.
    await expect(send({ _: 'inputPeerUser', user_id: 5n, access_hash: 0n }, 10n)).rejects.toEqual(
      rpcErrorOf('PEER_ID_INVALID', 400),
    );
    await send({ _: 'inputPeerChat', chat_id: group.id }, 11n);
    await expect(send(peerOf(alice), 11n)).rejects.toEqual(rpcErrorOf('RANDOM_ID_DUPLICATE', 500));
    expect(dc.history(alice.id, dc.defaultBot.id).filter((message) => message.text === 'hi')).toHaveLength(1);

    // sendMedia and forwardMessages share the same ids.
    await bot.invoke({ _: 'upload.saveFilePart', file_id: 1n, file_part: 0, bytes: new Uint8Array(100) });
    const media: Api.TypeInputMedia = {
      _: 'inputMediaUploadedDocument',
      file: { _: 'inputFile', id: 1n, parts: 1, name: 'a.bin', md5_checksum: '' },
      mime_type: 'application/octet-stream',
      attributes: [],
    };
    await expect(
      bot.invoke({ _: 'messages.sendMedia', peer: peerOf(alice), media, message: '', random_id: 10n }),
    ).rejects.toEqual(rpcErrorOf('RANDOM_ID_DUPLICATE', 500));
    // The upload was not used up by the refused call.
    await bot.invoke({ _: 'messages.sendMedia', peer: peerOf(alice), media, message: '', random_id: 12n });
    const sent = dc.history(dc.defaultBot.id, alice.id).at(-1)!;
    await expect(
      bot.invoke({
        _: 'messages.forwardMessages',
        from_peer: peerOf(alice),
        id: [sent.id],
        random_id: [12n],
        to_peer: peerOf(bob),
      }),
    ).rejects.toEqual(rpcErrorOf('RANDOM_ID_DUPLICATE', 500));

    // Another account may use the same ids.
    const otherClient = createClient(dc);
    await loginBot(otherClient, other.token);
    await expect(
      otherClient.invoke({
        _: 'messages.sendMessage',
        peer: peerOf(alice),
        message: 'me too',
        random_id: 10n,
      }),
    ).resolves.toMatchObject({ _: 'updateShortSentMessage' });
    await otherClient.close();

    await bot.close();
    await dc.stop();
    dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir, saveDebounceMs: 0 });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
    await expect(send(peerOf(alice), 12n)).rejects.toEqual(rpcErrorOf('RANDOM_ID_DUPLICATE', 500));
    await expect(send(peerOf(alice), 13n)).resolves.toMatchObject({ _: 'updateShortSentMessage' });
    await bot.close();
    await dc.stop();
  });
});
