import { Command, Controller, Ctx, enterConversation, Fallback } from 'mtbot';
import type { BotContext } from '../sessions';

/**
 * The /signup conversation and /me. The sessions and conversations middleware are global (src/bot.ts):
 * an answer inside a conversation goes to its current step before any route is looked up.
 */
@Controller()
export class ProfileController {
  @Command('signup')
  signup(@Ctx() ctx: BotContext) {
    return enterConversation(ctx, 'signup');
  }

  @Command('me')
  me(@Ctx() ctx: BotContext) {
    const profile = ctx.session?.profile;
    return ctx.reply(profile ? `You are ${profile.name}, ${profile.age}.` : 'I do not know you yet: /signup');
  }

  /** Reached only outside a conversation: inside one, the middleware takes /cancel first. */
  @Command('cancel')
  cancel(@Ctx() ctx: BotContext) {
    return ctx.reply('Nothing to cancel.');
  }

  /** What no route takes, outside a conversation. */
  @Fallback()
  unknown(@Ctx() ctx: BotContext) {
    return ctx.reply('I did not get that. /help lists what I can do.');
  }
}
