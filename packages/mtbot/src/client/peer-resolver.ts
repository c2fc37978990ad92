import { fromBotApiId, ConfigError, type Api, type PeerCache, type PeerRef } from 'telegram-mtproto-core';
import { PeerNotFoundError } from '../errors/peer-not-found-error';
import { withCallContext } from '../errors/with-call-context';
import { botApiIdOfObject, describePeerRef, isInputPeer, peerRefOfInput, type PeerLike } from './peer-like';

/** A resolved peer: what requests take, and how error messages name it. */
export interface ResolvedPeer {
  readonly input: Api.TypeInputPeer;
  /** `user 123`, `channel 77`, `@name`, `self`. */
  readonly label: string;
  /** Undefined for the bot itself. */
  readonly ref: PeerRef | undefined;
}

/** What the resolver needs of the client. */
export interface PeerResolverHost {
  peers(): PeerCache;
  /** Calls contacts.resolveUsername; the answer's users and chats land in the peer cache. */
  resolveUsername(username: string): Promise<Api.TypeContactsResolvedPeer>;
}

const USERNAME = /^@?([A-Za-z][A-Za-z0-9_]{2,31})$/;

/**
 * Turns a {@link PeerLike} into an InputPeer: ids and usernames through the peer cache, unknown
 * usernames through contacts.resolveUsername. Ids the cache has no access hash for cannot be
 * guessed: PeerNotFoundError says the bot must meet the peer first.
 */
export class PeerResolver {
  constructor(private readonly host: PeerResolverHost) {}

  async resolve(peer: PeerLike): Promise<ResolvedPeer> {
    if (typeof peer === 'object' && isInputPeer(peer)) {
      const ref = peerRefOfInput(peer);
      if (peer._ === 'inputPeerEmpty') throw new ConfigError('inputPeerEmpty names no peer');
      return { input: peer, label: ref ? describePeerRef(ref) : 'self', ref };
    }
    if (typeof peer === 'string') return this.resolveText(peer);
    const id = typeof peer === 'object' ? botApiIdOfObject(peer) : peer;
    if (typeof id === 'number' && !Number.isSafeInteger(id)) {
      throw new ConfigError(`a peer id must be an integer (a bigint past 2^53), not ${id}`);
    }
    const ref = fromBotApiId(id);
    if (ref === undefined) throw new ConfigError('0 is not a peer id');
    return this.fromCache(ref);
  }

  private async resolveText(text: string): Promise<ResolvedPeer> {
    const trimmed = text.trim();
    if (trimmed === 'me' || trimmed === 'self')
      return { input: { _: 'inputPeerSelf' }, label: 'self', ref: undefined };
    if (/^-?\d+$/.test(trimmed)) return this.resolve(BigInt(trimmed));
    const match = USERNAME.exec(trimmed);
    if (match === null) throw new ConfigError(`"${text}" is neither a username nor a peer id`);
    const username = match[1]!;
    const label = `@${username}`;
    const cached = this.host.peers().resolve(username);
    if (cached !== undefined && this.host.peers().isKnown(cached)) return this.fromCache(cached, label);
    let resolved: Api.TypeContactsResolvedPeer;
    try {
      resolved = await this.host.resolveUsername(username);
    } catch (error) {
      throw withCallContext(error, { method: 'contacts.resolveUsername', peer: label });
    }
    const peer = resolved.peer;
    const ref: PeerRef =
      peer._ === 'peerUser'
        ? { kind: 'user', id: peer.user_id }
        : peer._ === 'peerChat'
          ? { kind: 'chat', id: peer.chat_id }
          : { kind: 'channel', id: peer.channel_id };
    // The answer's users/chats went into the cache with the call; add them again in case it was not fed.
    this.host.peers().addFrom(resolved);
    return this.fromCache(ref, label);
  }

  private fromCache(ref: PeerRef, label = describePeerRef(ref)): ResolvedPeer {
    const input = this.host.peers().inputPeer(ref);
    if (input === undefined) {
      throw new PeerNotFoundError(
        label,
        'the bot has not met this peer yet (no access hash): it must write to the bot, or be resolved by username, first',
      );
    }
    return { input, label, ref };
  }
}
