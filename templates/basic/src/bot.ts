// The bot: one controller and the options runBot (src/main.ts), runDevBot (src/dev.ts) and the tests
// (test/bot.test.ts) share.
import {
  CallbackQuery,
  Command,
  Controller,
  Ctx,
  InlineKeyboard,
  type Context,
  type RunBotOptions,
} from 'mtbot';

const FACTS = [
  'Telegram bots speak MTProto here, the same protocol the Telegram apps use.',
  'A bot can send about 30 messages a second in total; mtbot keeps it within that for you.',
  'Inline buttons carry up to 64 bytes of data back to the bot.',
];

@Controller()
export class StartController {
  private nextFact = 0;

  @Command('start')
  start(@Ctx() ctx: Context) {
    const name = ctx.from?.firstName ?? 'there';
    return ctx.reply(`Hello, ${name}! I am {{projectName}}. Send /help to see what I can do.`, {
      replyMarkup: new InlineKeyboard().text('Tell me a fact', 'fact'),
    });
  }

  @Command('help')
  help(@Ctx() ctx: Context) {
    return ctx.reply('/start – a greeting and a button\n/help – this list');
  }

  /** The button under the greeting: a toast for the press, and a fact as a new message. */
  @CallbackQuery('fact')
  async fact(@Ctx() ctx: Context) {
    const fact = FACTS[this.nextFact % FACTS.length]!;
    this.nextFact += 1;
    await ctx.answer({ text: 'Here is one' });
    await ctx.reply(fact);
  }
}

/** What runBot and runDevBot take besides the environment: the controllers, limits, ... */
export const botOptions = {
  controllers: [StartController],
} satisfies RunBotOptions;
