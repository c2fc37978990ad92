import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotChat, LocalDc, type StoredMessage } from 'mtbot-local-dc';
import type { BotApplication } from 'mtbot';

type BotModule = typeof import('../src/bot');
type MtbotModule = typeof import('mtbot');

/**
 * A bot as a new process would have it: the example and mtbot loaded afresh (nothing kept in memory
 * from an earlier bot), over the files in DATA_DIR.
 */
async function startBot(dc: LocalDc): Promise<BotApplication> {
  let app: BotApplication | undefined;
  await jest.isolateModulesAsync(async () => {
    const { botOptions }: BotModule = await import('../src/bot');
    const { createBot, localDcClientOptions }: MtbotModule = await import('mtbot');
    // A test types faster than a person: the per-chat limit (3 messages in 3 s) would slow it down.
    app = createBot({
      ...botOptions,
      client: localDcClientOptions(dc.info),
      sendLimits: { private: [{ limit: 50, windowMs: 1_000 }] },
    });
  });
  await app!.start();
  return app!;
}

const texts = (messages: StoredMessage[]): string[] => messages.map((message) => message.text);

describe('conversation example', () => {
  let dc: LocalDc;
  let directory: string;
  let app: BotApplication | undefined;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'conversation-test-'));
    process.env['DATA_DIR'] = directory;
    dc = await LocalDc.start({ port: 0, floodLimits: false });
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  afterAll(async () => {
    await dc.stop();
    delete process.env['DATA_DIR'];
    await rm(directory, { recursive: true, force: true });
  });

  it('asks three questions, asks the age again until it is a number, and saves on ✅', async () => {
    app = await startBot(dc);
    const chat = BotChat.open(dc, { user: { firstName: 'Alice' } });
    expect(texts(await chat.send('/profile'))).toEqual(['No profile yet: send /signup.']);
    expect(texts(await chat.send('/signup'))).toEqual(['What is your name?']);
    expect(texts(await chat.send('Alice'))).toEqual(['Nice to meet you, Alice! How old are you?']);
    expect(texts(await chat.send('old enough'))).toEqual([
      'Please send your age as a whole number, like 42.',
    ]);
    expect(texts(await chat.send('0'))).toEqual(['Please send your age as a whole number, like 42.']);
    const [summary] = await chat.send('31');
    expect(summary?.text).toBe('Name: Alice\nAge: 31\nSave this?');
    // Inside the wizard, text is no answer to a question with buttons.
    expect(texts(await chat.send('yes'))).toEqual(['Please press ✅ Save or ↩️ Start over.']);
    const saved = await chat.press(summary!, '✅ Save');
    expect(saved.answer.message).toBe('Saved!');
    expect(texts(saved.messages)).toEqual(['Saved: Alice, 31. Send /profile to see it.']);
    // Done: messages reach the ordinary handlers again, and the profile is there.
    expect(texts(await chat.send('/profile'))).toEqual(['Alice, 31']);
    expect(texts(await chat.send('hello'))).toEqual(['Send /signup to fill in your profile.']);
  });

  it('starts over from the summary, and /cancel leaves the wizard', async () => {
    app = await startBot(dc);
    const chat = BotChat.open(dc, { user: { firstName: 'Bob' } });
    await chat.send('/signup');
    await chat.send('Bob');
    const [summary] = await chat.send('40');
    const restarted = await chat.press(summary!, '↩️ Start over');
    expect(texts(restarted.messages)).toEqual(['Starting over.', 'What is your name?']);
    expect(texts(await chat.send('Robert'))).toEqual(['Nice to meet you, Robert! How old are you?']);
    expect(texts(await chat.send('/cancel'))).toEqual(['Cancelled. Send /signup to start again.']);
    expect(texts(await chat.send('/cancel'))).toEqual(['There is nothing to cancel.']);
    expect(texts(await chat.send('/profile'))).toEqual(['No profile yet: send /signup.']);
  });

  it('carries on where it was after the bot is stopped and a new one starts on the same files', async () => {
    app = await startBot(dc);
    const chat = BotChat.open(dc, { user: { firstName: 'Carol' } });
    await chat.send('/signup');
    expect(texts(await chat.send('Carol'))).toEqual(['Nice to meet you, Carol! How old are you?']);
    await app.stop();
    const dialogFile = `session%3Aconversation%3A${chat.userId}%3A${chat.userId}`;
    expect(await readdir(join(directory, 'dialogs'))).toContain(dialogFile);

    app = await startBot(dc);
    const [summary] = await chat.send('27');
    expect(summary?.text).toBe('Name: Carol\nAge: 27\nSave this?');
    await app.stop();

    // A button pressed after another restart still belongs to the wizard.
    app = await startBot(dc);
    const saved = await chat.press(summary!, '✅ Save');
    expect(texts(saved.messages)).toEqual(['Saved: Carol, 27. Send /profile to see it.']);
    expect(await readdir(join(directory, 'dialogs'))).not.toContain(dialogFile);
    expect(texts(await chat.send('/profile'))).toEqual(['Carol, 27']);
  });
});
