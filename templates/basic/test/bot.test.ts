// The bot against a local DC: a real MTProto server in this process, with users played by the test.
// Run with `npm test` (node's own test runner on the compiled tests).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBot, localDcClientOptions, type BotApplication } from 'mtbot';
import { BotChat, LocalDc } from 'mtbot-local-dc';
import { botOptions } from '../src/bot';

let dc: LocalDc;
let bot: BotApplication;

before(async () => {
  dc = await LocalDc.start({ port: 0 });
  bot = createBot({ ...botOptions, client: localDcClientOptions(dc.info) });
  await bot.start();
});

after(async () => {
  await bot?.stop();
  await dc?.stop();
});

test('/start greets the user by name, with a button', async () => {
  const chat = BotChat.open(dc, { user: { firstName: 'Alice' } });
  const [greeting] = await chat.send('/start');
  assert.ok(greeting, 'the bot answered /start');
  assert.match(greeting.text, /^Hello, Alice!/);

  const { answer } = await chat.press(greeting, 'Tell me a fact');
  assert.equal(answer.message, 'Here is one');
  const fact = await dc.waitForBotMessage({
    userId: chat.userId,
    botId: chat.botId,
    afterMessageId: greeting.id,
    timeoutMs: 10_000,
  });
  assert.match(fact.text, /Telegram|bot|button/);
});

test('/help lists the commands', async () => {
  const chat = BotChat.open(dc);
  const [reply] = await chat.send('/help');
  assert.ok(reply, 'the bot answered /help');
  assert.match(reply.text, /\/start/);
  assert.match(reply.text, /\/help/);
});
