/**
 * Member changes as bots get them (core.telegram.org/api/updates): each is an
 * `updateChatParticipant` / `updateChannelParticipant` with the bot's own qts, sent to bots that are
 * admins of the group and to the bot whose own membership changed.
 */
import type { BannedMember, GroupMember, GroupRecord, ParticipantEvent } from './group-records';
import type { EmitGroupEvent } from './group-chats-events';
import type { World } from './world';

/** The bans a participant change lifts or makes. */
export interface Bans {
  readonly previousBan?: BannedMember;
  readonly currentBan?: BannedMember;
}

/** Each bot's participant updates, in qts order. */
export class ParticipantLog {
  private readonly logs = new Map<bigint, ParticipantEvent[]>();

  constructor(
    private readonly world: World,
    private readonly emit: EmitGroupEvent,
  ) {}

  /** Bots added at creation learn of their own membership (qts), as when added later. */
  announceInitialBots(group: GroupRecord, creatorId: bigint, date: number): void {
    for (const member of group.members.values()) {
      if (!this.world.account(member.userId)?.bot) continue;
      this.record(member.userId, group, creatorId, member.userId, undefined, member, date);
    }
  }

  /** A participant update for every bot admin of the group and for the bot whose membership changed. */
  announce(
    group: GroupRecord,
    actorId: bigint,
    userId: bigint,
    previous: GroupMember | undefined,
    current: GroupMember | undefined,
    date: number,
    leaver?: GroupMember,
    bans: Bans = {},
  ): void {
    this.emit('membersChanged', group);
    const members = new Map(group.members);
    // The one who left (or was an admin until now) hears of it as they were.
    if (leaver !== undefined) members.set(leaver.userId, leaver);
    for (const member of members.values()) {
      if (!this.world.account(member.userId)?.bot) continue;
      if (member.userId !== userId && member.role === 'member') continue;
      this.record(member.userId, group, actorId, userId, previous, current, date, bans);
    }
    // A banned bot that is not a member still learns of its ban and unban.
    if (!members.has(userId) && this.world.account(userId)?.bot) {
      this.record(userId, group, actorId, userId, previous, current, date, bans);
    }
  }

  /** The bot's qts: how many participant updates it was sent. */
  qtsOf(accountId: bigint): number {
    return this.logs.get(accountId)?.length ?? 0;
  }

  /** The participant updates of `accountId` with qts above `qts`, oldest first. */
  eventsAfter(accountId: bigint, qts: number): readonly ParticipantEvent[] {
    return (this.logs.get(accountId) ?? []).slice(Math.max(0, qts));
  }

  /** Every bot's log, for persistence. */
  exportState(): Array<[bigint, ParticipantEvent[]]> {
    return [...this.logs];
  }

  /** Replaces every log with what {@link exportState} saw. */
  importState(logs: ReadonlyArray<readonly [bigint, readonly ParticipantEvent[]]>): void {
    this.logs.clear();
    for (const [botId, log] of logs) this.logs.set(botId, [...log]);
  }

  private record(
    botId: bigint,
    group: GroupRecord,
    actorId: bigint,
    userId: bigint,
    previous: GroupMember | undefined,
    current: GroupMember | undefined,
    date: number,
    bans: Bans = {},
  ): void {
    let log = this.logs.get(botId);
    if (log === undefined) {
      log = [];
      this.logs.set(botId, log);
    }
    const event: ParticipantEvent = {
      qts: log.length + 1,
      date,
      group: { kind: group.kind, id: group.id },
      actorId,
      userId,
      previous,
      current,
      ...(bans.previousBan === undefined ? {} : { previousBan: bans.previousBan }),
      ...(bans.currentBan === undefined ? {} : { currentBan: bans.currentBan }),
    };
    log.push(event);
    this.emit('participantChanged', botId, event);
  }
}
