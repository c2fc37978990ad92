// The bot against a local DC: a real MTProto server in this process, with users played by the test.
// Run with `npm test` (node's own test runner on the compiled tests).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBot, localDcClientOptions, type BotApplication } from 'mtbot';
import { BotChat, LocalDc, type StoredMessage } from 'mtbot-local-dc';
import { botOptions } from '../src/bot';

let dc: LocalDc;
let bot: BotApplication;
let admin: BotChat;

before(async () => {
  dc = await LocalDc.start({ port: 0 });
  admin = BotChat.open(dc, { user: { firstName: 'Ada' } });
  // The settings are read when the bot is created: keep the data in memory, and make Ada the admin.
  process.env.DATA_STORE = 'memory';
  process.env.ADMIN_ID = String(admin.userId);
  bot = createBot({ ...botOptions, client: localDcClientOptions(dc.info) });
  await bot.start();
});

after(async () => {
  await bot?.stop();
  await dc?.stop();
});

/** The bot's next message in `chat` after `afterMessageId` (for what arrives after a reply). */
function nextMessage(chat: BotChat, afterMessageId: number): Promise<StoredMessage> {
  return dc.waitForBotMessage({ userId: chat.userId, botId: chat.botId, afterMessageId, timeoutMs: 10_000 });
}

function lastId(chat: BotChat): number {
  return chat.history().at(-1)?.id ?? 0;
}

test('/start greets and subscribes; the button shows the help', async () => {
  const chat = BotChat.open(dc, { user: { firstName: 'Alice' } });
  const [greeting] = await chat.send('/start');
  assert.ok(greeting, 'the bot answered /start');
  assert.match(greeting.text, /^Hello, Alice!/);
  await chat.press(greeting, 'What can you do?');
  assert.match((await nextMessage(chat, greeting.id)).text, /\/signup/);
});

test('/count keeps a count in the session and is rate limited to 3 a minute', async () => {
  const chat = BotChat.open(dc);
  const replies: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    const [reply] = await chat.send('/count');
    replies.push(reply?.text ?? '(no reply)');
  }
  assert.deepEqual(replies, [
    'You have counted 1 time.',
    'You have counted 2 times.',
    'You have counted 3 times.',
    'Easy! Three counts a minute.',
  ]);
  // Past the limit the bot stays quiet.
  assert.deepEqual(await chat.send('/count', { timeoutMs: 1_000 }), []);
});

test('/signup asks name and age, repeats a bad answer, and saves the profile in the session', async () => {
  const chat = BotChat.open(dc);
  assert.match((await chat.send('/signup'))[0]?.text ?? '', /What is your name/);
  assert.match((await chat.send('Bob'))[0]?.text ?? '', /Nice to meet you, Bob! How old are you/);
  assert.match((await chat.send('old'))[0]?.text ?? '', /whole number/);
  assert.equal((await chat.send('42'))[0]?.text, 'Saved: Bob, 42. /me shows it.');
  assert.equal((await chat.send('/me'))[0]?.text, 'You are Bob, 42.');
  // Outside the conversation, text goes to the fallback again.
  assert.match((await chat.send('hello?'))[0]?.text ?? '', /I did not get that/);
});

test('/cancel leaves a conversation', async () => {
  const chat = BotChat.open(dc);
  await chat.send('/signup');
  assert.equal((await chat.send('/cancel'))[0]?.text, 'Cancelled.');
  assert.equal((await chat.send('/me'))[0]?.text, 'I do not know you yet: /signup');
});

test('/broadcast reaches every subscriber, for the admin only', async () => {
  const carol = BotChat.open(dc, { user: { firstName: 'Carol' } });
  await carol.send('/start');
  await admin.send('/start');

  const refused = await carol.send('/broadcast hi all');
  assert.match(refused[0]?.text ?? '', /Only the admin may broadcast/);

  const carolBefore = lastId(carol);
  const adminBefore = lastId(admin);
  const [started] = await admin.send('/broadcast Release 1.0 is out');
  assert.match(started?.text ?? '', /^Sending to \d+ subscribers?\.\.\./);
  assert.equal((await nextMessage(carol, carolBefore)).text, 'Release 1.0 is out');
  const report = await waitForText(admin, /^Broadcast done/, adminBefore);
  assert.match(report, / 0 failed\.$/);
});

/** Waits for the bot's first message after `afterMessageId` in `chat` whose text matches `pattern`. */
async function waitForText(chat: BotChat, pattern: RegExp, afterMessageId: number): Promise<string> {
  for (let after = afterMessageId; ;) {
    const message = await nextMessage(chat, after);
    if (pattern.test(message.text)) return message.text;
    after = message.id;
  }
}
