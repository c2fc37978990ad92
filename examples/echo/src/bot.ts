// The echo bot: text comes back as it was sent; media gets a word on what it was, and its caption.
import {
  Command,
  Controller,
  Ctx,
  Message,
  Msg,
  On,
  type Context,
  type MediaKind,
  type RunBotOptions,
} from 'mtbot';

/** Says what a message carried, in words a user understands. */
export class MediaNames {
  private readonly names: Record<MediaKind, string> = {
    text: 'a text',
    photo: 'a photo',
    document: 'a document',
    video: 'a video',
    audio: 'an audio file',
    voice: 'a voice message',
    videoNote: 'a video message',
    animation: 'a GIF',
    sticker: 'a sticker',
    location: 'a location',
    contact: 'a contact',
    poll: 'a poll',
    other: 'something I cannot name',
  };

  describe(kind: MediaKind): string {
    return this.names[kind];
  }
}

/**
 * Every handler of the echo bot. `MediaNames` comes in through the constructor: the controller is
 * resolved by the bot's tsyringe container, which builds what the constructor asks for.
 */
@Controller()
export class EchoController {
  constructor(private readonly media: MediaNames) {}

  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply(
      'Send me any text and I will send it back. Send a photo or a file and I will say what it was.',
    );
  }

  /** Text messages (and commands no other handler took) come back as they were, formatting included. */
  @On('text')
  echo(@Msg() message: Message) {
    return message.reply(message.text, { entities: message.entities });
  }

  /** Everything else: what it was, and its caption when it has one. */
  @On('message')
  describe(@Msg() message: Message) {
    const what = `That was ${this.media.describe(message.mediaKind)}`;
    return message.reply(message.text === '' ? `${what}.` : `${what}, captioned: ${message.text}`);
  }
}

/** What `runBot` / `runDevBot` need besides the environment. */
export const botOptions = {
  controllers: [EchoController],
} satisfies RunBotOptions;
