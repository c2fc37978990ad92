import type { Context } from '../framework';
import type { ConversationRuntime } from './conversation-runtime';

// Keyed by the context object, so nothing is added to `ctx.state` and it is gone with the update.
const runtimes = new WeakMap<Context, ConversationRuntime<Context>>();

/** Lets `enterConversation` find the middleware that saw this update. */
export function attachRuntime<C extends Context>(ctx: C, runtime: ConversationRuntime<C>): void {
  runtimes.set(ctx, runtime as unknown as ConversationRuntime<Context>);
}

export function runtimeOf<C extends Context>(ctx: C): ConversationRuntime<C> | undefined {
  return runtimes.get(ctx) as ConversationRuntime<C> | undefined;
}
