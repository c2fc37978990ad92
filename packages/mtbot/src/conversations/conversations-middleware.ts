import { ConfigError, systemClock, type Clock } from 'telegram-mtproto-core';
import { MemorySessionStore, type Context, type Middleware, type SessionStore } from '../framework';
import type { Conversation } from './conversation';
import { ConversationRuntime } from './conversation-runtime';
import type { ConversationState } from './conversation-state';
import { attachRuntime } from './runtime-slot';

/** Options of {@link conversations}. */
export interface ConversationsOptions<C extends Context = Context> {
  /**
   * Where each chat member's conversation state lives, written after every step. Use a
   * `JsonSessionStore` over a file or Redis key-value store to survive restarts; memory when omitted.
   */
  readonly store?: SessionStore<ConversationState>;
  /** The conversations `enterConversation` can start. */
  // Steps are method-typed, so a Conversation<SignupData> fits here as a Conversation<unknown>.
  readonly conversations: readonly Conversation<unknown, C>[];
  /** The command that leaves any conversation (default `cancel`); null: none. */
  readonly cancelCommand?: string | null;
  /** A conversation not answered for this long ends; counted from its last step (default: never). */
  readonly timeoutMs?: number;
  /** Runs when a user leaves with the cancel command (e.g. reply "Cancelled."). */
  readonly onCancel?: (ctx: C, conversation: string) => unknown;
  /** Runs when a user writes after the conversation expired; the update then goes on to other handlers. */
  readonly onTimeout?: (ctx: C, conversation: string) => unknown;
  /** The time source for expiry (tests pass a ManualClock). */
  readonly clock?: Clock;
}

/**
 * Multi-step dialogs. Put it before the handlers: an update from a chat member inside a conversation
 * (a message or a button press in that chat, from that user) goes to the conversation's current step
 * and to no other handler; everything else passes on. Two users of one group each have their own
 * conversation. State is stored after every step, so a new process over the same store carries on.
 * Updates of one chat must be handled one at a time (the bot's update dispatcher does so per chat).
 *
 * @example
 * ```ts
 * router.use(conversations({ store: new JsonSessionStore(new FileKeyValueStore('./data/dialogs')),
 *   conversations: [signup], timeoutMs: 10 * 60_000, onCancel: (ctx) => ctx.reply('Cancelled.') }));
 * router.command('signup', (ctx) => enterConversation(ctx, 'signup'));
 * ```
 */
export function conversations<C extends Context = Context>(options: ConversationsOptions<C>): Middleware<C> {
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ConfigError(`conversations timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const runtime = new ConversationRuntime<C>(
    options.store ?? new MemorySessionStore<ConversationState>(),
    options.conversations,
    options.clock ?? systemClock,
    timeoutMs,
  );
  const cancelCommand = options.cancelCommand === undefined ? 'cancel' : options.cancelCommand;
  return async (ctx, next) => {
    attachRuntime(ctx, runtime);
    const key = runtime.keyOf(ctx);
    const routed = ctx.kind === 'message' || ctx.kind === 'callbackQuery';
    if (key === undefined || !routed) return next();
    const { state, expired } = await runtime.load(key);
    if (expired !== undefined) await options.onTimeout?.(ctx, expired);
    if (state === undefined) return next();
    if (cancelCommand !== null && ctx.message?.command?.name === cancelCommand && ctx.kind === 'message') {
      await runtime.store.delete(key);
      await options.onCancel?.(ctx, state.name);
      return;
    }
    ctx.route = `conversation ${state.name}/${state.step}`;
    await runtime.runStep(ctx, key, state);
  };
}
