// The file bot: a document or photo sent to it is downloaded (progress shown by editing a status
// message), answered with its size and SHA-256, and can be sent back with upload progress.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  BotClient,
  CallbackQuery,
  Command,
  Controller,
  Ctx,
  downloadableMedia,
  InlineKeyboard,
  Message,
  Msg,
  On,
  Param,
  type Context,
  type RunBotOptions,
} from 'mtbot';
import { formatSize, ProgressMessage } from './progress-message';

/**
 * Where received files wait to be sent back: `<directory>/<chat>/<message>/<file name>`, so the
 * name travels with the file and a button only has to carry the message id. FILE_BOT_DIR moves it
 * (default: a folder in the system's temporary directory).
 */
export class FileShelf {
  readonly directory = process.env['FILE_BOT_DIR'] ?? join(tmpdir(), 'mtbot-file-bot');

  /** A fresh place for the file of `message`. */
  async placeFor(message: Message): Promise<string> {
    const folder = join(this.directory, String(message.chat.id), String(message.id));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    return join(folder, fileNameOf(message));
  }

  /** The file kept for message `messageId` of the chat, if it is still there. */
  async find(chatId: bigint, messageId: string): Promise<string | undefined> {
    if (!/^\d+$/.test(messageId)) return undefined;
    const folder = join(this.directory, String(chatId), messageId);
    try {
      const [name] = await readdir(folder);
      if (name === undefined) return undefined;
      const path = join(folder, name);
      await access(path);
      return path;
    } catch {
      return undefined;
    }
  }
}

/** The name to keep a received file under: its own (stripped of any path), or one made up for a photo. */
function fileNameOf(message: Message): string {
  const name = message.mediaKind === 'photo' ? undefined : downloadableMedia(message.raw.media).fileName;
  // A name comes from the sender: only its last part, and nothing a file system could misread.
  const safe =
    name === undefined
      ? ''
      : basename(name)
          .replace(/[^\w.\- ]/g, '_')
          .replace(/^\.+/, '');
  return safe === ''
    ? `${message.mediaKind}-${message.id}${message.mediaKind === 'photo' ? '.jpg' : ''}`
    : safe;
}

/** The SHA-256 of a file, read as a stream (a big file never sits in memory). */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The bot's handlers. The bot client itself is injected (the application registers it in the bot's
 * container), next to the shelf service.
 */
@Controller()
export class FileController {
  constructor(
    private readonly client: BotClient,
    private readonly shelf: FileShelf,
  ) {}

  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply(
      'Send me a document or a photo: I will tell you its size and SHA-256, and can send it back.',
    );
  }

  @On(['document', 'photo'])
  async receive(@Msg() message: Message) {
    const status = new ProgressMessage(
      await message.reply(ProgressMessage.text('Downloading', 0)),
      'Downloading',
    );
    const path = await this.shelf.placeFor(message);
    let size: number;
    try {
      size = await this.client.downloadMedia(message, path, {
        onProgress: ({ downloadedBytes, totalBytes }) => status.report(downloadedBytes, totalBytes),
      });
    } catch (error) {
      await status.finish(`The download failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const digest = await sha256Of(path);
    await status.finish(`${basename(path)}: ${formatSize(size)}\nsha256: ${digest}`, {
      replyMarkup: new InlineKeyboard().text('📤 Send it back', `send-back/${message.id}`),
    });
  }

  @CallbackQuery('send-back/:id')
  async sendBack(@Ctx() ctx: Context, @Param('id') id: string) {
    const chatId = ctx.chat?.id;
    const path = chatId === undefined ? undefined : await this.shelf.find(chatId, id);
    if (chatId === undefined || path === undefined) {
      return ctx.answer({ text: 'I no longer have that file.', alert: true });
    }
    await ctx.answer({ text: 'Sending it back…' });
    const status = new ProgressMessage(
      await this.client.sendMessage(chatId, ProgressMessage.text('Uploading', 0)),
      'Uploading',
    );
    const sent = await this.client.sendDocument(chatId, path, {
      forceFile: true,
      onProgress: ({ uploadedBytes, totalBytes }) => status.report(uploadedBytes, totalBytes),
    });
    await status.finish(`Sent back ${basename(path)}.`);
    return sent;
  }

  @On('text')
  help(@Msg() message: Message) {
    return message.reply('Send me a document or a photo.');
  }
}

/** What `runBot` / `runDevBot` need besides the environment. */
export const botOptions = {
  controllers: [FileController],
} satisfies RunBotOptions;
