/**
 * Who an account is, in full, and who owns a username: users.getFullUser
 * (core.telegram.org/method/users.getFullUser) and contacts.resolveUsername
 * (core.telegram.org/method/contacts.resolveUsername).
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import type { UserRecord } from '../../world/records';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import { peerUser, toApiUser } from '../tl-shapes';

/** A username as Telegram accepts it: a letter, then letters, digits or underscores, 4 to 32 in all. */
const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

export const profileMethods: MethodHandlers = {
  'users.getFullUser': (request, context): Api.UsersUserFull => {
    const self = loggedInAccount(context);
    const user = inputUserRecord(request.id, self, context);
    const selfGroups = new Set(context.world.groups.groupsOf(self).map((group) => group.id));
    const commonChats =
      user.id === self
        ? 0
        : context.world.groups.groupsOf(user.id).filter((group) => selfGroups.has(group.id)).length;
    return {
      _: 'users.userFull',
      full_user: {
        _: 'userFull',
        id: user.id,
        settings: { _: 'peerSettings' },
        notify_settings: { _: 'peerNotifySettings' },
        // A bot's profile says it is one; description and commands are not kept here.
        bot_info: user.bot ? { _: 'botInfo', user_id: user.id } : undefined,
        common_chats_count: commonChats,
      },
      chats: [],
      users: [toApiUser(user, self)],
    };
  },
  'contacts.resolveUsername': (request, context): Api.ContactsResolvedPeer => {
    const self = loggedInAccount(context);
    if (!USERNAME_PATTERN.test(request.username)) throw new RpcError(400, 'USERNAME_INVALID');
    const wanted = request.username.toLowerCase();
    for (const account of context.world.allAccounts()) {
      if (account.username?.toLowerCase() === wanted) {
        return {
          _: 'contacts.resolvedPeer',
          peer: peerUser(account.id),
          chats: [],
          users: [toApiUser(account, self)],
        };
      }
    }
    throw new RpcError(400, 'USERNAME_NOT_OCCUPIED');
  },
};

/** The user an InputUser names; USER_ID_INVALID when unknown or with a wrong access hash. */
function inputUserRecord(input: Api.TypeInputUser, self: bigint, { world }: CallContext): UserRecord {
  const user =
    input._ === 'inputUserSelf'
      ? world.account(self)
      : input._ === 'inputUser'
        ? world.account(input.user_id)
        : undefined;
  if (user === undefined) throw new RpcError(400, 'USER_ID_INVALID');
  if (input._ === 'inputUser' && user.id !== self && user.accessHash !== input.access_hash) {
    throw new RpcError(400, 'USER_ID_INVALID');
  }
  return user;
}
