/**
 * The local DC: core's MTProto server (TCP and WebSocket) answering from an in-memory world, a JSON
 * control API over HTTP, and the same operations as methods for tests in the same process.
 */
import { MtprotoServer, type Clock, type RandomSource } from 'telegram-mtproto-core';
import { ControlServer } from './control/control-server';
import { waitForBotMessage } from './message-waiter';
import { Authorizations } from './mtproto/authorizations';
import { createRequestDispatcher } from './mtproto/request-dispatcher';
import { startUpdatePusher } from './mtproto/update-pusher';
import { loadOrCreateRsaKey } from './rsa-key-store';
import type { StoredMessage, UserRecord } from './world/records';
import { World, type NewAccount } from './world/world';

/** Options of {@link LocalDc.start}. */
export interface LocalDcStartOptions {
  /** Interface of every listener. Default 127.0.0.1. */
  readonly host?: string;
  /** MTProto TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Control API port; 0 (the default) picks a free one. */
  readonly controlPort?: number;
  /** Where the RSA key is kept between runs; without it a new key is made each start. */
  readonly dataDir?: string;
  /** The DC id clients use. Default 2. */
  readonly dcId?: number;
  /** Most pts events in one updates.getDifference answer before a differenceSlice. Default 100. */
  readonly differenceSliceSize?: number;
  /** Diagnostics (unsupported methods, handler failures). Default: nothing. */
  readonly log?: (line: string) => void;
  readonly random?: RandomSource;
  readonly clock?: Clock;
}

/** What a running DC tells its clients: the ready line of the CLI (DESIGN.md). */
export interface LocalDcInfo {
  readonly host: string;
  readonly port: number;
  readonly dcId: number;
  /** PKCS#1 PEM of the DC's RSA public key. */
  readonly publicKeyPem: string;
  /** The key's fingerprint as 16 lowercase hex digits (unsigned 64-bit). */
  readonly fingerprint: string;
  /** Base URL of the JSON control API, e.g. `http://127.0.0.1:PORT`. */
  readonly controlUrl: string;
  /** The token of the bot created at start. */
  readonly botToken: string;
  /** MTProto over WebSocket, e.g. `ws://127.0.0.1:PORT/apiws`. */
  readonly websocketUrl: string;
}

/** A user's message to a bot (or any account) in their private chat. */
export interface UserMessageInput {
  readonly fromUserId: bigint;
  readonly toUserId: bigint;
  readonly text: string;
}

/**
 * A Telegram emulator on loopback.
 *
 * @example
 * ```ts
 * const dc = await LocalDc.start({ port: 0 });
 * const alice = dc.createUser({ firstName: 'Alice' });
 * dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: '/start' });
 * const reply = await dc.waitForBotMessage({ userId: alice.id, botId: dc.defaultBot.id, timeoutMs: 5000 });
 * await dc.stop();
 * ```
 */
export class LocalDc {
  private stopUpdates: (() => void) | undefined;
  private stopped = false;

  private constructor(
    readonly world: World,
    readonly info: LocalDcInfo,
    /** The bot whose token is in {@link LocalDc.info}. */
    readonly defaultBot: UserRecord,
    private readonly server: MtprotoServer,
    private readonly control: ControlServer,
  ) {}

  /** Generates or loads the RSA key, starts listening and creates the default bot. */
  static async start(options: LocalDcStartOptions = {}): Promise<LocalDc> {
    const host = options.host ?? '127.0.0.1';
    const dcId = options.dcId ?? 2;
    const log = options.log ?? (() => undefined);
    const key = await loadOrCreateRsaKey(options.dataDir);
    const world = new World({ random: options.random, clock: options.clock });
    const authorizations = new Authorizations();
    let port = 0;
    const server = new MtprotoServer({
      privateKeys: [key.privateKey],
      host,
      tcp: { port: options.port ?? 0 },
      websocket: { port: 0 },
      dcId,
      random: options.random,
      clock: options.clock,
      handler: createRequestDispatcher({
        world,
        authorizations,
        dc: () => ({ dcId, host, port }),
        differenceSliceSize: options.differenceSliceSize ?? 100,
        onUnsupportedMethod: (method) => log(`unsupported method ${method}: answered 400 METHOD_INVALID`),
      }),
    });
    server.on('handlerError', (error, method) => log(`${method} failed: ${String(error)}`));
    const addresses = await server.listen();
    port = addresses.tcp!.port;
    const defaultBot = world.createBot({ firstName: 'Local Bot', username: 'local_dc_bot' });
    const control = new ControlServer();
    let controlUrl: string;
    try {
      controlUrl = await control.listen(host, options.controlPort ?? 0);
    } catch (error) {
      await server.close();
      throw error;
    }
    const info: LocalDcInfo = {
      host,
      port,
      dcId,
      publicKeyPem: key.publicKeyPem,
      fingerprint: key.fingerprint.toString(16).padStart(16, '0'),
      controlUrl,
      botToken: defaultBot.token,
      websocketUrl: addresses.websocketUrl!,
    };
    const dc = new LocalDc(world, info, defaultBot.user, server, control);
    control.attach(dc);
    dc.stopUpdates = startUpdatePusher(world, authorizations, (authKeyId, updates) =>
      server.pushUpdate(authKeyId, updates),
    );
    return dc;
  }

  createUser(fields: NewAccount): UserRecord {
    return this.world.createUser(fields);
  }

  /** A new bot and its token `<id>:<secret>`. */
  createBot(fields: NewAccount): { user: UserRecord; token: string } {
    return this.world.createBot(fields);
  }

  /** The user sends `text` to the peer; returns the user's copy. Bots get it as an update. */
  sendUserMessage(input: UserMessageInput): StoredMessage {
    const sender = this.world.account(input.fromUserId);
    if (sender?.bot) throw new RangeError('sendUserMessage is for users: bots send through MTProto');
    return this.world.sendPrivateMessage(input.fromUserId, input.toUserId, input.text).message;
  }

  /** The private chat of `userId` with `peerId`, as `userId` sees it, oldest first. */
  history(userId: bigint, peerId: bigint): StoredMessage[] {
    return this.world.box(userId).history(peerId);
  }

  /** The next message `botId` sends to `userId` (see {@link waitForBotMessage}). */
  waitForBotMessage(query: {
    userId: bigint;
    botId: bigint;
    afterMessageId?: number;
    timeoutMs: number;
    signal?: AbortSignal;
  }): Promise<StoredMessage> {
    return waitForBotMessage(this.world, query);
  }

  /** Closes the control API and the MTProto listeners with their connections. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopUpdates?.();
    await Promise.all([this.control.close(), this.server.close()]);
  }
}
