/**
 * What a bot answers with: messages.setBotCallbackAnswer (core.telegram.org/method/messages.setBotCallbackAnswer),
 * messages.setInlineBotResults (core.telegram.org/method/messages.setInlineBotResults), and its command
 * lists: bots.setBotCommands, bots.getBotCommands, bots.resetBotCommands (core.telegram.org/api/bots/commands).
 * Each is for bots only: a user's account gets USER_BOT_REQUIRED.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { botInteractionsOf } from '../../bots/bot-interactions';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';

export const botMethods: MethodHandlers = {
  'messages.setBotCallbackAnswer': (request, context): boolean => {
    botInteractionsOf(context.world).callbackQueries.answer(loggedInBot(context), request);
    return true;
  },
  'messages.setInlineBotResults': (request, context): boolean => {
    botInteractionsOf(context.world).inlineQueries.answer(loggedInBot(context), request);
    return true;
  },
  'bots.setBotCommands': (request, context): boolean => {
    const bot = loggedInBot(context);
    botInteractionsOf(context.world).commands.set(bot, request.scope, request.lang_code, request.commands);
    return true;
  },
  'bots.getBotCommands': (request, context): Api.BotCommand[] => {
    const bot = loggedInBot(context);
    return botInteractionsOf(context.world)
      .commands.get(bot, request.scope, request.lang_code)
      .map((entry) => ({ _: 'botCommand', command: entry.command, description: entry.description }));
  },
  'bots.resetBotCommands': (request, context): boolean => {
    botInteractionsOf(context.world).commands.reset(loggedInBot(context), request.scope, request.lang_code);
    return true;
  },
};

function loggedInBot(context: CallContext): bigint {
  const accountId = loggedInAccount(context);
  if (context.world.account(accountId)?.bot !== true) throw new RpcError(400, 'USER_BOT_REQUIRED');
  return accountId;
}
