import type { RandomSource } from 'telegram-mtproto-core';

/**
 * Hands out the world's identifiers: user and bot ids (in distinct ranges, as Telegram's bots have
 * large ids today), access hashes and bot token secrets. Randomness is injected for reproducible tests.
 */
export class IdAllocator {
  private nextUser = 1_000_000_001n;
  private nextBot = 7_000_000_001n;

  constructor(private readonly random: RandomSource) {}

  userId(): bigint {
    return this.nextUser++;
  }

  botId(): bigint {
    return this.nextBot++;
  }

  /** The next ids, for persistence. */
  exportState(): { readonly nextUser: bigint; readonly nextBot: bigint } {
    return { nextUser: this.nextUser, nextBot: this.nextBot };
  }

  importState(state: { readonly nextUser: bigint; readonly nextBot: bigint }): void {
    this.nextUser = state.nextUser;
    this.nextBot = state.nextBot;
  }

  /** A random non-zero signed 64-bit value. */
  accessHash(): bigint {
    for (;;) {
      const bytes = this.random(8);
      const value = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
      if (value !== 0n) return value;
    }
  }

  /** The secret half of a bot token: 35 characters of [A-Za-z0-9_-], like BotFather's. */
  botSecret(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    return Array.from(this.random(35), (byte) => alphabet[byte & 63]).join('');
  }
}
