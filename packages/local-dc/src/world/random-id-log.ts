/**
 * The random ids each account sent messages with (core.telegram.org/api/updates#updatemessageid-updates:
 * a client's random_id identifies a message it sends, so a resend after a lost answer is not sent
 * twice). Telegram answers a random id the account already used with `500 RANDOM_ID_DUPLICATE`
 * (messages.sendMessage, sendMedia, forwardMessages, sendInlineBotResult). Memory is bounded: the
 * oldest ids of an account are forgotten past {@link RANDOM_IDS_KEPT}.
 */
import { RpcError } from 'telegram-mtproto-core';

/** Random ids remembered per account; a client resends within seconds, not after this many messages. */
export const RANDOM_IDS_KEPT = 100_000;

export class RandomIdLog {
  private readonly used = new Map<bigint, Set<bigint>>();

  /** Throws 500 RANDOM_ID_DUPLICATE when `randomIds` repeat one another or one `accountId` used before. */
  check(accountId: bigint, randomIds: readonly bigint[]): void {
    const used = this.used.get(accountId);
    if (new Set(randomIds).size !== randomIds.length || randomIds.some((id) => used?.has(id) === true)) {
      throw new RpcError(500, 'RANDOM_ID_DUPLICATE');
    }
  }

  /** Remembers `randomIds` as used by `accountId` (after the messages were sent). */
  record(accountId: bigint, randomIds: readonly bigint[]): void {
    let used = this.used.get(accountId);
    if (used === undefined) {
      used = new Set();
      this.used.set(accountId, used);
    }
    for (const id of randomIds) used.add(id);
    // A Set iterates in insertion order: the first ones are the oldest.
    for (const id of used) {
      if (used.size <= RANDOM_IDS_KEPT) break;
      used.delete(id);
    }
  }

  /** Every account's ids, oldest first, for persistence. */
  exportState(): Array<[bigint, bigint[]]> {
    return [...this.used].map(([accountId, ids]) => [accountId, [...ids]]);
  }

  importState(state: ReadonlyArray<readonly [bigint, readonly bigint[]]> | undefined): void {
    this.used.clear();
    for (const [accountId, ids] of state ?? []) this.used.set(accountId, new Set(ids));
  }
}
