/**
 * messages.editInlineBotMessage (core.telegram.org/method/messages.editInlineBotMessage): the bot
 * edits a message sent via its inline mode, by the inline message id it got in
 * updateInlineBotCallbackQuery, in any chat (it need not be a member). The edit is made as the
 * message's sender would make it, so every copy changes and every member's sessions get
 * updateEditMessage / updateEditChannelMessage.
 */
import { RpcError } from 'telegram-mtproto-core';
import { botInteractionsOf } from '../../bots/bot-interactions';
import { markupEdit } from '../../bots/markup-edits';
import { loggedInAccount, type MethodHandlers } from '../call-context';

export const inlineMessageMethods: MethodHandlers = {
  'messages.editInlineBotMessage': (request, context): boolean => {
    const self = loggedInAccount(context);
    const { world } = context;
    if (world.account(self)?.bot !== true) throw new RpcError(400, 'USER_BOT_REQUIRED');
    const { location } = botInteractionsOf(world).inlineMessages.resolve(request.id, self);
    // Changing the medium of an inline message is not emulated.
    if (request.media !== undefined) throw new RpcError(400, 'MEDIA_INVALID');
    if (location.kind === 'channel') {
      const channel = world.groups.group(location.channelId);
      const message = channel?.kind === 'channel' ? channel.messages.get(location.messageId) : undefined;
      if (channel === undefined || message === undefined) throw new RpcError(400, 'MESSAGE_ID_INVALID');
      const markup = markupEdit(world, message.replyMarkup, request.reply_markup);
      world.groups.editMessage(
        message.senderId,
        channel,
        message.id,
        request.message,
        undefined,
        request.entities,
        markup,
      );
      return true;
    }
    const message = world.box(location.ownerId).message(location.messageId);
    if (message === undefined) throw new RpcError(400, 'MESSAGE_ID_INVALID');
    const markup = markupEdit(world, message.replyMarkup, request.reply_markup);
    const group = message.chatId === undefined ? undefined : world.groups.group(message.chatId);
    if (group !== undefined) {
      world.groups.editMessage(
        location.ownerId,
        group,
        message.id,
        request.message,
        undefined,
        request.entities,
        markup,
      );
    } else {
      world.editPrivateMessage(
        location.ownerId,
        message.peerId,
        message.id,
        request.message,
        undefined,
        markup,
        request.entities,
      );
    }
    return true;
  },
};
