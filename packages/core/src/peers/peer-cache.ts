// The peer cache: users, basic groups and channels with the access hashes needed to address them,
// filled from every object that carries `users`/`chats` vectors. Rules for `min` constructors follow
// https://core.telegram.org/api/min: a min object's access hash cannot be used, so it never replaces
// a known one. Bot API style ids are described in peer-ref.ts.
import type * as Api from '../tl/generated/api-types';
import { fromBotApiId, type PeerRef } from './peer-ref';

/** What the cache knows of a user. */
export interface CachedUser {
  readonly id: bigint;
  /** Absent while only `min` objects of the user were seen. */
  readonly accessHash?: bigint;
  readonly usernames: readonly string[];
  readonly bot: boolean;
  readonly firstName?: string;
  readonly lastName?: string;
}

/** What the cache knows of a basic group (basic groups need no access hash). */
export interface CachedChat {
  readonly id: bigint;
  readonly title: string;
}

/** What the cache knows of a channel or supergroup. */
export interface CachedChannel {
  readonly id: bigint;
  /** Absent while only `min` objects of the channel were seen. */
  readonly accessHash?: bigint;
  readonly usernames: readonly string[];
  readonly title: string;
  readonly megagroup: boolean;
}

/** The JSON form of the cache, for storage: ids and hashes as decimal strings. */
export interface PeerCacheState {
  version: 1;
  users: {
    id: string;
    accessHash?: string;
    usernames?: string[];
    bot?: boolean;
    firstName?: string;
    lastName?: string;
  }[];
  chats: { id: string; title: string }[];
  channels: { id: string; accessHash?: string; usernames?: string[]; title: string; megagroup?: boolean }[];
}

/**
 * How a peer may be named: `@username` (or a bare username), a Bot API style id as number, bigint or
 * decimal string (`-100...` for channels), or a {@link PeerRef}.
 */
export type PeerReference = string | number | bigint | PeerRef;

/**
 * Users, chats and channels seen so far, with their access hashes; resolves references to the
 * `Input*` objects that requests take. Holds no I/O: the client feeds it with {@link PeerCache.addFrom}
 * and stores {@link PeerCache.exportState}.
 *
 * @example
 * ```ts
 * const peers = new PeerCache();
 * peers.addFrom(difference); // anything with users/chats vectors
 * const peer = peers.inputPeer('@durov') ?? peers.inputPeer(-1001234567890n);
 * ```
 */
export class PeerCache {
  private readonly users = new Map<bigint, CachedUser>();
  private readonly chats = new Map<bigint, CachedChat>();
  private readonly channels = new Map<bigint, CachedChannel>();
  private readonly usernames = new Map<string, PeerRef>();

  constructor(state?: PeerCacheState) {
    if (state) this.importState(state);
  }

  /** Adds the `users` and `chats` vectors of any TL object (updates, differences, messages.messages, ...). */
  addFrom(object: unknown): void {
    if (typeof object !== 'object' || object === null) return;
    const { users, chats } = object as { users?: unknown; chats?: unknown };
    if (Array.isArray(users)) this.addUsers(users as Api.TypeUser[]);
    if (Array.isArray(chats)) this.addChats(chats as Api.TypeChat[]);
  }

  /** Adds users and chats; the form the updates engine calls. */
  remember(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): void {
    this.addUsers(users);
    this.addChats(chats);
  }

  addUsers(users: readonly Api.TypeUser[]): void {
    for (const user of users) {
      if (user?._ === 'user') this.addUser(user);
    }
  }

  addChats(chats: readonly Api.TypeChat[]): void {
    for (const chat of chats) {
      switch (chat?._) {
        case 'chat':
        case 'chatForbidden':
          this.chats.set(chat.id, { id: chat.id, title: chat.title });
          break;
        case 'chatEmpty':
          if (!this.chats.has(chat.id)) this.chats.set(chat.id, { id: chat.id, title: '' });
          break;
        case 'channel':
          this.addChannel(chat);
          break;
        case 'channelForbidden': {
          const known = this.channels.get(chat.id);
          this.channels.set(chat.id, {
            id: chat.id,
            accessHash: chat.access_hash,
            usernames: known?.usernames ?? [],
            title: chat.title,
            megagroup: chat.megagroup === true,
          });
          break;
        }
      }
    }
  }

