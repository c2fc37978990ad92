// BotClient's link preview options against the local DC over TCP: what reaches the chat.
import { LocalDc, type StoredMessage, type UserRecord } from 'mtbot-local-dc';
import type { Api } from 'telegram-mtproto-core';
import { BotClient } from '../../src/client/bot-client';
import { botOptions, isMessage, UpdateRecorder } from './bot-client-harness';

type StoredWebPage = Extract<NonNullable<StoredMessage['media']>, { kind: 'webpage' }>;

describe('BotClient link previews over the local DC', () => {
  let dc: LocalDc;
  let bot: BotClient;
  let alice: UserRecord;

  /** The preview alice's copy of the bot's last message holds, if any. */
  const aliceSees = (): StoredWebPage | undefined => {
    const media = dc.history(alice.id, dc.defaultBot.id).at(-1)?.media;
    if (media !== undefined && media.kind !== 'webpage') throw new Error(`not a preview: ${media.kind}`);
    return media;
  };

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    const recorder = new UpdateRecorder();
    bot = new BotClient(botOptions(dc));
    bot.onUpdate(recorder.handler);
    await bot.start();
    alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    await recorder.next(isMessage);
  });

  afterAll(async () => {
    await bot.stop();
    await dc.stop();
  });

  it('previews a URL that is not in the text, with its size and place', async () => {
    const sent = await bot.sendMessage(alice.id, 'Our docs', {
      linkPreview: { url: 'https://docs.example.com/start', aboveText: true, preferLargeMedia: true },
    });
    expect(sent.text).toBe('Our docs');
    expect(sent.mediaKind).toBe('text');
    expect(sent.raw.invert_media).toBe(true);
    expect(sent.raw.media).toMatchObject({
      _: 'messageMediaWebPage',
      force_large_media: true,
      manual: true,
      webpage: { _: 'webPage', url: 'https://docs.example.com/start', site_name: 'docs.example.com' },
    });
    expect(aliceSees()).toMatchObject({
      url: 'https://docs.example.com/start',
      forceLargeMedia: true,
      forceSmallMedia: false,
      invertMedia: true,
      manual: true,
    });

    await bot.sendMessage(alice.id, 'small', {
      linkPreview: { url: 'https://example.com/small', preferSmallMedia: true },
    });
    expect(aliceSees()).toMatchObject({ forceSmallMedia: true, forceLargeMedia: false, invertMedia: false });
  });

  it('previews the link of the text by default, and none with linkPreview: false', async () => {
    const withLink = 'read https://example.org/post';
    const previewed = await bot.sendMessage(alice.id, withLink);
    expect((previewed.raw.media as Api.MessageMediaWebPage | undefined)?.webpage).toMatchObject({
      url: 'https://example.org/post',
    });
    expect(aliceSees()).toMatchObject({ url: 'https://example.org/post', manual: false });

    const above = await bot.sendMessage(alice.id, withLink, { linkPreview: { aboveText: true } });
    expect(above.raw.media?._).toBe('messageMediaWebPage');
    expect(aliceSees()).toMatchObject({ invertMedia: true });

    const none = await bot.sendMessage(alice.id, withLink, { linkPreview: false });
    expect(none.text).toBe(withLink);
    expect(none.raw.media).toBeUndefined();
    expect(aliceSees()).toBeUndefined();
  });

  it('sends the text alone when no preview can be made of the URL', async () => {
    const sent = await bot.sendMessage(alice.id, 'see the file', {
      linkPreview: { url: 'ftp://example.com/file' },
    });
    expect(sent.text).toBe('see the file');
    expect(sent.raw.media).toBeUndefined();
    expect(dc.history(alice.id, dc.defaultBot.id).at(-1)?.text).toBe('see the file');
    expect(aliceSees()).toBeUndefined();
  });
});
