// BotClient against the local DC over TCP: login, typed updates, the bot API and typed errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDc } from 'mtbot-local-dc';
import { ConfigError, FloodWaitError, RpcError, type Api } from 'telegram-mtproto-core';
import { BotClient } from '../../src/client/bot-client';
import { articleResult } from '../../src/client/inline-results';
import { PeerNotFoundError } from '../../src/errors/peer-not-found-error';
import type { BotUpdate } from '../../src/updates/bot-update';
import { botOptions, isMessage, RecordingLogger, UpdateRecorder } from './bot-client-harness';

const inlineKeyboard = (text: string, data: string): Api.ReplyInlineMarkup => ({
  _: 'replyInlineMarkup',
  rows: [
    {
      _: 'keyboardButtonRow',
      buttons: [{ _: 'keyboardButtonCallback', text, data: new TextEncoder().encode(data) }],
    },
  ],
});

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('BotClient over the local DC', () => {
  let dc: LocalDc;
  let bot: BotClient;
  let recorder: UpdateRecorder;

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    recorder = new UpdateRecorder();
    bot = new BotClient(botOptions(dc));
    bot.onUpdate(recorder.handler);
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
    await dc.stop();
  });

  it('logs in and getMe returns the bot', async () => {
    const me = await bot.getMe();
    expect(me).toMatchObject({ id: dc.defaultBot.id, isBot: true, username: dc.defaultBot.username });
  });

  it('delivers a user message as a typed Message with its command', async () => {
    const alice = dc.createUser({ firstName: 'Alice', username: 'alice_user' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: '/help@some_other_bot' });
    dc.sendUserMessage({
      fromUserId: alice.id,
      toUserId: dc.defaultBot.id,
      text: `/start@${dc.defaultBot.username!} ref-42 x`,
    });
    await waitFor(() => recorder.updates.length >= 2, 'two messages');
    const [other, start] = recorder.updates as Extract<BotUpdate, { kind: 'message' }>[];
    expect(other!.kind).toBe('message');
    expect(other!.message.command).toBeUndefined();
    expect(start!.message.command).toEqual({
      name: 'start',
      botName: dc.defaultBot.username,
      args: 'ref-42 x',
    });
    expect(start!.message.sender).toMatchObject({ id: alice.id, firstName: 'Alice', isBot: false });
    expect(start!.message.chat).toMatchObject({ id: alice.id, type: 'private' });
    expect(start!.message.mediaKind).toBe('text');
    expect(start!.chatId).toBe(alice.id);
    expect(start!.senderId).toBe(alice.id);
  });

  it('replies with entities and an inline keyboard; a button press becomes a CallbackQuery that answers', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'menu please' });
    const { message } = await recorder.next(isMessage);
    const bold: Api.MessageEntityBold = { _: 'messageEntityBold', offset: 0, length: 4 };
    const sent = await message.reply('Menu 🍕 below', {
      entities: [bold],
      replyMarkup: inlineKeyboard('Pizza', 'pizza'),
    });
    expect(sent).toMatchObject({ text: 'Menu 🍕 below', replyToMessageId: message.id, isOutgoing: true });
    expect(sent.entities).toEqual([bold]);

    const history = dc.history(alice.id, dc.defaultBot.id);
    const copy = history[history.length - 1]!;
    expect(copy.text).toBe('Menu 🍕 below');
    expect(copy.entities).toEqual([bold]);
    expect(copy.replyToMessageId).toBe(history[0]!.id);

    bot.onUpdate(async (update) => {
      if (update.kind === 'callbackQuery')
        await update.callbackQuery.answer({ text: `you chose ${update.callbackQuery.data}` });
    });
    const answer = await dc.bots.pressButton({
      userId: alice.id,
      botId: dc.defaultBot.id,
      messageId: copy.id,
      data: 'pizza',
    });
    expect(answer.message).toBe('you chose pizza');
    const press = await recorder.next(
      (update): update is Extract<BotUpdate, { kind: 'callbackQuery' }> => update.kind === 'callbackQuery',
    );
    expect(press.callbackQuery.from.id).toBe(alice.id);
    expect(press.callbackQuery.message?.text).toBe('Menu 🍕 below');
    expect(press.callbackQuery.chat).toMatchObject({ id: alice.id, type: 'private' });
  });

  it('answers an inline query with an article', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    bot.onUpdate(async (update) => {
      if (update.kind !== 'inlineQuery') return;
      await update.inlineQuery.answer(
        [articleResult({ id: 'echo', title: 'Echo', text: update.inlineQuery.query.toUpperCase() })],
        { cacheTimeSeconds: 5, nextOffset: '1' },
      );
    });
    const results = await dc.bots.inlineQuery({ userId: alice.id, botId: dc.defaultBot.id, query: 'cats' });
    expect(results.results).toHaveLength(1);
    expect(results.results[0]).toMatchObject({ id: 'echo', title: 'Echo' });
    expect(results.nextOffset).toBe('1');
    const query = await recorder.next(
      (update): update is Extract<BotUpdate, { kind: 'inlineQuery' }> => update.kind === 'inlineQuery',
    );
    expect(query.inlineQuery).toMatchObject({ query: 'cats', offset: '' });
    expect(query.senderId).toBe(alice.id);
  });

  it('edits and deletes its messages', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    await recorder.next(isMessage);
    const sent = await bot.sendMessage(alice.id, 'first draft');
    const edited = await sent.edit('final text');
    expect(edited).toMatchObject({ id: sent.id, text: 'final text' });
    expect(dc.history(alice.id, dc.defaultBot.id).map((message) => message.text)).toEqual([
      'hi',
      'final text',
    ]);
    await edited.delete();
    await waitFor(() => dc.history(alice.id, dc.defaultBot.id).length === 1, 'the delete');
    expect(dc.history(alice.id, dc.defaultBot.id).map((message) => message.text)).toEqual(['hi']);
  });

  it('forwards messages between chats', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    const bob = dc.createUser({ firstName: 'Bob' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'one' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'two' });
    dc.sendUserMessage({ fromUserId: bob.id, toUserId: dc.defaultBot.id, text: 'hello' });
    await waitFor(() => recorder.updates.length >= 3, 'three messages');
    const ids = recorder.updates
      .filter(isMessage)
      .filter((update) => update.chatId === alice.id)
      .map((update) => update.message.id);
    const forwarded = await bot.forwardMessages(alice.id, bob.id, ids);
    expect(forwarded.map((message) => message.text)).toEqual(['one', 'two']);
    expect(forwarded.every((message) => message.chat.id === bob.id)).toBe(true);
    const bobSees = dc.history(bob.id, dc.defaultBot.id);
    expect(bobSees.slice(-2).map((message) => [message.text, message.forwardedFrom?.fromId])).toEqual([
      ['one', alice.id],
      ['two', alice.id],
    ]);
  });

  it('resolves peers by username and by Bot API ids', async () => {
    const alice = dc.createUser({ firstName: 'Alice', username: 'alice_user' });
    await expect(bot.resolvePeer(alice.id)).rejects.toBeInstanceOf(PeerNotFoundError);
    expect(await bot.resolvePeer('@alice_user')).toEqual({
      _: 'inputPeerUser',
      user_id: alice.id,
      access_hash: alice.accessHash,
    });
    expect(await bot.resolvePeer(alice.id)).toEqual({
      _: 'inputPeerUser',
      user_id: alice.id,
      access_hash: alice.accessHash,
    });
    expect(await bot.resolvePeer(Number(alice.id))).toEqual(await bot.resolvePeer('alice_user'));
    expect(await bot.resolvePeer('me')).toEqual({ _: 'inputPeerSelf' });

    const group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Basic',
      memberIds: [dc.defaultBot.id],
    });
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Super',
      memberIds: [dc.defaultBot.id],
      username: 'super_group',
    });
    await waitFor(() => bot.peers.getChat(group.id) !== undefined, 'the basic group in the peer cache');
    expect(await bot.resolvePeer(-group.id)).toEqual({ _: 'inputPeerChat', chat_id: group.id });
    expect(await bot.getChat(-group.id)).toEqual({ id: -group.id, type: 'group', title: 'Basic' });
    const channelPeer = {
      _: 'inputPeerChannel',
      channel_id: supergroup.id,
      access_hash: supergroup.accessHash,
    };
    expect(await bot.resolvePeer('@super_group')).toEqual(channelPeer);
    expect(await bot.resolvePeer(-(1_000_000_000_000n + supergroup.id))).toEqual(channelPeer);
    expect(await bot.getChat('@super_group')).toMatchObject({
      type: 'supergroup',
      title: 'Super',
      username: 'super_group',
    });
    await expect(bot.resolvePeer('@nobody_here')).rejects.toMatchObject({
      name: 'RpcError',
      message: expect.stringContaining('contacts.resolveUsername to @nobody_here'),
    });
  });

  it('reports a user joining a supergroup it administers as a ChatMemberUpdate', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    const carol = dc.createUser({ firstName: 'Carol' });
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Club',
      memberIds: [dc.defaultBot.id],
      admins: [{ userId: dc.defaultBot.id }],
    });
    dc.groups.join({ chatId: supergroup.id, userId: carol.id });
    const joined = await recorder.next(
      (update): update is Extract<BotUpdate, { kind: 'chatMember' }> =>
        update.kind === 'chatMember' && update.chatMember.user.id === carol.id,
    );
    expect(joined.chatMember).toMatchObject({
      chat: { id: -(1_000_000_000_000n + supergroup.id), type: 'supergroup', title: 'Club' },
      from: { id: carol.id },
      user: { id: carol.id, firstName: 'Carol' },
      oldStatus: 'left',
      newStatus: 'member',
    });
    expect(joined.chatId).toBe(-(1_000_000_000_000n + supergroup.id));
  });

  it('keeps errors typed and names the method and the peer', async () => {
    const error = await bot
      .sendMessage({ _: 'inputPeerUser', user_id: 999n, access_hash: 1n }, 'hi')
      .catch((caught: unknown) => caught);
    expect(RpcError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      type: 'PEER_ID_INVALID',
      method: 'messages.sendMessage',
      peer: 'user 999',
    });
    expect((error as Error).message).toContain(
      'messages.sendMessage to user 999 failed: 400 PEER_ID_INVALID',
    );
    await expect(bot.sendMessage(424242, 'hi')).rejects.toThrow('cannot address user 424242');
    const alice = dc.createUser({ firstName: 'Alice', username: 'alice_flood' });
    await bot.resolvePeer('@alice_flood');
    dc.flood.forceFloodWait(dc.defaultBot.id, 7);
    const flood = await bot.sendMessage(alice.id, 'hi').catch((caught: unknown) => caught);
    expect(FloodWaitError.isInstance(flood)).toBe(true);
    expect(flood).toMatchObject({ seconds: 7, method: 'messages.sendMessage', peer: `user ${alice.id}` });
    await expect(bot.sendMessage('not a peer!', 'hi')).rejects.toBeInstanceOf(ConfigError);
  });

  it('sets its commands and sends chat actions', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    await bot.setMyCommands([{ command: 'start', description: 'Start the bot' }]);
    expect(dc.bots.commands(dc.defaultBot.id)).toEqual([{ command: 'start', description: 'Start the bot' }]);
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    const { message } = await recorder.next(isMessage);
    await expect(bot.sendChatAction(message.chat, 'typing')).resolves.toBeUndefined();
    expect(await bot.getUser(message.sender!)).toMatchObject({ id: alice.id, firstName: 'Alice' });
  });

  it('gives updates to a for-await loop', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    const loopBot = new BotClient(botOptions(dc));
    const stream = loopBot.updates();
    await loopBot.start();
    const texts: string[] = [];
    const loop = (async () => {
      for await (const update of stream) {
        if (update.kind === 'message') texts.push(update.message.text);
        if (texts.length === 3) break;
      }
    })();
    for (const text of ['a', 'b', 'c'])
      dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text });
    await loop;
    await loopBot.stop();
    expect(texts).toEqual(['a', 'b', 'c']);
  });
});

