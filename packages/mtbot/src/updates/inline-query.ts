import type { Api } from 'telegram-mtproto-core';
import type { InlineResult } from '../client/inline-results';
import type { InlineAnswerOptions } from '../client/message-options';
import type { BotActions } from './bot-actions';
import type { User } from './user';

/**
 * A user typing `@yourbot query` in any chat (core.telegram.org/api/bots/inline).
 *
 * @example
 * ```ts
 * if (update.kind === 'inlineQuery') {
 *   await update.inlineQuery.answer([articleResult({ id: '1', title: 'Echo', text: update.inlineQuery.query })]);
 * }
 * ```
 */
export class InlineQuery {
  readonly id: bigint;
  readonly from: User;
  readonly query: string;
  /** The offset of the page asked for (the `nextOffset` of the previous answer), '' for the first. */
  readonly offset: string;

  constructor(
    readonly raw: Api.UpdateBotInlineQuery,
    from: User,
    private readonly actions: BotActions,
  ) {
    this.id = raw.query_id;
    this.from = from;
    this.query = raw.query;
    this.offset = raw.offset;
  }

  /** Answers with up to 50 results. */
  answer(results: readonly InlineResult[], options: InlineAnswerOptions = {}): Promise<void> {
    return this.actions.answerInlineQuery(this.id, results, options);
  }
}
