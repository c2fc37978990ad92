import { ConfigError } from 'telegram-mtproto-core';
import type { Context } from '../framework';
import { runtimeOf } from './runtime-slot';

/**
 * Starts the conversation `name` for the update's chat member (replacing one already running): stores
 * it at its first step and runs that step's prompt. Needs the `conversations()` middleware in front of
 * the handler; a step may call it too, to switch to another conversation.
 *
 * @example
 * ```ts
 * router.command('signup', (ctx) => enterConversation(ctx, 'signup', { referrer: ctx.args }));
 * ```
 */
export async function enterConversation<C extends Context>(
  ctx: C,
  name: string,
  initialData?: unknown,
): Promise<void> {
  const runtime = runtimeOf(ctx);
  if (runtime === undefined) {
    throw new ConfigError(
      `enterConversation("${name}") needs the conversations() middleware installed before this handler`,
    );
  }
  await runtime.enter(ctx, name, initialData);
}
