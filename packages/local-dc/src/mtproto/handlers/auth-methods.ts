/** auth.*: bot login (core.telegram.org/api/bots, core.telegram.org/method/auth.importBotAuthorization). */
import { RpcError, type Api } from 'telegram-mtproto-core';
import type { MethodHandlers } from '../call-context';
import { toApiUser } from '../tl-shapes';

export const authMethods: MethodHandlers = {
  'auth.importBotAuthorization': (
    request,
    { world, authorizations, request: call, dc, dcs },
  ): Api.AuthAuthorization => {
    // Telegram checks the app before the token: api_id 0 is never a registered app.
    if (request.api_id <= 0) throw new RpcError(400, 'API_ID_INVALID');
    const bot = world.botByToken(request.bot_auth_token);
    if (bot === undefined) throw new RpcError(400, 'ACCESS_TOKEN_INVALID');
    // A bot logs in on its home DC; elsewhere Telegram answers 303 USER_MIGRATE_X with that DC
    // (core.telegram.org/api/datacenter), and the client reconnects there.
    const home = dcs.homeOf(bot.id);
    if (home !== dc.dcId) throw new RpcError(303, `USER_MIGRATE_${home}`);
    authorizations.bind(call.authKeyId, bot.id);
    return { _: 'auth.authorization', user: toApiUser(bot, bot.id) };
  },
};
