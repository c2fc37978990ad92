/**
 * A user sends a photo or a document from the control side (tests, the control API): the bytes are
 * stored on the user's home DC, as if the user's app had uploaded them there, and the bot gets the
 * message as an update.
 */
import type { FileStore } from './world/file-store';
import type { StoredMessage } from './world/records';
import type { World } from './world/world';

/** A user's photo or document to a bot (or any account) in their private chat. */
export interface UserMediaInput {
  readonly fromUserId: bigint;
  readonly toUserId: bigint;
  /** The file's bytes, or them in base64: a JPEG or PNG for a photo, anything for a document. */
  readonly bytes: Uint8Array | string;
  readonly caption?: string;
  /** Documents only: the file name (documentAttributeFilename). Default `file`. */
  readonly fileName?: string;
  /** Documents only. Default `application/octet-stream`. */
  readonly mimeType?: string;
}

export function sendUserMedia(
  world: World,
  files: FileStore,
  homeDcId: number,
  kind: 'photo' | 'document',
  input: UserMediaInput,
): StoredMessage {
  const sender = world.account(input.fromUserId);
  if (sender?.bot) throw new RangeError('a user sends this: bots send media through MTProto');
  const bytes =
    typeof input.bytes === 'string' ? new Uint8Array(Buffer.from(input.bytes, 'base64')) : input.bytes;
  const media =
    kind === 'photo'
      ? files.addPhoto(homeDcId, bytes)
      : files.addDocument(
          homeDcId,
          { bytes, name: input.fileName ?? 'file' },
          input.mimeType ?? 'application/octet-stream',
          [],
        );
  return world.sendPrivateMessage(input.fromUserId, input.toUserId, input.caption ?? '', undefined, { media })
    .message;
}