  getUser(id: bigint): CachedUser | undefined {
    return this.users.get(id);
  }

  getChat(id: bigint): CachedChat | undefined {
    return this.chats.get(id);
  }

  getChannel(id: bigint): CachedChannel | undefined {
    return this.channels.get(id);
  }

  /** True when the peer can be addressed: a basic group seen, a user or channel with an access hash. */
  isKnown(peer: PeerRef): boolean {
    switch (peer.kind) {
      case 'user':
        return this.users.get(peer.id)?.accessHash !== undefined;
      case 'chat':
        return this.chats.has(peer.id);
      case 'channel':
        return this.channels.get(peer.id)?.accessHash !== undefined;
    }
  }

  /**
   * Turns a reference into a {@link PeerRef}: usernames must have been seen; ids are read as Bot API
   * ids whether or not the peer is known. Undefined for unknown usernames and malformed input.
   */
  resolve(reference: PeerReference): PeerRef | undefined {
    if (typeof reference === 'object') return reference;
    if (typeof reference === 'number') {
      return Number.isSafeInteger(reference) ? fromBotApiId(reference) : undefined;
    }
    if (typeof reference === 'bigint') return fromBotApiId(reference);
    const text = reference.trim();
    if (/^-?\d+$/.test(text)) return fromBotApiId(BigInt(text));
    const username = text.startsWith('@') ? text.slice(1) : text;
    if (!/^[A-Za-z0-9_]+$/.test(username)) return undefined;
    return this.usernames.get(username.toLowerCase());
  }

  /** The InputPeer for a reference, or undefined while its access hash is unknown. */
  inputPeer(reference: PeerReference): Api.TypeInputPeer | undefined {
    const peer = this.resolve(reference);
    if (!peer) return undefined;
    switch (peer.kind) {
      case 'user': {
        const accessHash = this.users.get(peer.id)?.accessHash;
        return accessHash === undefined
          ? undefined
          : { _: 'inputPeerUser', user_id: peer.id, access_hash: accessHash };
      }
      case 'chat':
        return this.chats.has(peer.id) ? { _: 'inputPeerChat', chat_id: peer.id } : undefined;
      case 'channel': {
        const accessHash = this.channels.get(peer.id)?.accessHash;
        return accessHash === undefined
          ? undefined
          : { _: 'inputPeerChannel', channel_id: peer.id, access_hash: accessHash };
      }
    }
  }

  /** The InputUser for a reference to a user, or undefined. */
  inputUser(reference: PeerReference): Api.InputUser | undefined {
    const peer = this.resolve(reference);
    if (peer?.kind !== 'user') return undefined;
    const accessHash = this.users.get(peer.id)?.accessHash;
    return accessHash === undefined
      ? undefined
      : { _: 'inputUser', user_id: peer.id, access_hash: accessHash };
  }

  /** The InputChannel for a reference to a channel or supergroup, or undefined. */
  inputChannel(reference: PeerReference): Api.InputChannel | undefined {
    const peer = this.resolve(reference);
    if (peer?.kind !== 'channel') return undefined;
    const accessHash = this.channels.get(peer.id)?.accessHash;
    return accessHash === undefined
      ? undefined
      : { _: 'inputChannel', channel_id: peer.id, access_hash: accessHash };
  }

  /** The cache as JSON-safe data, to store and pass back to the constructor. */
  exportState(): PeerCacheState {
    return {
      version: 1,
      users: [...this.users.values()].map((user) => ({
        id: user.id.toString(),
        ...(user.accessHash !== undefined && { accessHash: user.accessHash.toString() }),
        ...(user.usernames.length > 0 && { usernames: [...user.usernames] }),
        ...(user.bot && { bot: true }),
        ...(user.firstName !== undefined && { firstName: user.firstName }),
        ...(user.lastName !== undefined && { lastName: user.lastName }),
      })),
      chats: [...this.chats.values()].map((chat) => ({ id: chat.id.toString(), title: chat.title })),
      channels: [...this.channels.values()].map((channel) => ({
        id: channel.id.toString(),
        ...(channel.accessHash !== undefined && { accessHash: channel.accessHash.toString() }),
        ...(channel.usernames.length > 0 && { usernames: [...channel.usernames] }),
        title: channel.title,
        ...(channel.megagroup && { megagroup: true }),
      })),
    };
  }

