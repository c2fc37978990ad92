import { ConfigError } from 'telegram-mtproto-core';
import type { ChatKind } from './chat-kind';
import { checkRateWindow, type RateWindow } from './sliding-window';

/** The windows every send must fit: over all chats (`global`) and per chat of each kind. */
export type SendLimits = { readonly global: readonly RateWindow[] } & {
  readonly [kind in ChatKind]: readonly RateWindow[];
};

const PER_GROUP: readonly RateWindow[] = [{ limit: 20, windowMs: 60_000 }];

/**
 * Telegram's published bot limits, kept exactly on sliding windows: about 30 messages a second
 * overall; about one a second in a private chat, where short bursts pass (3 in 3 s); 20 a minute in a
 * group, supergroup or channel.
 */
export const DEFAULT_SEND_LIMITS: SendLimits = {
  global: [{ limit: 30, windowMs: 1_000 }],
  private: [{ limit: 3, windowMs: 3_000 }],
  group: PER_GROUP,
  supergroup: PER_GROUP,
  channel: PER_GROUP,
};

/** The defaults with `overrides` in place of some of them, checked. */
export function resolveSendLimits(overrides: Partial<SendLimits> = {}): SendLimits {
  const limits = { ...DEFAULT_SEND_LIMITS, ...overrides };
  for (const [scope, windows] of Object.entries(limits)) {
    if (!Array.isArray(windows)) throw new ConfigError(`send limits: ${scope} must be a list of windows`);
    windows.forEach((window: RateWindow, index) =>
      checkRateWindow(window, `send limits: ${scope}[${index}]`),
    );
  }
  return limits;
}
