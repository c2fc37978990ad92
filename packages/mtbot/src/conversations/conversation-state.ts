/** What is stored for a chat member inside a conversation, after every step. */
export interface ConversationState {
  /** The conversation's name. */
  readonly name: string;
  /** The name of the step waiting for the user's answer. */
  readonly step: string;
  /** The conversation's data. */
  readonly data: unknown;
  /** When it expires (milliseconds since the epoch, by the middleware's clock); null: never. */
  readonly expiresAt: number | null;
}

/** True when a stored value has the shape this version writes (stores can hold anything). */
export function isConversationState(value: unknown): value is ConversationState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return (
    typeof state.name === 'string' &&
    typeof state.step === 'string' &&
    'data' in state &&
    (state.expiresAt === null || typeof state.expiresAt === 'number')
  );
}
