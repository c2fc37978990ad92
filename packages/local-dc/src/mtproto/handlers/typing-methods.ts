/**
 * messages.setTyping (core.telegram.org/method/messages.setTyping): in a private chat the other side's
 * sessions get updateUserTyping (mtproto/typing-signals.ts). The notice is not stored and has no pts.
 */
import { RpcError } from 'telegram-mtproto-core';
import { loggedInAccount, type MethodHandlers } from '../call-context';
import { groupOfPeer } from '../group-peers';
import { typingSignalsOf } from '../typing-signals';

export const typingMethods: MethodHandlers = {
  'messages.setTyping': (request, context): boolean => {
    const self = loggedInAccount(context);
    const { world } = context;
    // Groups and channels: accepted (the peer is checked), but no updateChatUserTyping is sent yet.
    if (groupOfPeer(world, request.peer) !== undefined) return true;
    const { peer } = request;
    const other = peer._ === 'inputPeerUser' ? world.account(peer.user_id) : undefined;
    if (
      peer._ !== 'inputPeerUser' ||
      other === undefined ||
      other.id === self ||
      other.accessHash !== peer.access_hash
    ) {
      throw new RpcError(400, 'PEER_ID_INVALID');
    }
    const sender = world.account(self);
    if (sender?.bot === true && other.bot) throw new RpcError(400, 'USER_IS_BOT');
    typingSignalsOf(world).announce({
      fromId: self,
      toId: other.id,
      action: request.action,
      date: world.now(),
    });
    return true;
  },
};
