import { ConfigError, type Clock } from 'telegram-mtproto-core';
import type { Context, SessionStore } from '../framework';
import type { Conversation } from './conversation';
import { ConversationControl } from './conversation-control';
import { isConversationState, type ConversationState } from './conversation-state';

/**
 * The conversations of one middleware and where their state lives. Shared by the middleware and
 * `enterConversation`, which finds it through the context it was handed.
 */
export class ConversationRuntime<C extends Context> {
  private readonly definitions = new Map<string, Conversation<unknown, C>>();
  /** Contexts whose handler entered a conversation: that choice beats the running step's decision. */
  private readonly entered = new WeakSet<C>();

  constructor(
    readonly store: SessionStore<ConversationState>,
    conversations: readonly Conversation<unknown, C>[],
    private readonly clock: Clock,
    private readonly timeoutMs: number | undefined,
  ) {
    for (const conversation of conversations) {
      if (this.definitions.has(conversation.name)) {
        throw new ConfigError(`two conversations are named "${conversation.name}"`);
      }
      this.definitions.set(conversation.name, conversation);
    }
  }

  /** The store key of the chat member an update is from; undefined without a chat or a sender. */
  keyOf(ctx: C): string | undefined {
    const chatId = ctx.update.chatId;
    const userId = ctx.from?.id;
    return chatId === undefined || userId === undefined ? undefined : `conversation:${chatId}:${userId}`;
  }

  /** The live state of `key`: expired, malformed or orphaned (the definition is gone) state reads as none. */
  async load(key: string): Promise<{ state: ConversationState | undefined; expired: string | undefined }> {
    const stored: unknown = await this.store.get(key);
    if (stored === undefined) return { state: undefined, expired: undefined };
    const definition = isConversationState(stored) ? this.definitions.get(stored.name) : undefined;
    if (
      definition === undefined ||
      !isConversationState(stored) ||
      !definition.steps.some((step) => step.name === stored.step)
    ) {
      // Left by an older deploy (a removed conversation or step) or not ours: drop it, never trap the user.
      await this.store.delete(key);
      return { state: undefined, expired: undefined };
    }
    if (stored.expiresAt !== null && stored.expiresAt <= this.clock.now()) {
      await this.store.delete(key);
      return { state: undefined, expired: stored.name };
    }
    return { state: stored, expired: undefined };
  }

  /** Starts `name` at its first step for the update's chat member, stores it and asks the first question. */
  async enter(ctx: C, name: string, data: unknown): Promise<void> {
    const definition = this.definitions.get(name);
    if (definition === undefined) {
      throw new ConfigError(
        `no conversation named "${name}" (known: ${[...this.definitions.keys()].join(', ') || 'none'})`,
      );
    }
    const key = this.keyOf(ctx);
    if (key === undefined) {
      throw new ConfigError(
        `cannot enter conversation "${name}" on a ${ctx.kind} update without a chat and a sender`,
      );
    }
    const initial = data ?? definition.initialData?.() ?? {};
    this.entered.add(ctx);
    await this.moveTo(ctx, key, definition, 0, initial);
  }

  /** Runs the current step on this update and stores the outcome. */
  async runStep(ctx: C, key: string, state: ConversationState): Promise<void> {
    const definition = this.definitions.get(state.name)!;
    const index = definition.steps.findIndex((step) => step.name === state.step);
    const step = definition.steps[index];
    const control = new ConversationControl<unknown>(
      state.name,
      step.name,
      state.data,
      definition.steps.map((each) => each.name),
    );
    await step.handle(ctx, control);
    if (this.entered.has(ctx)) return;
    const decision = control.decision;
    switch (decision.kind) {
      case 'finish':
        await this.store.delete(key);
        return;
      case 'next':
        if (index + 1 >= definition.steps.length) await this.store.delete(key);
        else await this.moveTo(ctx, key, definition, index + 1, control.data);
        return;
      case 'goTo':
        await this.moveTo(
          ctx,
          key,
          definition,
          definition.steps.findIndex((each) => each.name === decision.step),
          control.data,
        );
        return;
      case 'repeat':
        await this.store.set(key, this.stateOf(state.name, step.name, control.data));
        if (decision.message !== undefined) await ctx.reply(decision.message);
        return;
    }
  }

  // Stored before the question goes out: a crash between the two leaves the user at the new step.
  private async moveTo(
    ctx: C,
    key: string,
    definition: Conversation<unknown, C>,
    index: number,
    data: unknown,
  ): Promise<void> {
    const step = definition.steps[index];
    await this.store.set(key, this.stateOf(definition.name, step.name, data));
    await step.prompt?.(ctx, data);
  }

  private stateOf(name: string, step: string, data: unknown): ConversationState {
    return {
      name,
      step,
      data,
      expiresAt: this.timeoutMs === undefined ? null : this.clock.now() + this.timeoutMs,
    };
  }
}
