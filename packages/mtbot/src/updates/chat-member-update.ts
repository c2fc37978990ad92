import type { Api } from 'telegram-mtproto-core';
import type { Chat } from './chat';
import type { User } from './user';

/** A member's standing in a chat, as the Bot API names it. */
export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** Someone joined, left, was promoted or banned in a group, supergroup or channel the bot administers. */
export interface ChatMemberUpdate {
  readonly chat: Chat;
  /** Who made the change (the user themself when they joined or left). */
  readonly from: User;
  /** Whose membership changed. */
  readonly user: User;
  readonly oldStatus: MemberStatus;
  readonly newStatus: MemberStatus;
  readonly date: Date;
}

/** The status of a basic group participant; absent means not in the group. */
export function chatParticipantStatus(participant: Api.TypeChatParticipant | undefined): MemberStatus {
  switch (participant?._) {
    case undefined:
      return 'left';
    case 'chatParticipantCreator':
      return 'creator';
    case 'chatParticipantAdmin':
      return 'administrator';
    default:
      return 'member';
  }
}

/** The status of a channel or supergroup participant; absent means not in it. */
export function channelParticipantStatus(participant: Api.TypeChannelParticipant | undefined): MemberStatus {
  switch (participant?._) {
    case undefined:
    case 'channelParticipantLeft':
      return 'left';
    case 'channelParticipantCreator':
      return 'creator';
    case 'channelParticipantAdmin':
      return 'administrator';
    case 'channelParticipantBanned':
      // Banned from viewing messages is a kick; any lesser ban is a restriction.
      return participant.banned_rights._ === 'chatBannedRights' && participant.banned_rights.view_messages
        ? 'kicked'
        : participant.left
          ? 'left'
          : 'restricted';
    default:
      return 'member';
  }
}
