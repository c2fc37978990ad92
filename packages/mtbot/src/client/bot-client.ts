import { randomBytes } from 'node:crypto';
import {
  ConfigError,
  UpdatesDriver,
  type Api,
  type ClientInvokeOptions,
  type MtprotoClient,
  type PeerCache,
  type PeerRef,
  type SessionStorage,
} from 'telegram-mtproto-core';
import { UnexpectedResultError } from '../errors/unexpected-result-error';
import { withCallContext } from '../errors/with-call-context';
import type { DownloadTarget } from '../files/download-file';
import type { FileClient } from '../files/file-client';
import type { UploadSource } from '../files/upload-source';
import { toReplyMarkup } from '../keyboards/reply-markup-like';
import type { BotActions } from '../updates/bot-actions';
import type { BotUpdate } from '../updates/bot-update';
import { BotUpdateFactory, type FetchedMessage } from '../updates/bot-update-factory';
import { chatFromApi, privateChat, type Chat } from '../updates/chat';
import type { Message } from '../updates/message';
import { userFromApi, type User } from '../updates/user';
import {
  TELEGRAM_PRODUCTION_DC,
  validateBotClientOptions,
  type BotClientOptions,
} from './bot-client-options';
import { silentLogger, type BotLogger } from './bot-logger';
import {
  UpdateDispatcher,
  type BotErrorHandler,
  type BotUpdateHandler,
  type RawUpdateHandler,
} from './update-dispatcher';
import { connectBot, openBotStorage } from './connect-bot';
import type { DcEndpoint } from './dc-addresses';
import type { DcConnections } from './dc-connections';
import type { InlineResult } from './inline-results';
import {
  type BotCommandDescription,
  type CallbackAnswerOptions,
  type ChatAction,
  type EditMessageOptions,
  type ForwardMessagesOptions,
  type InlineAnswerOptions,
  type SendMessageOptions,
  type TextOptions,
} from './message-options';
import { formatText, toInputEntities, type MessageText, type TextParsers } from './message-text';
import {
  callbackAnswerRequest,
  getMessageRequest,
  inlineAnswerRequest,
  setCommandsRequest,
} from './bot-requests';
import {
  downloadMessageMedia,
  uploadMedia,
  type DownloadMediaOptions,
  type SendDocumentOptions,
  type SendMediaOptions,
} from './bot-media';
import { chatActionOf } from './chat-actions';
import { BOT_NOT_STARTED } from './bot-not-started';
import { defaultTextParsers } from './default-text-parsers';
import type { PeerLike } from './peer-like';
import { PeerResolver, type ResolvedPeer } from './peer-resolver';
import {
  findEditedMessage,
  findSentMessages,
  messageFromShortSent,
  type ResultMessage,
} from './sent-messages';

type Phase = 'new' | 'starting' | 'running' | 'stopped';

/**
 * A Telegram bot over MTProto: it logs in with the bot token (once; the session remembers it), follows
 * DC migration, keeps the updates flowing in order across gaps and restarts (core's UpdatesDriver) and
 * hands them out as typed {@link BotUpdate}s. The bot API methods take any {@link PeerLike}.
 *
 * @example
 * ```ts
 * const bot = new BotClient({ apiId, apiHash, botToken, storage: 'bot.session.json' });
 * bot.onUpdate(async (update) => {
 *   if (update.kind === 'message' && update.message.command?.name === 'start') {
 *     await update.message.reply('<b>Hello!</b>', { parseMode: 'html' });
 *   }
 * });
 * await bot.start(); // catches up on what came while the bot was down
 * // ... later
 * await bot.stop();
 * ```
 */
export class BotClient implements BotActions {
  private readonly logger: BotLogger;
  private readonly dispatcher: UpdateDispatcher;
  private readonly resolver: PeerResolver;
  private readonly factory: BotUpdateFactory;
  private readonly parsers: TextParsers;
  private phase: Phase = 'new';
  private storage: SessionStorage | undefined;
  private ownsStorage = false;
  private connections: DcConnections | undefined;
  private main: MtprotoClient | undefined;
  private driver: UpdatesDriver | undefined;
  private background: Promise<void> | undefined;
  private currentDc: DcEndpoint | undefined;
  private self: Api.User | undefined;
  private readonly reconnectListeners = new Set<(dcId: number) => void>();

