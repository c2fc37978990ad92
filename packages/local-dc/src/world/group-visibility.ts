/**
 * Which group messages a bot sees (core.telegram.org/api/bots): bots never see other bots' messages,
 * and in privacy mode (on by default, as BotFather sets it) a bot that is not an admin only sees
 * commands, mentions of its username, replies to its messages, its inline results and service
 * messages. Users see everything.
 */
import type { ChannelMessage, ChannelRecord, GroupRecord, ServiceAction } from './group-records';
import type { UserRecord } from './records';
import type { World } from './world';

/** A message as far as visibility goes. */
export interface VisibleMessage {
  fromId: bigint | undefined;
  senderId?: bigint;
  text: string;
  action?: ServiceAction;
  /** Who wrote the message this one replies to: a bot sees replies to its own messages. */
  replyToSenderId?: bigint;
  /** The bot an inline result came from: a bot sees messages sent via itself. */
  viaBotId?: bigint;
}

/** The bots' privacy settings and what follows from them. */
export class GroupVisibility {
  private readonly privacyOff = new Set<bigint>();

  constructor(private readonly world: World) {}

  /** Turns a bot's privacy mode on (the default) or off, as BotFather's /setprivacy. */
  setBotPrivacy(botId: bigint, enabled: boolean): void {
    if (enabled) this.privacyOff.delete(botId);
    else this.privacyOff.add(botId);
  }

  /** Whether `viewerId` sees the message (bots: see the privacy rules above). */
  sees(group: GroupRecord, viewerId: bigint, message: VisibleMessage): boolean {
    const viewer = this.world.account(viewerId);
    if (viewer === undefined || !viewer.bot) return true;
    const senderId = message.senderId ?? message.fromId;
    if (senderId === viewerId || message.action !== undefined) return true;
    if (senderId !== undefined && this.world.account(senderId)?.bot) return false;
    const member = group.members.get(viewerId);
    if (member !== undefined && member.role !== 'member') return true;
    if (this.privacyOff.has(viewerId)) return true;
    if (message.replyToSenderId === viewerId || message.viaBotId === viewerId) return true;
    return addressesBot(message.text, viewer);
  }

  /** The members who see a channel message now. */
  viewersOf(channel: ChannelRecord, message: ChannelMessage): bigint[] {
    return [...channel.members.keys()].filter((id) => this.sees(channel, id, message));
  }

  /** The bots with privacy mode off, for persistence. */
  exportState(): bigint[] {
    return [...this.privacyOff];
  }

  /** Replaces the settings with what {@link exportState} saw. */
  importState(privacyOff: readonly bigint[]): void {
    this.privacyOff.clear();
    for (const botId of privacyOff) this.privacyOff.add(botId);
  }
}

/** A command (`/cmd`, or `/cmd@thisbot`) or a mention of the bot's username. */
function addressesBot(text: string, bot: UserRecord): boolean {
  const username = bot.username?.toLowerCase();
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(text);
  if (command !== null) return command[1] === undefined || command[1].toLowerCase() === username;
  return username !== undefined && text.toLowerCase().includes(`@${username}`);
}
