import { FloodWaitError } from 'telegram-mtproto-core';
import type { ManualTimers } from '../../src/concurrency/manual-timers';

/** One send the fake server saw. */
export interface SeenSend {
  readonly chat: string;
  readonly label: string;
  readonly startedAt: number;
}

/**
 * Stands in for the network in scheduler unit tests: each send takes `latency()` ms of manual time,
 * may be answered with a scripted FLOOD_WAIT, and is recorded with the time it started.
 */
export class FakeTelegram {
  readonly seen: SeenSend[] = [];
  private readonly floods = new Map<string, number[]>();
  private inFlight = new Map<string, number>();
  maxInFlightPerChat = 0;

  constructor(
    private readonly timers: ManualTimers,
    private readonly latency: () => number = () => 50,
  ) {}

  /** The next sends to `chat` fail with FLOOD_WAIT of these seconds, one each. */
  floodNext(chat: string, ...seconds: number[]): void {
    this.floods.set(chat, [...(this.floods.get(chat) ?? []), ...seconds]);
  }

  send(chat: string, label: string): () => Promise<string> {
    return async () => {
      this.seen.push({ chat, label, startedAt: this.timers.clock.now() });
      const running = (this.inFlight.get(chat) ?? 0) + 1;
      this.inFlight.set(chat, running);
      this.maxInFlightPerChat = Math.max(this.maxInFlightPerChat, running);
      await new Promise<void>((resolve) => this.timers.setTimeout(resolve, this.latency()));
      this.inFlight.set(chat, running - 1);
      const flood = this.floods.get(chat)?.shift();
      if (flood !== undefined) {
        throw new FloodWaitError(420, `FLOOD_WAIT_${flood}`, flood, { method: 'messages.sendMessage' });
      }
      return label;
    };
  }

  startsOf(chat: string): number[] {
    return this.seen.filter((send) => send.chat === chat).map((send) => send.startedAt);
  }

  labelsOf(chat: string): string[] {
    return this.seen.filter((send) => send.chat === chat).map((send) => send.label);
  }
}

/** Fails the test unless no `windowMs` interval holds more than `limit` of `times` (sorted). */
export function expectWithinWindow(times: readonly number[], limit: number, windowMs: number): void {
  for (let index = limit; index < times.length; index++) {
    const span = times[index]! - times[index - limit]!;
    if (span < windowMs) {
      throw new Error(
        `${limit + 1} sends within ${span} ms (limit ${limit} per ${windowMs} ms) at index ${index}`,
      );
    }
  }
}
