// Which event sequence an Update belongs to (https://core.telegram.org/api/updates, "Message-related
// event sequences"): the common message box (pts), a channel's message box (pts), the secondary
// sequence (qts), or none, in which case the Updates container's seq orders it.
import type * as Api from '../tl/generated/api-types';

/** The sequence an update belongs to, with the values the checks of /api/updates compare. */
export type UpdateSequence =
  | { box: 'common'; pts: number; ptsCount: number }
  | { box: 'channel'; channelId: bigint; pts: number; ptsCount: number }
  | { box: 'qts'; qts: number }
  | { box: 'none' };

/** Updates whose channel is named by the message they carry, not by a channel_id field. */
const CHANNEL_MESSAGE_UPDATES = new Set(['updateNewChannelMessage', 'updateEditChannelMessage']);

/**
 * Classifies an update: pts with pts_count puts it in a message box (a channel's when it names a
 * channel), qts in the secondary sequence. Fields are read generically so constructors added by later
 * layers are classified the same way.
 */
export function updateSequence(update: Api.TypeUpdate): UpdateSequence {
  const fields = update as unknown as Record<string, unknown>;
  if (typeof fields.pts === 'number' && typeof fields.pts_count === 'number') {
    const pts = fields.pts;
    const ptsCount = fields.pts_count;
    if (typeof fields.channel_id === 'bigint')
      return { box: 'channel', channelId: fields.channel_id, pts, ptsCount };
    if (CHANNEL_MESSAGE_UPDATES.has(update._)) {
      const channelId = channelIdOfMessage((update as Api.UpdateNewChannelMessage).message);
      // A channel update whose message does not name its channel cannot be checked; it is applied
      // without a check rather than dropped.
      return channelId === undefined ? { box: 'none' } : { box: 'channel', channelId, pts, ptsCount };
    }
    return { box: 'common', pts, ptsCount };
  }
  if (typeof fields.qts === 'number') return { box: 'qts', qts: fields.qts };
  return { box: 'none' };
}

/** The channel a message was posted in, when its peer is a channel. */
export function channelIdOfMessage(message: Api.TypeMessage): bigint | undefined {
  const peer = message.peer_id;
  return peer?._ === 'peerChannel' ? peer.channel_id : undefined;
}
