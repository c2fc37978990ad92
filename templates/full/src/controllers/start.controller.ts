import { CallbackQuery, Command, Controller, Ctx, InlineKeyboard, RateLimit, type Context } from 'mtbot';
import { Subscribers } from '../services/subscribers';
import type { BotContext } from '../sessions';

const HELP = [
  '/start – subscribe and say hello',
  '/count – count with me (a session, at most 3 a minute)',
  '/signup – a short conversation; /me shows what you told me',
  '/broadcast <text> – send text to every subscriber (admin only)',
].join('\n');

/** Greets and subscribes users. Its services come in through the constructor (mtbot's DI). */
@Controller()
export class StartController {
  constructor(private readonly subscribers: Subscribers) {}

  @Command('start')
  async start(@Ctx() ctx: BotContext) {
    if (ctx.from !== undefined) await this.subscribers.add(ctx.from.id);
    const name = ctx.from?.firstName ?? 'there';
    return ctx.reply(`Hello, ${name}! I am {{projectName}}. You will get my announcements.`, {
      replyMarkup: new InlineKeyboard().text('What can you do?', 'help'),
    });
  }

  @Command('help')
  help(@Ctx() ctx: Context) {
    return ctx.reply(HELP);
  }

  @CallbackQuery('help')
  async helpButton(@Ctx() ctx: Context) {
    await ctx.answer();
    await ctx.reply(HELP);
  }

  /** Incoming rate limit: 3 per user a minute; the 4th gets one reply, later ones are ignored. */
  @Command('count')
  @RateLimit({ limit: 3, windowMs: 60_000, notify: 'Easy! Three counts a minute.' })
  count(@Ctx() ctx: BotContext) {
    const session = ctx.session;
    if (session === undefined) return ctx.reply('I count per user, and this message has none.');
    session.counted += 1;
    return ctx.reply(`You have counted ${session.counted} time${session.counted === 1 ? '' : 's'}.`);
  }
}
