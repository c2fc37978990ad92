import type { DependencyContainer } from 'tsyringe';
import type { FormattedText } from '../format/formatted-text';
import { ContextError } from './errors/context-error';
import type {
  RoutableCallbackQuery,
  RoutableChat,
  RoutableChatMemberUpdate,
  RoutableInlineQuery,
  RoutableMessage,
  RoutableUpdate,
  RoutableUser,
} from './routable-update';

// Actions reject rather than throw, like the update objects' own calls, so `.catch()` sees every failure.
const noParams: Readonly<Record<string, string>> = Object.freeze({});

/**
 * What a handler gets for one update: the update and its payload, what routing matched, a per-update
 * `state` bag, the `session` slot filled by a session middleware, and shortcuts that delegate to the
 * update objects (`reply`, `edit`, `answer`).
 *
 * @example
 * ```ts
 * router.callbackQuery('item/:id', async (ctx) => {
 *   await ctx.answer({ text: `item ${ctx.params.id}` });
 *   await ctx.edit(`You chose ${ctx.params.id}`);
 * });
 * ```
 */
export class Context<S = unknown> {
  /** The message of a message or edited message update, or the message a callback button sits on. */
  readonly message: RoutableMessage | undefined;
  readonly callbackQuery: RoutableCallbackQuery | undefined;
  readonly inlineQuery: RoutableInlineQuery | undefined;
  readonly chatMember: RoutableChatMemberUpdate | undefined;
  /** The chat the update happened in, if any. */
  readonly chat: RoutableChat | undefined;
  /** The user who sent the message, pressed the button or typed the query, if known. */
  readonly from: RoutableUser | undefined;
  /** The RegExp match of a `hears`, `inlineQuery` or `callbackQuery` RegExp route, else undefined. */
  match: RegExpExecArray | undefined = undefined;
  /** Named parameters of a `callbackQuery('item/:id')` route; empty otherwise. */
  params: Readonly<Record<string, string>> = noParams;
  /** The text after a command (`/start payload` gives `payload`: a deep-link payload); '' otherwise. */
  args = '';
  /** The route that handles this update (`Greeter.start`, `router.command('start')`), once routed. */
  route: string | undefined = undefined;
  /** Session data, set by a session middleware before handlers run. */
  session: S | undefined = undefined;
  /** The per-update child container, when the handler's controller is update-scoped. */
  container: DependencyContainer | undefined = undefined;
  private stateBag: Record<string, unknown> | undefined = undefined;

  constructor(readonly update: RoutableUpdate) {
    switch (update.kind) {
      case 'message':
      case 'editedMessage':
        this.message = update.message;
        this.callbackQuery = undefined;
        this.inlineQuery = undefined;
        this.chatMember = undefined;
        this.chat = update.message.chat;
        this.from = update.message.sender;
        break;
      case 'callbackQuery':
        this.message = update.callbackQuery.message;
        this.callbackQuery = update.callbackQuery;
        this.inlineQuery = undefined;
        this.chatMember = undefined;
        this.chat = update.callbackQuery.chat;
        this.from = update.callbackQuery.from;
        break;
      case 'inlineQuery':
        this.message = undefined;
        this.callbackQuery = undefined;
        this.inlineQuery = update.inlineQuery;
        this.chatMember = undefined;
        this.chat = undefined;
        this.from = update.inlineQuery.from;
        break;
      case 'chatMember':
        this.message = undefined;
        this.callbackQuery = undefined;
        this.inlineQuery = undefined;
        this.chatMember = update.chatMember;
        this.chat = update.chatMember.chat;
        this.from = update.chatMember.from;
        break;
    }
  }

  /** The update's kind: `message`, `editedMessage`, `callbackQuery`, `inlineQuery`, `chatMember`. */
  get kind(): RoutableUpdate['kind'] {
    return this.update.kind;
  }

  /** A bag for middleware and handlers to pass data along while this one update is handled. */
  get state(): Record<string, unknown> {
    // Made on first use: most updates never touch it.
    this.stateBag ??= {};
    return this.stateBag;
  }

  /**
   * Sends a message to the update's chat (the chat of the message, or of the button's message); `text`
   * is a string or an `html`/`md` formatted text.
   */
  reply(text: string | FormattedText, options?: object): Promise<unknown> {
    if (this.message === undefined) {
      return Promise.reject(new ContextError('reply', this.update.kind, 'there is no chat to send to'));
    }
    return this.message.reply(text, options);
  }

  /** Edits the message: the one a callback button sits on, or the update's message (string or formatted text). */
  edit(text: string | FormattedText, options?: object): Promise<unknown> {
    if (this.message === undefined) {
      return Promise.reject(new ContextError('edit', this.update.kind, 'there is no message to edit'));
    }
    return this.message.edit(text, options);
  }

  /** Answers a callback query (a toast, an alert or a URL); only on callback query updates. */
  answer(options?: {
    text?: string;
    alert?: boolean;
    url?: string;
    cacheTimeSeconds?: number;
  }): Promise<void> {
    if (this.callbackQuery === undefined) {
      return Promise.reject(
        new ContextError('answer', this.update.kind, 'only a callback query can be answered this way'),
      );
    }
    return this.callbackQuery.answer(options);
  }

  /** Answers an inline query with its results; only on inline query updates. */
  answerInlineQuery(results: readonly unknown[], options?: object): Promise<void> {
    if (this.inlineQuery === undefined) {
      return Promise.reject(
        new ContextError('answerInlineQuery', this.update.kind, 'only an inline query has results to answer'),
      );
    }
    return this.inlineQuery.answer(results, options);
  }
}