  constructor(private readonly options: BotClientOptions) {
    validateBotClientOptions(options);
    this.logger = options.logger ?? silentLogger;
    this.parsers = defaultTextParsers;
    const factory = new BotUpdateFactory({
      peers: () => this.peers,
      self: () => (this.self ? { id: this.self.id, username: this.self.username } : undefined),
      actions: this,
      fetchMessage: (chat, id) => this.fetchMessage(chat, id),
    });
    this.factory = factory;
    this.dispatcher = new UpdateDispatcher(factory, this.logger);
    this.resolver = new PeerResolver({
      peers: () => this.peers,
      resolveUsername: (username) => this.call({ _: 'contacts.resolveUsername', username }),
    });
  }

  /** The peer cache: users, chats and channels the bot has met, with their access hashes. */
  get peers(): PeerCache {
    return this.requireDriver().peers;
  }

  /** True between a successful {@link BotClient.start} and {@link BotClient.stop}. */
  get isRunning(): boolean {
    return this.phase === 'running';
  }

  /** Registers a handler; handlers run one after another for each update, updates one at a time. */
  onUpdate(handler: BotUpdateHandler): this {
    this.dispatcher.onUpdate(handler);
    return this;
  }

  /** Registers a handler for the updates that are not {@link BotUpdate}s (nothing is dropped silently). */
  onRawUpdate(handler: RawUpdateHandler): this {
    this.dispatcher.onRawUpdate(handler);
    return this;
  }

  /** Registers a listener for errors that did not stop the client (handlers that threw, failed fetches). */
  onError(handler: BotErrorHandler): this {
    this.dispatcher.onError(handler);
    return this;
  }

