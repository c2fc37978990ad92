/**
 * The world's groups by id, and the ids new ones get: basic groups and channels count in their own
 * ranges, and each channel gets an access hash (core.telegram.org/api/channel).
 */
import type { RandomSource } from 'telegram-mtproto-core';
import type { GroupRecord } from './group-records';
import { IdAllocator } from './id-allocator';

/** What {@link GroupRegistry} holds, for persistence. */
export interface GroupRegistryState {
  readonly nextChatId: bigint;
  readonly nextChannelId: bigint;
  readonly groups: readonly GroupRecord[];
}

/** Every basic group, supergroup and channel, and the next ids. */
export class GroupRegistry {
  private readonly ids: IdAllocator;
  private nextChatId = 500_000_001n;
  private nextChannelId = 2_000_000_001n;
  private readonly groups = new Map<bigint, GroupRecord>();

  constructor(random: RandomSource) {
    this.ids = new IdAllocator(random);
  }

  /** The id of a new basic group. */
  newChatId(): bigint {
    return this.nextChatId++;
  }

  /** The id of a new supergroup or channel. */
  newChannelId(): bigint {
    return this.nextChannelId++;
  }

  /** A new channel's access hash. */
  accessHash(): bigint {
    return this.ids.accessHash();
  }

  add(group: GroupRecord): void {
    this.groups.set(group.id, group);
  }

  get(id: bigint): GroupRecord | undefined {
    return this.groups.get(id);
  }

  /** The groups and channels `accountId` is a member of. */
  groupsOf(accountId: bigint): GroupRecord[] {
    return [...this.groups.values()].filter((group) => group.members.has(accountId));
  }

  exportState(): GroupRegistryState {
    return {
      nextChatId: this.nextChatId,
      nextChannelId: this.nextChannelId,
      groups: [...this.groups.values()],
    };
  }

  /** Replaces everything with what {@link exportState} saw. */
  importState(state: GroupRegistryState): void {
    this.nextChatId = state.nextChatId;
    this.nextChannelId = state.nextChannelId;
    this.groups.clear();
    for (const group of state.groups) this.groups.set(group.id, group);
  }
}
