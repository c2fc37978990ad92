/**
 * Link previews over TCP with MtprotoClient: messages.sendMedia with inputMediaWebPage and
 * messages.sendMessage with a link in its text get an offline-made webPage; no_webpage, bad URLs
 * (WEBPAGE_NOT_FOUND, `optional`), groups and a restart from the data dir.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';

describe('link previews', () => {
  let dataDir: string;
  let dc: LocalDc;
  let alice: UserRecord;
  let bot: MtprotoClient;
  let randomId = 1n;
  let alicePeer: Api.InputPeerUser;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-dc-previews-'));
    dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir, saveDebounceMs: 10 });
    alice = dc.createUser({ firstName: 'Alice' });
    alicePeer = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash };
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  function sendWebPage(media: Partial<Api.InputMediaWebPage>, message = '', invert = false) {
    return bot.invoke({
      _: 'messages.sendMedia',
      peer: alicePeer,
      media: { _: 'inputMediaWebPage', url: 'https://example.com', ...media },
      message,
      random_id: randomId++,
      ...(invert && { invert_media: true }),
    });
  }

  function newMessageOf(result: Api.TypeUpdates): Api.Message {
    expect(result._).toBe('updates');
    const update = (result as Api.Updates).updates.find(
      (each) => each._ === 'updateNewMessage' || each._ === 'updateNewChannelMessage',
    ) as Api.UpdateNewMessage | undefined;
    expect(update?.message._).toBe('message');
    return update!.message as Api.Message;
  }

  it('sendMedia with inputMediaWebPage: a webPage made from the URL, flags and invert_media kept', async () => {
    const url = 'https://Example.com/docs/guide?lang=en';
    const message = newMessageOf(await sendWebPage({ url, force_large_media: true }, 'read this', true));
    expect(message.message).toBe('read this');
    expect(message.invert_media).toBe(true);
    const media = message.media as Api.MessageMediaWebPage;
    expect(media).toMatchObject({
      _: 'messageMediaWebPage',
      force_large_media: true,
      manual: true,
      webpage: {
        _: 'webPage',
        url: 'https://example.com/docs/guide?lang=en',
        display_url: 'example.com/docs/guide?lang=en',
        type: 'article',
        site_name: 'example.com',
        title: 'example.com/docs/guide',
      },
    });
    expect(media.force_small_media).toBe(false);

    // The same URL is the same page; a standalone preview (empty text) is fine; small media kept.
    const again = newMessageOf(await sendWebPage({ url, force_small_media: true }));
    const page = (again.media as Api.MessageMediaWebPage).webpage as Api.WebPage;
    expect(page.id).toBe((media.webpage as Api.WebPage).id);
    expect(again.invert_media).toBe(false);
    expect(again.media).toMatchObject({ force_small_media: true });

    // getMessages serves the stored preview.
    const fetched = (await bot.invoke({
      _: 'messages.getMessages',
      id: [{ _: 'inputMessageID', id: message.id }],
    })) as Api.MessagesMessages;
    expect(fetched.messages[0]).toMatchObject({ invert_media: true, media: { webpage: { id: page.id } } });
  }, 20_000);

  it('a URL no preview can be made of: WEBPAGE_NOT_FOUND, or no preview when optional', async () => {
    for (const url of ['ftp://example.com/file', 'not a url', 'https://localhost/', 'javascript:alert(1)']) {
      await expect(sendWebPage({ url }, 'text')).rejects.toEqual(rpcErrorOf('WEBPAGE_NOT_FOUND', 400));
    }
    const message = newMessageOf(
      await sendWebPage({ url: 'ftp://example.com', optional: true }, 'just text'),
    );
    expect(message.message).toBe('just text');
    expect(message.media).toBeUndefined();
    // Without a preview the text must not be empty.
    await expect(sendWebPage({ url: 'ftp://example.com', optional: true })).rejects.toEqual(
      rpcErrorOf('MESSAGE_EMPTY', 400),
    );
  }, 20_000);

  it('sendMessage previews the first link of its text, unless no_webpage', async () => {
    const send = (message: string, extra: Partial<Api.MessagesSendMessageRequest> = {}) =>
      bot.invoke({ _: 'messages.sendMessage', peer: alicePeer, message, random_id: randomId++, ...extra });

    const sent = (await send('see https://example.org/page and http://other.net', {
      invert_media: true,
    })) as Api.UpdateShortSentMessage;
    expect(sent._).toBe('updateShortSentMessage');
    expect(sent.media).toMatchObject({
      _: 'messageMediaWebPage',
      webpage: { url: 'https://example.org/page', site_name: 'example.org' },
    });
    expect((sent.media as Api.MessageMediaWebPage).manual).toBe(false);
    const stored = dc.history(alice.id, dc.defaultBot.id).at(-1)!;
    expect(stored.media).toMatchObject({
      kind: 'webpage',
      url: 'https://example.org/page',
      invertMedia: true,
    });

    // A text_url entity names its link even when the text shows none.
    const linked = (await send('docs', {
      entities: [{ _: 'messageEntityTextUrl', offset: 0, length: 4, url: 'https://docs.example.net/x' }],
    })) as Api.UpdateShortSentMessage;
    expect(linked.media).toMatchObject({ webpage: { url: 'https://docs.example.net/x' } });

    for (const [text, extra] of [
      ['see https://example.org/page', { no_webpage: true }],
      ['no link here', {}],
    ] as const) {
      const plain = (await send(text, extra)) as Api.UpdateShortSentMessage;
      expect(plain.media).toBeUndefined();
      expect(dc.history(alice.id, dc.defaultBot.id).at(-1)!.media).toBeUndefined();
    }
  }, 20_000);

  it('previews in a supergroup and a basic group', async () => {
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Links',
      memberIds: [dc.defaultBot.id],
    });
    const group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Small',
      memberIds: [dc.defaultBot.id],
    });
    const channelPeer: Api.TypeInputPeer = {
      _: 'inputPeerChannel',
      channel_id: supergroup.id,
      access_hash: supergroup.accessHash,
    };
    const inChannel = newMessageOf(
      await bot.invoke({
        _: 'messages.sendMessage',
        peer: channelPeer,
        message: 'https://example.com/channel',
        random_id: randomId++,
      }),
    );
    expect(inChannel.media).toMatchObject({ webpage: { url: 'https://example.com/channel' } });
    const inGroup = (await bot.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerChat', chat_id: group.id },
      message: 'https://example.com/group',
      random_id: randomId++,
    })) as Api.UpdateShortSentMessage;
    expect(inGroup.media).toMatchObject({ webpage: { url: 'https://example.com/group' } });
    const viaMedia = newMessageOf(
      await bot.invoke({
        _: 'messages.sendMedia',
        peer: channelPeer,
        media: { _: 'inputMediaWebPage', url: 'example.com/bare', force_small_media: true },
        message: 'bare',
        random_id: randomId++,
      }),
    );
    expect(viaMedia.media).toMatchObject({
      force_small_media: true,
      webpage: { url: 'https://example.com/bare' },
    });
  }, 20_000);

  it('keeps previews in the data dir across a restart', async () => {
    const message = newMessageOf(
      await sendWebPage({ url: 'https://example.com/kept', force_large_media: true }, 'kept', true),
    );
    await bot.close();
    await dc.stop();
    dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir, saveDebounceMs: 10 });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
    const fetched = (await bot.invoke({
      _: 'messages.getMessages',
      id: [{ _: 'inputMessageID', id: message.id }],
    })) as Api.MessagesMessages;
    expect(fetched.messages[0]).toMatchObject({
      invert_media: true,
      media: {
        _: 'messageMediaWebPage',
        force_large_media: true,
        manual: true,
        webpage: { url: 'https://example.com/kept', title: 'example.com/kept' },
      },
    });
  }, 20_000);
});
