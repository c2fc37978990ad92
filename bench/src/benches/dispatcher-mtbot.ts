import {
  Args,
  Command,
  Context,
  Controller,
  Ctx,
  Fallback,
  Hears,
  Match,
  Router,
  registerControllers,
  type RoutableChat,
  type RoutableCommand,
  type RoutableMessage,
  type RoutableUpdate,
  type RoutableUser,
} from '../ours/mtbot-framework';
import { drainMicrotasks } from './dispatcher-drain-microtasks';
import { benchBotUsername, middlewareMark, type BenchMessageSpec } from './dispatcher-updates';

/** Where replies go instead of the network; answers at once with what was sent. */
class Outbox {
  count = 0;
  last = '';

  send(chat: RoutableChat, text: string): Promise<unknown> {
    this.count += 1;
    this.last = text;
    return Promise.resolve({ id: 1, chatId: chat.id, text });
  }
}

/**
 * A message as the bot client would hand it over: built per update, with its command parsed from the
 * bot_command entity (grammY parses its entities per update too).
 */
class BenchMessage implements RoutableMessage {
  readonly id = 1;
  readonly mediaKind = 'text';
  readonly command: RoutableCommand | undefined;

  constructor(
    readonly chat: RoutableChat,
    readonly sender: RoutableUser,
    readonly text: string,
    commandLength: number,
    private readonly outbox: Outbox,
  ) {
    this.command = commandLength === 0 ? undefined : parseCommand(text, commandLength);
  }

  reply(text: string): Promise<unknown> {
    return this.outbox.send(this.chat, text);
  }

  edit(text: string): Promise<unknown> {
    return this.outbox.send(this.chat, text);
  }
}

function parseCommand(text: string, length: number): RoutableCommand {
  const at = text.indexOf('@');
  const hasBot = at !== -1 && at < length;
  return {
    name: text.slice(1, hasBot ? at : length),
    botName: hasBot ? text.slice(at + 1, length) : undefined,
    args: text.slice(length).trimStart(),
  };
}

/** A service tsyringe constructs and injects into the controller (no arguments, so no `@injectable()`). */
class ReplyTexts {
  command(name: string, args: string): string {
    return `${name}: ${args}`;
  }

  order(match: RegExpExecArray): string {
    return `order ${match[1]} of ${match[2]}`;
  }
}

@Controller()
class BenchController {
  constructor(private readonly texts: ReplyTexts) {}

  @Command('cmd0') cmd0(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd0', args));
  }
  @Command('cmd1') cmd1(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd1', args));
  }
  @Command('cmd2') cmd2(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd2', args));
  }
  @Command('cmd3') cmd3(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd3', args));
  }
  @Command('cmd4') cmd4(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd4', args));
  }
  @Command('cmd5') cmd5(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd5', args));
  }
  @Command('cmd6') cmd6(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd6', args));
  }
  @Command('cmd7') cmd7(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd7', args));
  }
  @Command('cmd8') cmd8(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd8', args));
  }
  @Command('cmd9') cmd9(@Ctx() ctx: Context, @Args() args: string) {
    return ctx.reply(this.texts.command('cmd9', args));
  }

  @Hears(/^order (\d+) (\w+)$/) order(@Ctx() ctx: Context, @Match() match: RegExpExecArray) {
    return ctx.reply(this.texts.order(match));
  }

  @Fallback() fallback(@Ctx() ctx: Context) {
    return ctx.reply('fallback');
  }
}

interface Participants {
  readonly chat: RoutableChat;
  readonly sender: RoutableUser;
}

/** mtbot's side: the same table through a decorated controller resolved by tsyringe. */
export class MtbotDispatcher {
  readonly outbox = new Outbox();
  private readonly router = new Router({ botUsername: benchBotUsername });
  private readonly participants: readonly Participants[];
  private handled = 0;

  constructor(private readonly messages: readonly BenchMessageSpec[]) {
    this.router.use(async (ctx, next) => {
      ctx.state.mark = middlewareMark(Number(ctx.chat?.id ?? 0n));
      await next();
    });
    this.router.use(async (_ctx, next) => {
      await next();
      this.handled += 1;
    });
    // The bot's container is a new child of tsyringe's root: the controller and its service resolve there.
    registerControllers(this.router, [BenchController]);
    this.participants = messages.map((spec) => ({
      chat: { id: BigInt(spec.chatId), type: 'private', title: undefined },
      sender: { id: BigInt(spec.userId), isBot: false, firstName: 'User' },
    }));
  }

  /** Handles one update of the mix to the end (its reply intercepted); returns how many were handled. */
  handle(index: number): number {
    const position = index % this.messages.length;
    const spec = this.messages[position];
    const { chat, sender } = this.participants[position];
    const message = new BenchMessage(chat, sender, spec.text, spec.commandLength, this.outbox);
    const update: RoutableUpdate = { kind: 'message', message, chatId: chat.id, senderId: sender.id };
    void this.router.handle(update);
    drainMicrotasks();
    return this.handled;
  }
}
