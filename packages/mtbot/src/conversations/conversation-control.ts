import { ConfigError } from 'telegram-mtproto-core';

/** What a step decided; read by the conversations middleware after the step's handler returns. */
export type StepDecision =
  | { readonly kind: 'next' }
  | { readonly kind: 'repeat'; readonly message: string | undefined }
  | { readonly kind: 'goTo'; readonly step: string }
  | { readonly kind: 'finish' };

/**
 * Given to a step's `handle`: the conversation's data (change it in place or replace it) and the calls
 * that decide what happens next. The last call wins; none at all means "stay on this step".
 */
export class ConversationControl<D> {
  private chosen: StepDecision = { kind: 'repeat', message: undefined };

  constructor(
    /** The conversation's name. */
    readonly name: string,
    /** The name of the step being handled. */
    readonly step: string,
    /** The conversation's data, stored after the step. */
    public data: D,
    private readonly stepNames: readonly string[],
  ) {}

  /** The decision so far. */
  get decision(): StepDecision {
    return this.chosen;
  }

  /** Moves on to the next step (and asks its question); after the last step the conversation ends. */
  next(): void {
    this.chosen = { kind: 'next' };
  }

  /** Stays on this step, replying `message` first when given (e.g. "Please send a number"). */
  repeat(message?: string): void {
    this.chosen = { kind: 'repeat', message };
  }

  /** Jumps to the named step (and asks its question); an unknown name throws a ConfigError. */
  goTo(step: string): void {
    if (!this.stepNames.includes(step)) {
      throw new ConfigError(`conversation "${this.name}" has no step "${step}" to go to`);
    }
    this.chosen = { kind: 'goTo', step };
  }

  /** Ends the conversation: its state is deleted and later updates reach the other handlers again. */
  finish(): void {
    this.chosen = { kind: 'finish' };
  }
}
