/**
 * messages.sendMedia to a private chat, basic group, supergroup or channel
 * (core.telegram.org/method/messages.sendMedia): a photo or a
 * document uploaded with upload.saveFilePart / saveBigFilePart (inputMediaUploadedPhoto,
 * inputMediaUploadedDocument), or one the sender has seen before (inputMediaPhoto,
 * inputMediaDocument). The medium is stored on the DC the parts were uploaded to. A link preview
 * (inputMediaWebPage) is made offline from its URL (link-previews.ts).
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { keyName } from '../authorizations';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import { newMessageUpdates } from '../new-message-updates';
import type { MessageMedium } from '../../world/media-records';
import type { GroupRecord } from '../../world/group-records';
import { groupOfPeer } from '../group-peers';
import { checkRestrictedSend } from '../../world/member-restrictions';
import { requireActive } from '../../world/group-checks';
import { sendMediaToGroup } from './group-messages';
import { sendExtrasOf } from './send-extras';
import { requestedLinkPreview } from './link-previews';

export const mediaMethods: MethodHandlers = {
  'messages.sendMedia': (request, context): Api.TypeUpdates => {
    const self = loggedInAccount(context);
    const group = groupOfPeer(context.world, request.peer);
    const peerId = group === undefined ? resolveUserPeer(request.peer, self, context) : undefined;
    context.world.randomIds.check(self, [request.random_id]);
    // Membership and rights first, so a refused send leaves the upload for another try.
    if (group !== undefined) checkCanPost(group, self, request.media, context);
    const media =
      request.media._ === 'inputMediaWebPage'
        ? requestedLinkPreview(request.media, request.invert_media)
        : mediaOf(request.media, self, context);
    if (group !== undefined) {
      const result = sendMediaToGroup(group, self, request.message, request.random_id, context, {
        ...sendExtrasOf(context.world, request),
        media,
      });
      context.world.randomIds.record(self, [request.random_id]);
      return result;
    }
    const { message, event } = context.world.sendPrivateMessage(
      self,
      peerId!,
      request.message,
      keyName(context.request.authKeyId),
      { ...sendExtrasOf(context.world, request), media },
    );
    context.world.randomIds.record(self, [request.random_id]);
    // Telegram's answer to the sender: the id its random_id became, then the new message.
    return newMessageUpdates(context.world, message, event, [
      { _: 'updateMessageID', id: message.id, random_id: request.random_id },
    ]);
  },
};

function mediaOf(input: Api.TypeInputMedia, self: bigint, context: CallContext): MessageMedium {
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

/** The checks of group-message-store.ts sendMessage that come before anything is stored. */
function checkCanPost(
  group: GroupRecord,
  self: bigint,
  input: Api.TypeInputMedia,
  { world }: CallContext,
): void {
  const member = group.members.get(self);
  if (group.kind === 'chat') {
    requireActive(group);
    if (member === undefined) throw new RpcError(403, 'CHAT_WRITE_FORBIDDEN');
  } else {
    if (member === undefined) throw new RpcError(400, 'CHANNEL_PRIVATE');
    if (!group.megagroup && !member.adminRights.includes('post_messages'))
      throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
  }
  const photo = input._ === 'inputMediaUploadedPhoto' || input._ === 'inputMediaPhoto';
  checkRestrictedSend(world.groups.deniedRights(group, self), {
    media: input._ === 'inputMediaWebPage' ? 'webpage' : photo ? 'photo' : 'document',
    viaBot: false,
  });
}
