// Peer identities and the Bot API style ids bots are used to. A Bot API id is the user id for users,
// -id for basic groups and -(1000000000000 + id) for channels and supergroups (the "-100..." ids).

/** The three kinds of peers Telegram knows, each with its own id space. */
export type PeerKind = 'user' | 'chat' | 'channel';

/** A peer named by kind and id (`chat` is a basic group, `channel` a channel or supergroup). */
export interface PeerRef {
  kind: PeerKind;
  id: bigint;
}

const CHANNEL_OFFSET = 1_000_000_000_000n;

/**
 * The Bot API style id of a peer.
 *
 * @example
 * ```ts
 * toBotApiId({ kind: 'channel', id: 1234567890n }); // -1001234567890n
 * ```
 */
export function toBotApiId(peer: PeerRef): bigint {
  switch (peer.kind) {
    case 'user':
      return peer.id;
    case 'chat':
      return -peer.id;
    case 'channel':
      return -(CHANNEL_OFFSET + peer.id);
  }
}

/**
 * Reads a Bot API style id: positive is a user, below -1000000000000 a channel, other negatives a
 * basic group. Returns undefined for 0.
 *
 * @example
 * ```ts
 * fromBotApiId(-1001234567890n); // { kind: 'channel', id: 1234567890n }
 * ```
 */
export function fromBotApiId(id: bigint | number): PeerRef | undefined {
  const value = BigInt(id);
  if (value > 0n) return { kind: 'user', id: value };
  if (value < -CHANNEL_OFFSET) return { kind: 'channel', id: -value - CHANNEL_OFFSET };
  if (value < 0n) return { kind: 'chat', id: -value };
  return undefined;
}
