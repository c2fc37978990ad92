import { ConfigError, type Api, type UpdateAck, type UpdateContext } from 'telegram-mtproto-core';
import type { BotUpdate } from '../updates/bot-update';
import type { BotUpdateFactory } from '../updates/bot-update-factory';
import type { BotLogger } from './bot-logger';
import { BotUpdateStream } from './bot-update-stream';

/**
 * Handles one update; the next one comes after the returned promise settles. The update counts as
 * finished then, unless the handler took `ack.defer()` to finish it later (work handed to a queue):
 * until every hold is released, the stored updates state stays before it, so a crash makes the next
 * start deliver it again.
 */
export type BotUpdateHandler = (update: BotUpdate, ack: UpdateAck) => void | Promise<void>;

/** Sees the updates that are none of {@link BotUpdate}'s kinds (and the bot's own outgoing messages). */
export type RawUpdateHandler = (
  update: Api.TypeUpdate,
  context: UpdateContext,
  ack: UpdateAck,
) => void | Promise<void>;

/** Sees what went wrong without stopping the client: a handler that threw, a failed fetch. */
export type BotErrorHandler = (error: Error) => void;

/**
 * Hands each update core delivers to the bot's handlers, in order: typed ones to the update handlers
 * and then to a for-await loop, the rest to the raw handlers. A handler that throws is reported to
 * the error handlers and the next one runs; nothing is dropped silently.
 */
export class UpdateDispatcher {
  private readonly handlers: BotUpdateHandler[] = [];
  private readonly rawHandlers: RawUpdateHandler[] = [];
  private readonly errorHandlers: BotErrorHandler[] = [];
  private stream: BotUpdateStream | undefined;
  private firstUpdateReady: (() => void) | undefined;

  constructor(
    private readonly factory: BotUpdateFactory,
    private readonly logger: BotLogger,
  ) {}

  onUpdate(handler: BotUpdateHandler): void {
    this.handlers.push(handler);
  }

  onRawUpdate(handler: RawUpdateHandler): void {
    this.rawHandlers.push(handler);
  }

  onError(handler: BotErrorHandler): void {
    this.errorHandlers.push(handler);
  }

  /** A new for-await stream; one at a time. */
  openStream(): BotUpdateStream {
    if (this.stream !== undefined && !this.stream.isEnded) {
      throw new ConfigError('updates() has a consumer already: iterate one loop per client');
    }
    this.stream = new BotUpdateStream();
    return this.stream;
  }

  /** True while a for-await loop takes the updates. */
  get hasStream(): boolean {
    return this.stream !== undefined && !this.stream.isEnded;
  }

  /** Resolves when the next typed update is ready for the for-await loop. */
  nextStreamUpdate(): Promise<void> {
    return new Promise((resolve) => {
      this.firstUpdateReady = resolve;
    });
  }

  /** Ends the for-await loop. */
  endStream(): void {
    this.stream?.end();
  }

  /**
   * One update from the driver; resolves once every handler (and the loop) is done with it. `ack`
   * is the driver's: a handler may defer the update's completion past that.
   */
  async dispatch(update: Api.TypeUpdate, context: UpdateContext, ack: UpdateAck): Promise<void> {
    let botUpdate: BotUpdate | undefined;
    try {
      botUpdate = await this.factory.create(update, context);
    } catch (error) {
      this.reportError(error);
    }
    if (botUpdate === undefined) {
      for (const handler of this.rawHandlers) await this.run(() => handler(update, context, ack));
      return;
    }
    for (const handler of this.handlers) await this.run(() => handler(botUpdate, ack));
    if (this.stream === undefined) return;
    // Held until the loop takes it: one the loop ends without taking stays unfinished (comes again).
    const finished = ack.defer();
    const delivered = this.stream.push(botUpdate);
    this.firstUpdateReady?.();
    this.firstUpdateReady = undefined;
    if (await delivered) finished();
  }

  /** Logs an error and tells the error handlers. */
  reportError(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.logger.error('bot error', { error: failure.message });
    for (const handler of this.errorHandlers) {
      try {
        handler(failure);
      } catch {
        // A failing error listener must not hide the error from the others.
      }
    }
  }

  private async run(handler: () => void | Promise<void>): Promise<void> {
    try {
      await handler();
    } catch (error) {
      this.reportError(error);
    }
  }
}
