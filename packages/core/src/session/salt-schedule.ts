/**
 * The server salts a client knows (core.telegram.org/mtproto/service_messages, "Request for several
 * future salts"): the current one plus future_salts received, each valid in a window of server time.
 * The client moves to the newest salt already valid, before the current one expires, so messages are
 * not refused with bad_server_salt at the boundary.
 */
import type { FutureSalt } from '../tl/generated/mtproto-types';

/** Ask for more salts when the known ones run out within this many seconds. */
const REFILL_MARGIN_SECONDS = 30 * 60;

export class SaltSchedule {
  private future: FutureSalt[] = [];

  constructor(
    /** The salt sent with outgoing messages. */
    public current: bigint,
  ) {}

  /** Keeps the salts of a future_salts answer (replacing the ones known before). */
  store(salts: readonly FutureSalt[]): void {
    this.future = [...salts].sort((left, right) => left.valid_since - right.valid_since);
  }

  /**
   * Switches to the newest salt valid at `serverNowSeconds`, if one is known; returns the new salt
   * when it changed.
   */
  update(serverNowSeconds: number): bigint | undefined {
    let best: FutureSalt | undefined;
    for (const salt of this.future) {
      if (salt.valid_since <= serverNowSeconds && serverNowSeconds < salt.valid_until) best = salt;
    }
    this.future = this.future.filter((salt) => salt.valid_until > serverNowSeconds);
    if (best === undefined || best.salt === this.current) return undefined;
    this.current = best.salt;
    return best.salt;
  }

  /** Server time (seconds) of the next switch, if a known future salt starts later. */
  nextSwitchAt(serverNowSeconds: number): number | undefined {
    for (const salt of this.future) if (salt.valid_since > serverNowSeconds) return salt.valid_since;
    return undefined;
  }

  /** Whether the known salts run out within half an hour. */
  needsRefill(serverNowSeconds: number): boolean {
    const last = this.future[this.future.length - 1];
    return last === undefined || last.valid_until < serverNowSeconds + REFILL_MARGIN_SECONDS;
  }
}
