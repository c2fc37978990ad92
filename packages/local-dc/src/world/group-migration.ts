/**
 * Basic group to supergroup migration (core.telegram.org/api/channel#migration): the supergroup
 * takes over the group's members, admins and rights, and the group is deactivated.
 */
import { RpcError } from 'telegram-mtproto-core';
import type { BasicGroupRecord, ChannelRecord, ServiceAction } from './group-records';
import type { EmitGroupEvent } from './group-chats-events';
import { requireActive } from './group-checks';
import type { GroupMessageStore } from './group-message-store';
import type { GroupRegistry } from './group-registry';
import type { World } from './world';

/** Turns basic groups into supergroups. */
export class GroupMigration {
  constructor(
    private readonly world: World,
    private readonly emit: EmitGroupEvent,
    private readonly registry: GroupRegistry,
    private readonly messages: GroupMessageStore,
  ) {}

  /**
   * The creator turns a basic group into a supergroup (core.telegram.org/api/channel#migration): a new
   * supergroup with the same title, members, admins and rights; the group's last message is
   * `messageActionChatMigrateTo`, the supergroup's first `messageActionChannelMigrateFrom`; the group
   * is deactivated (`chat.migrated_to`), and what would change it gets CHAT_ID_INVALID.
   * 403 CHAT_ADMIN_REQUIRED unless `actorId` is the creator.
   */
  migrate(group: BasicGroupRecord, actorId: bigint): ChannelRecord {
    requireActive(group);
    if (group.members.get(actorId)?.role !== 'creator') throw new RpcError(403, 'CHAT_ADMIN_REQUIRED');
    const channel: ChannelRecord = {
      kind: 'channel',
      id: this.registry.newChannelId(),
      accessHash: this.registry.accessHash(),
      title: group.title,
      username: undefined,
      megagroup: true,
      date: this.world.now(),
      members: new Map([...group.members].map(([userId, member]) => [userId, { ...member }])),
      messages: new Map(),
      events: [],
      banned: new Map(),
      lastMessageId: 0,
      pts: 0,
      migratedFrom: group.id,
      // The group's default rights carry over, as its admins' rights do.
      ...(group.defaultBannedRights === undefined ? {} : { defaultBannedRights: group.defaultBannedRights }),
    };
    this.registry.add(channel);
    // Set first, so the updates of both service messages name the other chat too.
    group.migratedTo = channel.id;
    group.version++;
    this.messages.addChatMessage(group, actorId, '', { type: 'chat-migrate-to', channelId: channel.id });
    const from: ServiceAction = { type: 'channel-migrate-from', title: group.title, chatId: group.id };
    this.messages.addChannelMessage(channel, actorId, '', from, undefined);
    this.emit('membersChanged', group);
    this.emit('membersChanged', channel);
    this.emit('migrated', group, channel);
    return channel;
  }
}
