import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfigError } from 'telegram-mtproto-core';
import { SEND_PRIORITIES, type SendPriority } from '../rate-limit/send-priority';
import type { SendScheduler } from '../rate-limit/send-scheduler';

/** How the sends made in the current async context are scheduled. */
export interface SendMode {
  /** The priority asked for with {@link runWithPriority}; none: the application's default. */
  readonly priority?: SendPriority;
  /** The scheduler already running this send: its hook must not schedule it a second time. */
  readonly scheduledBy?: SendScheduler;
}

// One store for the process: code that calls runWithPriority does not have to know which
// application's client it sends through.
const modes = new AsyncLocalStorage<SendMode>();

/** The send mode of the current async context, if any was set. */
export function currentSendMode(): SendMode | undefined {
  return modes.getStore();
}

/**
 * Runs `work` with every message a {@link BotApplication}'s client sends from it (and from what it
 * starts) scheduled at `priority`, instead of `reply` inside a handler and `normal` elsewhere. Use
 * `bulk` for many messages that must not hold up the replies to users.
 *
 * @example
 * ```ts
 * // in a controller that injects the BotClient
 * @Command('digest')
 * async digest(@Ctx() ctx: Context) {
 *   await ctx.reply('Sending the digest to the team...');
 *   await runWithPriority('bulk', () => Promise.all(team.map((id) => this.client.sendMessage(id, digest))));
 * }
 * ```
 */
export function runWithPriority<T>(priority: SendPriority, work: () => T): T {
  if (!SEND_PRIORITIES.includes(priority)) {
    throw new ConfigError(`unknown send priority ${String(priority)}; expected reply, normal or bulk`);
  }
  return modes.run({ ...modes.getStore(), priority }, work);
}

/** Runs a send that `scheduler` has already scheduled: the client's hook then sends it directly. */
export function runScheduledBy<T>(scheduler: SendScheduler, work: () => T): T {
  return modes.run({ ...modes.getStore(), scheduledBy: scheduler }, work);
}
