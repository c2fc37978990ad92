import { BotChat, LocalDc } from 'mtbot-local-dc';
import { createBot, localDcClientOptions, type BotApplication } from 'mtbot';
import { botOptions } from '../src/bot';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('echo example', () => {
  let dc: LocalDc;
  let app: BotApplication;
  let chat: BotChat;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
    app = createBot({ ...botOptions, client: localDcClientOptions(dc.info) });
    await app.start();
    chat = BotChat.open(dc, { user: { firstName: 'Alice' } });
  });

  afterAll(async () => {
    await app.stop();
    await dc.stop();
  });

  it('greets on /start', async () => {
    const [greeting] = await chat.send('/start');
    expect(greeting?.text).toMatch(/^Send me any text/);
  });

  it('echoes text, and commands it does not know, as a reply to them', async () => {
    const sent = await chat.send('Hello there 👋');
    expect(sent.map((message) => message.text)).toEqual(['Hello there 👋']);
    const mine = chat.history().filter((message) => message.out);
    expect(sent[0]?.replyToMessageId).toBe(mine.at(-1)?.id);
    expect((await chat.send('/unknown')).map((message) => message.text)).toEqual(['/unknown']);
  });

  it('says what kind of media it got, with the caption', async () => {
    expect((await chat.sendPhoto(PNG)).map((message) => message.text)).toEqual(['That was a photo.']);
    const document = await chat.sendDocument(Buffer.from('a,b\n1,2\n'), {
      fileName: 'table.csv',
      mimeType: 'text/csv',
      caption: 'my table',
    });
    expect(document.map((message) => message.text)).toEqual(['That was a document, captioned: my table']);
  });
});