  /**
   * Registers a listener called with the DC's id each time a connection of the bot (its main DC's or
   * a media DC's) is re-established after it was lost; not on the first connect. Returns a function
   * that removes it.
   *
   * @example
   * ```ts
   * bot.onReconnect((dcId) => metrics.reconnects.inc({ dc: String(dcId) }));
   * ```
   */
  onReconnect(listener: (dcId: number) => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /**
   * The updates for `for await`; the next one is handed out when the loop asks for it. Call it before
   * {@link BotClient.start} to receive the catch-up too. One consumer; ends with {@link BotClient.stop}.
   */
  updates(): AsyncIterableIterator<BotUpdate> {
    return this.dispatcher.openStream();
  }

  /**
   * Connects, logs in (unless the session is logged in already), fetches the bot's own user and starts
   * the updates. Resolves once the catch-up has been handled by the handlers; with an
   * {@link BotClient.updates} loop, as soon as the updates start (the loop takes the catch-up).
   */
  async start(handler?: BotUpdateHandler): Promise<void> {
    if (this.phase !== 'new') throw new ConfigError('a BotClient starts once; make a new one to start again');
    this.phase = 'starting';
    if (handler) this.onUpdate(handler);
    try {
      await this.open();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Stops taking updates but keeps the connections: the update being delivered finishes, the state
   * covering what was delivered is stored, and nothing after it is delivered (the next start fetches
   * it). Calls still work, so handlers still running can answer; {@link BotClient.stop} closes the rest.
   */
  async stopUpdates(): Promise<void> {
    this.dispatcher.endStream();
    await this.driver?.stop();
  }

  /**
   * Stops the updates and closes every connection and an owned storage. The updates state is stored
   * as far as the updates are finished: one still unfinished (a deferred ack) comes again next start.
   */
  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    await this.stopUpdates();
    await this.background;
    await this.driver?.close();
    await this.connections?.closeAll();
    if (this.ownsStorage) await this.storage?.close();
    this.logger.info('bot stopped');
  }

  /**
   * Calls any API method on the bot's DC; `Updates` results feed the updates engine. Errors keep their
   * class (RpcError, FloodWaitError, ...) and name the method.
   */
  invoke<R extends Api.TlMethod>(request: R, options?: ClientInvokeOptions): Promise<Api.TlResult<R>> {
    return this.callUnknown(request, undefined, options) as Promise<Api.TlResult<R>>;
  }

  /**
   * Calls a method on another DC (file downloads answered with FILE_MIGRATE_X, media DCs) through a
   * client made on first use and authorized there with the bot's login.
   */
  invokeOnDc<R extends Api.TlMethod>(
    dcId: number,
    request: R,
    options?: ClientInvokeOptions,
  ): Promise<Api.TlResult<R>> {
    const main = this.requireMain();
    if (dcId === this.mainDcId) {
      return this.callUnknown(request, undefined, options) as Promise<Api.TlResult<R>>;
    }
    return this.requireConnections().invokeOn(main, dcId, request, options) as Promise<Api.TlResult<R>>;
  }

  /** The DC the bot's account lives on (after migration). */
  get mainDcId(): number {
    return this.currentDc?.dcId ?? (this.options.dc ?? TELEGRAM_PRODUCTION_DC).dcId;
  }

  /** The bot's own user. */
  async getMe(): Promise<User> {
    const users = await this.call({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] });
    const self = users.find((user): user is Api.User => user._ === 'user');
    if (self === undefined) throw new ConfigError('users.getUsers returned no user for the bot itself');
    this.self = self;
    return userFromApi(self);
  }

  /** Resolves a {@link PeerLike} to the InputPeer requests take. */
  async resolvePeer(peer: PeerLike): Promise<Api.TypeInputPeer> {
    return (await this.resolver.resolve(peer)).input;
  }

  /**
   * Sends a text message.
   *
   * @example
   * ```ts
   * await bot.sendMessage('@alice', 'Hi <b>there</b>', { parseMode: 'html', replyMarkup: keyboard });
   * ```
   */
  async sendMessage(peer: PeerLike, text: MessageText, options: SendMessageOptions = {}): Promise<Message> {
    const target = await this.resolver.resolve(peer);
    const formatted = this.format(text, options);
    const randomId = newRandomId();
    const linkPreview = options.linkPreview;
    const common = {
      ...this.sendFields(target, formatted, randomId, options),
      ...(linkPreview !== undefined &&
        linkPreview !== false &&
        linkPreview.aboveText && { invert_media: true }),
    };
    if (linkPreview !== undefined && linkPreview !== false && linkPreview.url !== undefined) {
      // A preview of a URL that is not in the text goes as web page media (core.telegram.org/api/links).
      const result = await this.call(
        {
          _: 'messages.sendMedia',
          ...common,
          media: {
            _: 'inputMediaWebPage',
            url: linkPreview.url,
            optional: true,
            ...(linkPreview.preferLargeMedia && { force_large_media: true }),
            ...(linkPreview.preferSmallMedia && { force_small_media: true }),
          },
        },
        target.label,
      );
      return this.sentMessage(result, randomId, target, 'messages.sendMedia');
    }
    const request: Api.MessagesSendMessageRequest = {
      _: 'messages.sendMessage',
      ...common,
      ...(linkPreview === false && { no_webpage: true }),
    };
    const result = await this.call(request, target.label);
    if (result._ === 'updateShortSentMessage') {
      const message = messageFromShortSent(result, request, this.peerOf(target));
      return this.factory.ownMessage(message, { users: [], chats: [] });
    }
    return this.sentMessage(result, randomId, target, request._);
  }

  /** Edits a text message the bot sent. Without `replyMarkup` an inline keyboard is removed. */
  async editMessage(
    peer: PeerLike,
    messageId: number,
    text: MessageText,
    options: EditMessageOptions = {},
  ): Promise<Message> {
    const target = await this.resolver.resolve(peer);
    const formatted = this.format(text, options);
    const result = await this.call(
      {
        _: 'messages.editMessage',
        peer: target.input,
        id: messageId,
        message: formatted.text,
        ...(formatted.entities.length > 0 && { entities: formatted.entities }),
        ...(options.linkPreview === false && { no_webpage: true }),
        ...(options.replyMarkup !== undefined && { reply_markup: toReplyMarkup(options.replyMarkup) }),
      },
      target.label,
    );
    const found = findEditedMessage(result, messageId);
    if (found === undefined) throw missingResult('messages.editMessage', target.label);
    return this.toMessage(found);
  }

  /** Deletes messages for everyone (in channels and supergroups through channels.deleteMessages). */
  async deleteMessages(peer: PeerLike, messageIds: readonly number[]): Promise<void> {
    if (messageIds.length === 0) return;
    const target = await this.resolver.resolve(peer);
    if (target.input._ === 'inputPeerChannel') {
      const channel = {
        _: 'inputChannel',
        channel_id: target.input.channel_id,
        access_hash: target.input.access_hash,
      } as const;
      await this.call({ _: 'channels.deleteMessages', channel, id: [...messageIds] }, target.label);
      return;
    }
    await this.call({ _: 'messages.deleteMessages', revoke: true, id: [...messageIds] }, target.label);
  }

  /**
   * Sends a photo (JPEG or PNG) from a path, bytes or a stream, uploaded in parts, with an optional
   * formatted caption.
   *
   * @example
   * ```ts
   * await bot.sendPhoto(chatId, './cat.jpg', { caption: '<i>cat</i>', parseMode: 'html' });
   * ```
   */
  async sendPhoto(peer: PeerLike, source: UploadSource, options: SendMediaOptions = {}): Promise<Message> {
    return this.sendMedia(peer, 'photo', source, options);
  }

  /** Sends a file as a document (MIME type guessed from its name unless given), uploaded in parts. */
  async sendDocument(
    peer: PeerLike,
    source: UploadSource,
    options: SendDocumentOptions = {},
  ): Promise<Message> {
    return this.sendMedia(peer, 'document', source, options);
  }

  /**
   * Downloads a message's photo (largest size) or document to a path or a writable stream, from
   * whichever DC holds it; resolves with the number of bytes written.
   */
  downloadMedia(
    message: Message | Api.Message,
    target: DownloadTarget,
    options: DownloadMediaOptions = {},
  ): Promise<number> {
    return downloadMessageMedia(this.fileClient, message, target, options);
  }

  /** Forwards messages `messageIds` of `from` to `to`; resolves with the new messages in order. */
  async forwardMessages(
    from: PeerLike,
    to: PeerLike,
    messageIds: readonly number[],
    options: ForwardMessagesOptions = {},
  ): Promise<Message[]> {
    if (messageIds.length === 0) return [];
    const [source, target] = await Promise.all([this.resolver.resolve(from), this.resolver.resolve(to)]);
    const randomIds = messageIds.map(() => newRandomId());
    const result = await this.call(
      {
        _: 'messages.forwardMessages',
        from_peer: source.input,
        to_peer: target.input,
        id: [...messageIds],
        random_id: randomIds,
        ...(options.silent && { silent: true }),
        ...(options.dropAuthor && { drop_author: true }),
      },
      target.label,
    );
    return findSentMessages(result, randomIds).map((found) => {
      if (found === undefined) throw missingResult('messages.forwardMessages', target.label);
      return this.toMessage(found);
    });
  }

  /** Shows "typing…" (or another action) in a chat for a few seconds. */
  async sendChatAction(peer: PeerLike, action: ChatAction): Promise<void> {
    const target = await this.resolver.resolve(peer);
    await this.call(
      { _: 'messages.setTyping', peer: target.input, action: chatActionOf(action) },
      target.label,
    );
  }

  /** Answers a callback query (a button press). */
  async answerCallbackQuery(queryId: bigint, options: CallbackAnswerOptions = {}): Promise<void> {
    await this.call(callbackAnswerRequest(queryId, options));
  }

  /** Answers an inline query with results (see articleResult / photoResult). */
  async answerInlineQuery(
    queryId: bigint,
    results: readonly InlineResult[],
    options: InlineAnswerOptions = {},
  ): Promise<void> {
    await this.call(inlineAnswerRequest(queryId, results, options));
  }

  /** Sets the bot's command menu for a scope (default: everyone) and language (default: all). */
  async setMyCommands(
    commands: readonly BotCommandDescription[],
    scope: Api.TypeBotCommandScope = { _: 'botCommandScopeDefault' },
    langCode = '',
  ): Promise<void> {
    await this.call(setCommandsRequest(commands, scope, langCode));
  }

  /** A chat as Telegram describes it now. */
  async getChat(peer: PeerLike): Promise<Chat> {
    const target = await this.resolver.resolve(peer);
    const input = target.input;
    switch (input._) {
      case 'inputPeerChat': {
        const result = await this.call({ _: 'messages.getChats', id: [input.chat_id] }, target.label);
        return chatFromApi(this.onlyChat(result.chats, target.label));
      }
      case 'inputPeerChannel': {
        const channel = {
          _: 'inputChannel',
          channel_id: input.channel_id,
          access_hash: input.access_hash,
        } as const;
        const result = await this.call({ _: 'channels.getChannels', id: [channel] }, target.label);
        return chatFromApi(this.onlyChat(result.chats, target.label));
      }
      default:
        return privateChat(await this.getUser(input));
    }
  }

  /** A user as Telegram describes it now. */
  async getUser(peer: PeerLike): Promise<User> {
    const target = await this.resolver.resolve(peer);
    const input = target.input;
    let user: Api.TypeInputUser;
    if (input._ === 'inputPeerSelf') user = { _: 'inputUserSelf' };
    else if (input._ === 'inputPeerUser')
      user = { _: 'inputUser', user_id: input.user_id, access_hash: input.access_hash };
    else throw new ConfigError(`${target.label} is not a user`);
    const users = await this.call({ _: 'users.getUsers', id: [user] }, target.label);
    const found = users[0];
    if (found === undefined || found._ === 'userEmpty') throw missingResult('users.getUsers', target.label);
    return userFromApi(found);
  }

  /**
   * Sends media already uploaded or already on Telegram (an InputMedia such as
   * `inputMediaUploadedPhoto` or `inputMediaDocument`) with an optional formatted caption: the
   * `messages.sendMedia` step of {@link BotClient.sendPhoto} and {@link BotClient.sendDocument}, which
   * upload first. A FLOOD_WAIT retry repeats only this step, never the upload.
   */
  async sendUploadedMedia(
    peer: PeerLike,
    media: Api.TypeInputMedia,
    options: Omit<SendMediaOptions, 'fileName' | 'onProgress' | 'signal'> = {},
  ): Promise<Message> {
    const target = await this.resolver.resolve(peer);
    const caption = this.format(options.caption ?? '', options);
    const randomId = newRandomId();
    const result = await this.call(
      {
        _: 'messages.sendMedia',
        ...this.sendFields(target, caption, randomId, options),
        media,
      },
      target.label,
    );
    return this.sentMessage(result, randomId, target, 'messages.sendMedia');
  }

  private async sendMedia(
    peer: PeerLike,
    kind: 'photo' | 'document',
    source: UploadSource,
    options: SendDocumentOptions,
  ): Promise<Message> {
    await this.resolver.resolve(peer); // an unknown peer fails before the upload
    const media = await uploadMedia(this.fileClient, kind, source, options);
    return this.sendUploadedMedia(peer, media, options);
  }

  /** The fields sendMessage and sendMedia share. */
  private sendFields(
    target: ResolvedPeer,
    formatted: { text: string; entities: Api.TypeMessageEntity[] },
    randomId: bigint,
    options: Omit<SendMessageOptions, 'linkPreview'>,
  ) {
    return {
      peer: target.input,
      message: formatted.text,
      random_id: randomId,
      ...(formatted.entities.length > 0 && { entities: formatted.entities }),
      ...(options.silent && { silent: true }),
      ...(options.replyTo !== undefined && {
        reply_to: { _: 'inputReplyToMessage', reply_to_msg_id: options.replyTo } as const,
      }),
      ...(options.replyMarkup !== undefined && { reply_markup: toReplyMarkup(options.replyMarkup) }),
    };
  }

  // ---- internals ----

  private async open(): Promise<void> {
    const { storage, owned } = await openBotStorage(this.options.storage);
    this.storage = storage;
    this.ownsStorage = owned;
    const { connections, main, dc } = await connectBot(this.options, storage, this.logger, (dcId) =>
      this.reconnected(dcId),
    );
    this.connections = connections;
    this.main = main;
    this.currentDc = dc;
    const driver = new UpdatesDriver({
      client: main,
      storage,
      handler: (update, context, ack) => this.dispatcher.dispatch(update, context, ack),
      onError: (error) => this.reportError(error),
      // A channel the bot lost access to is dropped from the updates state: worth a log line, not
      // an error event.
      onWarning: (message) => this.logger.warn(message),
      ...(this.options.requestTimeoutMs !== undefined && {
        invokeOptions: { timeoutMs: this.options.requestTimeoutMs },
      }),
    });
    this.driver = driver;
    const me = await this.getMe();
    this.logger.info('logged in', { botId: me.id.toString(), username: me.username });
    const started = driver.start();
    if (!this.dispatcher.hasStream) {
      await started;
      this.phase = 'running';
      return;
    }
    // A for-await loop takes the catch-up, which it can only do once start() has returned: return
    // when the first update is ready for it (the updates state is set by then) or the start is over.
    const firstUpdate = this.dispatcher.nextStreamUpdate();
    this.background = started.catch((error: unknown) => this.reportError(error));
    await Promise.race([started, firstUpdate]);
    this.phase = 'running';
  }

  private reconnected(dcId: number): void {
    for (const listener of this.reconnectListeners) {
      try {
        listener(dcId);
      } catch (error) {
        this.reportError(error);
      }
    }
  }

  /** The message a callback button is on, for CallbackQuery.message. */
  private async fetchMessage(chat: PeerRef, id: number): Promise<FetchedMessage | undefined> {
    const request = getMessageRequest(chat, id, this.peers);
    if (request === undefined) return undefined;
    try {
      const result = await this.call(request);
      if (result._ === 'messages.messagesNotModified') return undefined;
      const message = result.messages[0];
      return message === undefined ? undefined : { message, users: result.users, chats: result.chats };
    } catch (error) {
      this.reportError(error);
      return undefined;
    }
  }

  /** Calls through the updates driver once it runs (results feed the engine and the peer cache). */
  private call<R extends Api.TlMethod>(
    request: R,
    peer?: string,
    options?: ClientInvokeOptions,
  ): Promise<Api.TlResult<R>> {
    return this.callUnknown(request, peer, options) as Promise<Api.TlResult<R>>;
  }

  /** {@link BotClient.call} with the result untyped: passing generic results along is too deep for tsc. */
  private callUnknown<R extends Api.TlMethod>(
    request: R,
    peer?: string,
    options?: ClientInvokeOptions,
  ): Promise<unknown> {
    let call: Promise<unknown>;
    if (this.driver !== undefined) call = this.driver.invoke(request, options);
    else if (this.main !== undefined) call = this.main.invoke(request, options);
    else return Promise.reject(new ConfigError(`${request._}: ${BOT_NOT_STARTED}`));
    return call.catch((error: unknown) => {
      throw withCallContext(error, { method: request._, ...(peer !== undefined && { peer }) });
    });
  }

  private format(
    text: MessageText,
    options: TextOptions,
  ): { text: string; entities: Api.TypeMessageEntity[] } {
    const formatted = formatText(text, options, this.options.defaultParseMode, this.parsers);
    return { text: formatted.text, entities: toInputEntities(formatted.entities, this.peers) };
  }

  private sentMessage(
    result: Api.TypeUpdates,
    randomId: bigint,
    target: ResolvedPeer,
    method: string,
  ): Message {
    const found = findSentMessages(result, [randomId])[0];
    if (found === undefined) throw missingResult(method, target.label);
    return this.toMessage(found);
  }

  private toMessage(found: ResultMessage): Message {
    return this.factory.ownMessage(found.message, found);
  }

  /** The TL Peer of a resolved target, for messages rebuilt from updateShortSentMessage. */
  private peerOf(target: ResolvedPeer): Api.TypePeer {
    const ref = target.ref ?? { kind: 'user', id: this.self?.id ?? 0n };
    switch (ref.kind) {
      case 'user':
        return { _: 'peerUser', user_id: ref.id };
      case 'chat':
        return { _: 'peerChat', chat_id: ref.id };
      case 'channel':
        return { _: 'peerChannel', channel_id: ref.id };
    }
  }

  private onlyChat(chats: readonly Api.TypeChat[], label: string): Api.TypeChat {
    const chat = chats[0];
    if (chat === undefined) throw missingResult('getChat', label);
    return chat;
  }

  /**
   * This client as src/files takes it. Its invoke/invokeOnDc have exactly FileClient's signatures; the
   * cast only spares tsc comparing the generic result unions, which is too deep for it.
   */
  private get fileClient(): FileClient {
    return this as unknown as FileClient;
  }

  private reportError(error: unknown): void {
    this.dispatcher.reportError(error);
  }

  private requireDriver(): UpdatesDriver {
    if (this.driver === undefined) throw new ConfigError(BOT_NOT_STARTED);
    return this.driver;
  }

  private requireMain(): MtprotoClient {
    if (this.main === undefined) throw new ConfigError(BOT_NOT_STARTED);
    return this.main;
  }

  private requireConnections(): DcConnections {
    if (this.connections === undefined) throw new ConfigError(BOT_NOT_STARTED);
    return this.connections;
  }
}

/** A random_id for a new message: 64 random bits from the system's secure source. */
function newRandomId(): bigint {
  return randomBytes(8).readBigInt64LE(0);
}

function missingResult(method: string, label: string): UnexpectedResultError {
  return new UnexpectedResultError(method, label, 'the resulting message');
}
