/**
 * messages.sendMedia in private chats (core.telegram.org/method/messages.sendMedia): a photo or a
 * document uploaded with upload.saveFilePart / saveBigFilePart (inputMediaUploadedPhoto,
 * inputMediaUploadedDocument), or one the sender has seen before (inputMediaPhoto,
 * inputMediaDocument). The medium is stored on the DC the parts were uploaded to.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { keyName } from '../authorizations';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import { newMessageUpdates } from '../new-message-updates';
import type { StoredMedia } from '../../world/media-records';

export const mediaMethods: MethodHandlers = {
  'messages.sendMedia': (request, context): Api.TypeUpdates => {
    const self = loggedInAccount(context);
    const peerId = resolveUserPeer(request.peer, self, context);
    context.world.randomIds.check(self, [request.random_id]);
    const media = mediaOf(request.media, self, context);
    const { message, event } = context.world.sendPrivateMessage(
      self,
      peerId,
      request.message,
      keyName(context.request.authKeyId),
      { media },
    );
    context.world.randomIds.record(self, [request.random_id]);
    // Telegram's answer to the sender: the id its random_id became, then the new message.
    return newMessageUpdates(context.world, message, event, [
      { _: 'updateMessageID', id: message.id, random_id: request.random_id },
    ]);
  },
};

function mediaOf(input: Api.TypeInputMedia, self: bigint, context: CallContext): StoredMedia {
  const { files, dc } = context;
  const scope = { dcId: dc.dcId, ownerId: self };
  switch (input._) {
    case 'inputMediaUploadedPhoto':
      return files.addPhoto(dc.dcId, files.takeUpload(scope, input.file).bytes);
    case 'inputMediaUploadedDocument':
      return files.addDocument(
        dc.dcId,
        files.takeUpload(scope, input.file),
        input.mime_type,
        input.attributes,
      );
    case 'inputMediaPhoto':
    case 'inputMediaDocument': {
      const wanted = input._ === 'inputMediaPhoto' ? 'photo' : 'document';
      const known = input.id._ === 'inputPhoto' || input.id._ === 'inputDocument' ? input.id : undefined;
      const media = known === undefined ? undefined : files.find(known.id);
      if (known === undefined || media?.kind !== wanted || media.accessHash !== known.access_hash) {
        throw new RpcError(400, 'MEDIA_INVALID');
      }
      return media;
    }
    default:
      throw new RpcError(400, 'MEDIA_INVALID');
  }
}

/** A user the caller names with the right access hash; chats are not served by this handler. */
function resolveUserPeer(peer: Api.TypeInputPeer, self: bigint, { world }: CallContext): bigint {
  if (peer._ === 'inputPeerUser') {
    const user = world.account(peer.user_id);
    if (user !== undefined && user.id !== self && user.accessHash === peer.access_hash) return user.id;
  }
  throw new RpcError(400, 'PEER_ID_INVALID');
}
