/**
 * Server salts as a server hands them out (core.telegram.org/mtproto/description, "Server Salt", and
 * core.telegram.org/mtproto/service_messages, "Request for several future salts"): time is cut into
 * windows, each with its own random salt; a message is accepted with the salt of the current window
 * or, for a grace period, of the previous one. The key exchange's initial salt counts for the window
 * the key was made in.
 */
import type { RandomSource } from '../crypto/random-source';
import type { FutureSalt } from '../tl/generated/mtproto-types';

export interface ServerSaltsOptions {
  /** Length of a salt's window in seconds (default 3 600). */
  readonly windowSeconds?: number;
  /** How long after its window a salt is still accepted, in seconds (default 1 800). */
  readonly graceSeconds?: number;
}

export class ServerSalts {
  private readonly windowSeconds: number;
  private readonly graceSeconds: number;
  private readonly salts = new Map<number, bigint>();

  constructor(
    private readonly random: RandomSource,
    /** The salt agreed in the key exchange and the server time (seconds) it was agreed at. */
    initial: { readonly salt: bigint; readonly atSeconds: number },
    options: ServerSaltsOptions = {},
  ) {
    this.windowSeconds = options.windowSeconds ?? 3600;
    this.graceSeconds = options.graceSeconds ?? 1800;
    this.salts.set(this.windowOf(initial.atSeconds), initial.salt);
  }

  /** The salt of the window holding `nowSeconds`. */
  current(nowSeconds: number): bigint {
    return this.saltOf(this.currentWindow(nowSeconds));
  }

  /** Whether a message carrying `salt` is accepted at `nowSeconds`. */
  accepts(salt: bigint, nowSeconds: number): boolean {
    const window = this.currentWindow(nowSeconds);
    if (this.saltOf(window) === salt) return true;
    const previousEnd = window * this.windowSeconds;
    return nowSeconds < previousEnd + this.graceSeconds && this.salts.get(window - 1) === salt;
  }

  /** `count` salts from the current window on, for future_salts. */
  upcoming(nowSeconds: number, count: number): FutureSalt[] {
    const first = this.currentWindow(nowSeconds);
    const salts: FutureSalt[] = [];
    for (let window = first; window < first + Math.max(1, Math.min(count, 64)); window++) {
      salts.push({
        _: 'future_salt',
        valid_since: window * this.windowSeconds,
        valid_until: (window + 1) * this.windowSeconds,
        salt: this.saltOf(window),
      });
    }
    return salts;
  }

  /**
   * Replaces the salt of the current window with a new one and forgets every other salt, as after a
   * server-side salt change: a message under an old salt gets bad_server_salt with the new one.
   */
  rotate(nowSeconds: number): void {
    this.salts.clear();
    this.saltOf(this.windowOf(nowSeconds));
  }

  private windowOf(seconds: number): number {
    return Math.floor(seconds / this.windowSeconds);
  }

  /**
   * The window holding `nowSeconds`, after forgetting the salts of windows before the previous one:
   * they are never accepted again. Pruning is by the current time, not by the window a salt is made
   * for, so handing out future salts keeps the current and previous ones (and the future ones stay
   * what the client was told).
   */
  private currentWindow(nowSeconds: number): number {
    const window = this.windowOf(nowSeconds);
    for (const old of this.salts.keys()) if (old < window - 1) this.salts.delete(old);
    return window;
  }

  private saltOf(window: number): bigint {
    let salt = this.salts.get(window);
    if (salt === undefined) {
      const bytes = this.random(8);
      salt = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
      this.salts.set(window, salt);
    }
    return salt;
  }
}