describe('BotClient sessions', () => {
  it('resumes from a FileStorage without logging in again and misses nothing', async () => {
    const dc = await LocalDc.start({ port: 0, floodLimits: false });
    const directory = await mkdtemp(join(tmpdir(), 'mtbot-bot-client-'));
    try {
      const path = join(directory, 'bot.session.json');
      const alice = dc.createUser({ firstName: 'Alice' });
      const firstLogger = new RecordingLogger();
      const first = new BotClient(botOptions(dc, { storage: path, logger: firstLogger }));
      const seen: string[] = [];
      first.onUpdate((update) => {
        if (update.kind === 'message') seen.push(update.message.text);
      });
      await first.start();
      dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'while up' });
      await waitFor(() => seen.length === 1, 'the first message');
      await first.stop();
      for (const text of ['down 1', 'down 2'])
        dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text });

      const secondLogger = new RecordingLogger();
      const second = new BotClient(botOptions(dc, { storage: path, logger: secondLogger }));
      second.onUpdate((update) => {
        if (update.kind === 'message') seen.push(update.message.text);
      });
      await second.start(); // resolves once the catch-up was handled
      expect(seen).toEqual(['while up', 'down 1', 'down 2']);
      // The stored peers let it answer at once.
      await second.sendMessage(alice.id, 'back');
      await second.stop();

      expect(firstLogger.lines.map((line) => line.message)).toContain('bot authorization imported');
      expect(secondLogger.lines.map((line) => line.message)).not.toContain('bot authorization imported');
      const logged = JSON.stringify([...firstLogger.lines, ...secondLogger.lines]);
      expect(logged).not.toContain(dc.info.botToken.split(':')[1]);
      expect(logged).not.toContain('0123456789abcdef0123456789abcdef');
    } finally {
      await rm(directory, { recursive: true, force: true });
      await dc.stop();
    }
  });

  it('refuses a session of another bot', async () => {
    const dc = await LocalDc.start({ port: 0 });
    const directory = await mkdtemp(join(tmpdir(), 'mtbot-bot-client-'));
    try {
      const path = join(directory, 'bot.session.json');
      const first = new BotClient(botOptions(dc, { storage: path }));
      await first.start();
      await first.stop();
      const other = dc.createBot({ firstName: 'Other' });
      const second = new BotClient(botOptions(dc, { storage: path, botToken: other.token }));
      await expect(second.start()).rejects.toThrow(/belongs to bot/);
    } finally {
      await rm(directory, { recursive: true, force: true });
      await dc.stop();
    }
  });
});
