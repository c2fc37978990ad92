/** Shared set-up of the BotApplication tests: a local DC and the scheduler limits matched to it. */
import { LocalDc, type LocalDcStartOptions } from 'mtbot-local-dc';
import { BotApplication } from '../../src/app/bot-application';
import type { BotApplicationOptions } from '../../src/app/bot-application-options';
import type { SendLimits } from '../../src/rate-limit/send-limits';
import { registerBotMetrics, type BotMetrics } from '../../src/runtime/metrics/bot-metrics';
import { MetricsRegistry } from '../../src/runtime/metrics/metrics-registry';
import type { BotClientOptions } from '../../src/client/bot-client-options';
import { botOptions } from '../client/bot-client-harness';

/**
 * Telegram's bot limits (30 a second overall, bursts of 3 then 1 a second per private chat, 20 a
 * minute per group) sped up SPEED times, on the local DC and in the scheduler alike: at real rates
 * the bursts (500 replies to one group, 2,000 to 100 private chats) take half an hour. x200
 * rather than x60 so that 500 messages to one group (25 windows of 20) take ~7.5 s, not 25 s.
 */
export const SPEED = 200;
const GROUP_WINDOW_MS = 60_000 / SPEED;

/** The local DC's flood limits at {@link SPEED}. */
export const FAST_DC_LIMITS = {
  perBot: { limit: 30 * SPEED, windowMs: 1_000 },
  privateChat: { burst: 3, perSecond: SPEED },
  group: { limit: 20, windowMs: GROUP_WINDOW_MS },
  editsPerChat: { burst: 10, perSecond: 2 * SPEED },
} satisfies NonNullable<LocalDcStartOptions['floodLimits']>;

/**
 * The scheduler's windows for the same rates, 20% slower. The global window counts a send when it
 * starts and the DC when it arrives; at these sub-second windows a few milliseconds of jitter between
 * the two can put one message too many into the DC's window, and its FLOOD_WAIT (whole seconds, at
 * least 1) then costs more than the whole window. Chat windows count a send from its answer and need
 * no slack (chat-window-jitter.test.ts runs at the DC's exact group window); it is kept here so these
 * tests measure what they always did. (3 in 3 s per private chat is inside a burst of 3 plus 1/s.)
 */
const slower = (windowMs: number) => Math.round(windowMs * 1.2);
export const FAST_SEND_LIMITS: SendLimits = {
  global: [{ limit: 25 * SPEED, windowMs: 1_000 }],
  private: [{ limit: 3, windowMs: slower(3_000 / SPEED) }],
  group: [{ limit: 20, windowMs: slower(GROUP_WINDOW_MS) }],
  supergroup: [{ limit: 20, windowMs: slower(GROUP_WINDOW_MS) }],
  channel: [{ limit: 20, windowMs: slower(GROUP_WINDOW_MS) }],
};

export function startDc(): Promise<LocalDc> {
  return LocalDc.start({ port: 0, floodLimits: FAST_DC_LIMITS });
}

/** An application on `dc`'s default bot with the fast limits and fresh metrics. */
export function appOn(
  dc: LocalDc,
  options: Omit<BotApplicationOptions, 'client'>,
  client: Partial<BotClientOptions> = {},
): { app: BotApplication; metrics: BotMetrics; registry: MetricsRegistry } {
  const registry = new MetricsRegistry();
  const metrics = registerBotMetrics(registry);
  const app = new BotApplication({
    client: botOptions(dc, client),
    sendLimits: FAST_SEND_LIMITS,
    metrics,
    ...options,
  });
  return { app, metrics, registry };
}

/** The value of one series in the exposition text (0 when absent). */
export function metricValue(registry: MetricsRegistry, series: string): number {
  const line = registry
    .renderMetrics()
    .split('\n')
    .find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