  private importState(state: PeerCacheState): void {
    if (state.version !== 1)
      throw new RangeError(`unknown peer cache state version ${String(state.version)}`);
    for (const user of state.users) {
      this.storeUser({
        id: BigInt(user.id),
        ...(user.accessHash !== undefined && { accessHash: BigInt(user.accessHash) }),
        usernames: user.usernames ?? [],
        bot: user.bot === true,
        ...(user.firstName !== undefined && { firstName: user.firstName }),
        ...(user.lastName !== undefined && { lastName: user.lastName }),
      });
    }
    for (const chat of state.chats)
      this.chats.set(BigInt(chat.id), { id: BigInt(chat.id), title: chat.title });
    for (const channel of state.channels) {
      this.storeChannel({
        id: BigInt(channel.id),
        ...(channel.accessHash !== undefined && { accessHash: BigInt(channel.accessHash) }),
        usernames: channel.usernames ?? [],
        title: channel.title,
        megagroup: channel.megagroup === true,
      });
    }
  }

  private addUser(user: Api.User): void {
    const known = this.users.get(user.id);
    if (user.min) {
      // A min object updates what is shown, never the access hash or the usernames of a full one.
      if (known?.accessHash !== undefined) {
        this.storeUser({ ...known, ...names(user) });
        return;
      }
      this.storeUser({ id: user.id, usernames: usernamesOf(user), bot: user.bot === true, ...names(user) });
      return;
    }
    const accessHash = user.access_hash ?? known?.accessHash;
    this.storeUser({
      id: user.id,
      ...(accessHash !== undefined && { accessHash }),
      usernames: usernamesOf(user),
      bot: user.bot === true,
      ...names(user),
    });
  }

  private addChannel(channel: Api.Channel): void {
    const known = this.channels.get(channel.id);
    if (channel.min && known?.accessHash !== undefined) {
      this.storeChannel({ ...known, title: channel.title });
      return;
    }
    const accessHash = channel.min ? undefined : (channel.access_hash ?? known?.accessHash);
    this.storeChannel({
      id: channel.id,
      ...(accessHash !== undefined && { accessHash }),
      usernames: usernamesOf(channel),
      title: channel.title,
      megagroup: channel.megagroup === true,
    });
  }

  private storeUser(user: CachedUser): void {
    this.reindex({ kind: 'user', id: user.id }, this.users.get(user.id)?.usernames ?? [], user.usernames);
    this.users.set(user.id, user);
  }

  private storeChannel(channel: CachedChannel): void {
    const peer = { kind: 'channel', id: channel.id } as const;
    this.reindex(peer, this.channels.get(channel.id)?.usernames ?? [], channel.usernames);
    this.channels.set(channel.id, channel);
  }

  private reindex(peer: PeerRef, before: readonly string[], after: readonly string[]): void {
    for (const username of before) {
      const key = username.toLowerCase();
      if (samePeer(this.usernames.get(key), peer)) this.usernames.delete(key);
    }
    for (const username of after) this.usernames.set(username.toLowerCase(), peer);
  }
}

function samePeer(a: PeerRef | undefined, b: PeerRef): boolean {
  return a !== undefined && a.kind === b.kind && a.id === b.id;
}

function names(user: Api.User): { firstName?: string; lastName?: string } {
  return {
    ...(user.first_name !== undefined && { firstName: user.first_name }),
    ...(user.last_name !== undefined && { lastName: user.last_name }),
  };
}

/** The main username and the active collectible/extra ones. */
function usernamesOf(peer: { username?: string; usernames?: Api.TypeUsername[] }): string[] {
  const all = new Set<string>();
  if (peer.username) all.add(peer.username);
  for (const entry of peer.usernames ?? []) {
    if (entry.active) all.add(entry.username);
  }
  return [...all];
}
