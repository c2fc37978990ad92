/**
 * Bot commands (core.telegram.org/api/bots/commands): a bot sets its command list per scope and
 * language with bots.setBotCommands, reads it back with bots.getBotCommands (exactly that scope and
 * language, no fallback) and clears it with bots.resetBotCommands.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';

/** Most commands in one list (Bot API setMyCommands: at most 100). */
export const BOT_COMMANDS_MAX = 100;

/** A command: 1-32 characters of a-z, 0-9 and _ (core.telegram.org/api/bots/commands). */
const COMMAND_PATTERN = /^[a-z0-9_]{1,32}$/;

/** Longest command description (Bot API BotCommand.description: 1-256 characters). */
export const COMMAND_DESCRIPTION_MAX = 256;

export interface BotCommandEntry {
  readonly command: string;
  readonly description: string;
}

export class BotCommands {
  private readonly lists = new Map<bigint, Map<string, readonly BotCommandEntry[]>>();

  /**
   * Replaces the list of `scope` and `langCode`; an empty list clears it. Throws BOT_COMMAND_INVALID,
   * BOT_COMMAND_DESCRIPTION_INVALID, BOT_COMMANDS_TOO_MUCH past 100, LANG_CODE_INVALID for a language
   * that is neither empty nor two letters, PEER_ID_INVALID / USER_ID_INVALID for a scope's bad peer.
   */
  set(
    botId: bigint,
    scope: Api.TypeBotCommandScope,
    langCode: string,
    commands: readonly Api.BotCommand[],
  ): void {
    const key = scopeKey(botId, scope, langCode);
    if (commands.length > BOT_COMMANDS_MAX) throw new RpcError(400, 'BOT_COMMANDS_TOO_MUCH');
    const entries = commands.map((each): BotCommandEntry => {
      const command = each.command.replace(/^\//, '').toLowerCase();
      if (!COMMAND_PATTERN.test(command)) throw new RpcError(400, 'BOT_COMMAND_INVALID');
      const description = each.description.trim();
      if (description === '' || description.length > COMMAND_DESCRIPTION_MAX) {
        throw new RpcError(400, 'BOT_COMMAND_DESCRIPTION_INVALID');
      }
      return { command, description };
    });
    const lists = this.listsOf(botId);
    if (entries.length === 0) lists.delete(key);
    else lists.set(key, entries);
  }

  get(botId: bigint, scope: Api.TypeBotCommandScope, langCode: string): readonly BotCommandEntry[] {
    return this.listsOf(botId).get(scopeKey(botId, scope, langCode)) ?? [];
  }

  reset(botId: bigint, scope: Api.TypeBotCommandScope, langCode: string): void {
    this.listsOf(botId).delete(scopeKey(botId, scope, langCode));
  }

  /** Every bot's lists, for the data dir. */
  exportState(): Array<[bigint, Array<[string, readonly BotCommandEntry[]]>]> {
    return [...this.lists].map(([botId, lists]) => [botId, [...lists]]);
  }

  importState(
    state: ReadonlyArray<readonly [bigint, ReadonlyArray<readonly [string, readonly BotCommandEntry[]]>]>,
  ): void {
    this.lists.clear();
    for (const [botId, lists] of state) this.lists.set(botId, new Map(lists));
  }

  private listsOf(botId: bigint): Map<string, readonly BotCommandEntry[]> {
    let lists = this.lists.get(botId);
    if (lists === undefined) {
      lists = new Map();
      this.lists.set(botId, lists);
    }
    return lists;
  }
}

/** The map key of a scope and language. */
function scopeKey(botId: bigint, scope: Api.TypeBotCommandScope, langCode: string): string {
  if (langCode !== '' && !/^[a-z]{2}$/.test(langCode)) throw new RpcError(400, 'LANG_CODE_INVALID');
  switch (scope._) {
    case 'botCommandScopeDefault':
      return `default/${langCode}`;
    case 'botCommandScopeUsers':
      return `users/${langCode}`;
    case 'botCommandScopeChats':
      return `chats/${langCode}`;
    case 'botCommandScopeChatAdmins':
      return `chat_admins/${langCode}`;
    case 'botCommandScopePeer':
      return `peer:${peerKey(botId, scope.peer)}/${langCode}`;
    case 'botCommandScopePeerAdmins':
      return `peer_admins:${peerKey(botId, scope.peer)}/${langCode}`;
    case 'botCommandScopePeerUser': {
      const user = scope.user_id;
      if (user._ !== 'inputUser') throw new RpcError(400, 'USER_ID_INVALID');
      return `peer_user:${peerKey(botId, scope.peer)}:${user.user_id}/${langCode}`;
    }
  }
}

function peerKey(botId: bigint, peer: Api.TypeInputPeer): string {
  switch (peer._) {
    case 'inputPeerSelf':
      return `user${botId}`;
    case 'inputPeerUser':
      return `user${peer.user_id}`;
    case 'inputPeerChat':
      return `chat${peer.chat_id}`;
    case 'inputPeerChannel':
      return `channel${peer.channel_id}`;
    default:
      throw new RpcError(400, 'PEER_ID_INVALID');
  }
}
