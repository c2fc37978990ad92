/** messages.deleteMessages (core.telegram.org/method/messages.deleteMessages), see world/message-deletion.ts. */
import type { Api } from 'telegram-mtproto-core';
import { deleteMessages } from '../../world/message-deletion';
import { keyName } from '../authorizations';
import { loggedInAccount, type MethodHandlers } from '../call-context';

export const deleteMethods: MethodHandlers = {
  'messages.deleteMessages': (request, context): Api.MessagesAffectedMessages => {
    const self = loggedInAccount(context);
    const events = deleteMessages(
      context.world,
      self,
      request.id,
      request.revoke === true,
      keyName(context.request.authKeyId),
    );
    // Nothing deleted: the box's pts as it is, pts_count 0.
    return {
      _: 'messages.affectedMessages',
      pts: events.at(-1)?.pts ?? context.world.box(self).pts,
      pts_count: events.length,
    };
  },
};
