/**
 * The events {@link GroupChats} announces (the update pusher and waiters listen), and the emit
 * function its parts are given so that every announcement comes from the one emitter.
 */
import type { BoxEvent, StoredMessage } from './records';
import type {
  BasicGroupRecord,
  ChannelEvent,
  ChannelMessage,
  ChannelRecord,
  GroupRecord,
  ParticipantEvent,
} from './group-records';

/** Events of {@link GroupChats}, for the update pusher and waiters. */
export type GroupChatsEvents = {
  /** A basic-group message (or service message) entered `message.ownerId`'s box. */
  chatMessageAdded: (message: StoredMessage, event: BoxEvent, origin: unknown) => void;
  chatMessageEdited: (message: StoredMessage, event: BoxEvent, origin: unknown) => void;
  /** A message entered a channel's log; `viewerIds` are the members who see it. */
  channelMessageAdded: (
    channel: ChannelRecord,
    message: ChannelMessage,
    event: ChannelEvent,
    viewerIds: readonly bigint[],
    origin: unknown,
  ) => void;
  channelMessageEdited: (
    channel: ChannelRecord,
    message: ChannelMessage,
    event: ChannelEvent,
    viewerIds: readonly bigint[],
    origin: unknown,
  ) => void;
  /** A bot's qts advanced with a member change. */
  participantChanged: (botId: bigint, event: ParticipantEvent) => void;
  /** Someone joined, left, was promoted, demoted, banned or unbanned (for the state file). */
  membersChanged: (group: GroupRecord) => void;
  /** A basic group became the supergroup `channel` (after both service messages). */
  migrated: (group: BasicGroupRecord, channel: ChannelRecord) => void;
  /** The group's default banned rights changed (updateChatDefaultBannedRights to its members). */
  defaultRightsChanged: (group: GroupRecord, origin: unknown) => void;
};

/** Announces one of {@link GroupChatsEvents} on the world's GroupChats. */
export type EmitGroupEvent = <Event extends keyof GroupChatsEvents>(
  event: Event,
  ...args: Parameters<GroupChatsEvents[Event]>
) => void;
