import { ConfigError } from 'telegram-mtproto-core';
import type { Context } from '../framework';
import type { ConversationControl } from './conversation-control';

/**
 * One step of a {@link Conversation}: `prompt` asks (it runs when the step is entered), `handle` gets
 * the user's next message or button press and decides with the control: `next()`, `repeat(message)`,
 * `goTo(step)` or `finish()`. Deciding nothing stays on the step without a word.
 */
export interface ConversationStep<D, C extends Context = Context> {
  /** Names the step in the store and for `goTo`; unique within its conversation. */
  readonly name: string;
  /** Asks the step's question; runs each time the step is entered (not on a repeat). */
  prompt?(ctx: C, data: D): unknown;
  /** Handles the user's answer: read `ctx`, write `conversation.data`, then decide. */
  handle(ctx: C, conversation: ConversationControl<D>): unknown;
}

/**
 * A multi-step dialog (a wizard): a name and ordered steps over data `D` that is stored after every
 * step, so the dialog continues where it was after a restart. `D` must be JSON data (bigints allowed)
 * when the store is a `JsonSessionStore`.
 */
export interface Conversation<D, C extends Context = Context> {
  readonly name: string;
  readonly steps: readonly ConversationStep<D, C>[];
  /** Data of a conversation entered without any (default `{}`). */
  initialData?(): D;
}

/**
 * Checks a conversation once, at start-up: a name, at least one step, unique step names. Returns it
 * unchanged, typed, so data types flow into the steps.
 *
 * @example
 * ```ts
 * const signup = defineConversation<{ name?: string; age?: number }>({
 *   name: 'signup',
 *   steps: [
 *     { name: 'name', prompt: (ctx) => ctx.reply('Your name?'),
 *       handle: (ctx, c) => { c.data.name = ctx.message?.text; c.next(); } },
 *     { name: 'age', prompt: (ctx) => ctx.reply('Your age?'),
 *       handle: async (ctx, c) => {
 *         const age = Number(ctx.message?.text);
 *         if (!Number.isInteger(age)) return c.repeat('Please send a whole number.');
 *         c.data.age = age;
 *         await ctx.reply(`Thanks, ${c.data.name}!`);
 *         c.finish();
 *       } },
 *   ],
 * });
 * ```
 */
export function defineConversation<D, C extends Context = Context>(
  conversation: Conversation<D, C>,
): Conversation<D, C> {
  if (typeof conversation.name !== 'string' || conversation.name === '') {
    throw new ConfigError('a conversation needs a non-empty name');
  }
  if (conversation.steps.length === 0) {
    throw new ConfigError(`conversation "${conversation.name}" has no steps`);
  }
  const seen = new Set<string>();
  for (const step of conversation.steps) {
    if (step.name === '' || seen.has(step.name)) {
      throw new ConfigError(
        `conversation "${conversation.name}" has ${step.name === '' ? 'a step without a name' : `two steps named "${step.name}"`}`,
      );
    }
    seen.add(step.name);
  }
  return conversation;
}
