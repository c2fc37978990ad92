import type {
  CallbackAnswerOptions,
  EditMessageOptions,
  InlineAnswerOptions,
  SendMessageOptions,
} from '../client/message-options';
import type { InlineResult } from '../client/inline-results';
import type { MessageText } from '../client/message-text';
import type { Message } from './message';

/**
 * What update objects need of the client for their methods (`message.reply`, `query.answer`, ...).
 * BotClient implements it; tests may pass anything that does.
 */
export interface BotActions {
  sendMessage(chatId: bigint, text: MessageText, options?: SendMessageOptions): Promise<Message>;
  editMessage(
    chatId: bigint,
    messageId: number,
    text: MessageText,
    options?: EditMessageOptions,
  ): Promise<Message>;
  deleteMessages(chatId: bigint, messageIds: readonly number[]): Promise<void>;
  answerCallbackQuery(queryId: bigint, options?: CallbackAnswerOptions): Promise<void>;
  answerInlineQuery(
    queryId: bigint,
    results: readonly InlineResult[],
    options?: InlineAnswerOptions,
  ): Promise<void>;
}
