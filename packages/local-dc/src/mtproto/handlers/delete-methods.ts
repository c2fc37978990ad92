/**
 * messages.deleteMessages (core.telegram.org/method/messages.deleteMessages, see
 * world/message-deletion.ts) and channels.deleteMessages (core.telegram.org/method/channels.deleteMessages,
 * see world/channel-deletion.ts).
 */
import type { Api } from 'telegram-mtproto-core';
import { deleteChannelMessages } from '../../world/channel-deletion';
import { deleteMessages } from '../../world/message-deletion';
import { keyName } from '../authorizations';
import { loggedInAccount, type MethodHandlers } from '../call-context';
import { channelOfInput } from '../group-peers';

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

  'channels.deleteMessages': (request, context): Api.MessagesAffectedMessages => {
    const self = loggedInAccount(context);
    const channel = channelOfInput(context.world, request.channel);
    const events = deleteChannelMessages(
      context.world,
      self,
      channel,
      request.id,
      keyName(context.request.authKeyId),
    );
    // The channel's pts, not the caller's box's: channel events have their own sequence.
    return { _: 'messages.affectedMessages', pts: channel.pts, pts_count: events.length };
  },
};
