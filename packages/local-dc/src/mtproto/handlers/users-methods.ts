/** users.*: who is who (core.telegram.org/method/users.getUsers). */
import type { Api } from 'telegram-mtproto-core';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import { toApiUser } from '../tl-shapes';

export const usersMethods: MethodHandlers = {
  'users.getUsers': (request, context): Api.TypeUser[] => {
    const self = loggedInAccount(context);
    const users: Api.TypeUser[] = [];
    for (const input of request.id) {
      const user = resolveInputUser(input, self, context);
      // Telegram leaves unknown users out of the vector rather than failing the whole call.
      if (user !== undefined) users.push(toApiUser(user, self));
    }
    return users;
  },
};

function resolveInputUser(input: Api.TypeInputUser, self: bigint, { world }: CallContext) {
  switch (input._) {
    case 'inputUserSelf':
      return world.account(self);
    case 'inputUser': {
      const user = world.account(input.user_id);
      return user !== undefined && (user.accessHash === input.access_hash || user.id === self)
        ? user
        : undefined;
    }
    default:
      return undefined;
  }
}
