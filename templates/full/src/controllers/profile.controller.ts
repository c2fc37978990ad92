import { Command, Controller, Ctx, enterConversation, Fallback, UseMiddleware } from 'mtbot';
import { userSessions, type BotContext } from '../sessions';
import { dialogs } from '../signup';

/**
 * The /signup conversation. Middleware runs only for the routes of its controller, so this one also
 * takes every message no other route does (the fallback): the answers of a conversation are such
 * messages, and the conversations middleware hands them to the current step.
 */
@Controller()
@UseMiddleware(userSessions, dialogs)
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

  @Fallback()
  unknown(@Ctx() ctx: BotContext) {
    return ctx.reply('I did not get that. /help lists what I can do.');
  }
}
