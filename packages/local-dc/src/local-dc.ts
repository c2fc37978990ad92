/**
 * The local DC: core's MTProto server (TCP and WebSocket) answering from an in-memory world, a JSON
 * control API over HTTP, and the same operations as methods for tests in the same process.
 */
import { type Clock, type RandomSource } from 'telegram-mtproto-core';
import { ControlServer } from './control/control-server';
import { FaultInjector } from './faults/fault-injector';
import { FloodControl, type FloodLimitsOptions } from './flood/flood-control';
import { guardHandler } from './mtproto/call-guard';
import { waitForBotMessage } from './message-waiter';
import { Authorizations } from './mtproto/authorizations';
import { DcDirectory, type DcAddress } from './mtproto/dc-directory';
import { dcIdsOf } from './mtproto/dc-ids';
import { DcAuthKeys } from './mtproto/dc-auth-keys';
import { DcServers } from './mtproto/dc-servers';
import { startDcServers, watchForChanges } from './persistence/persistence-wiring';
import { loadSnapshot, StateFile } from './persistence/state-file';
import { restoreSnapshot, takeSnapshot } from './persistence/world-snapshot';
import { createRequestDispatcher } from './mtproto/request-dispatcher';
import type { DcDescription } from './mtproto/call-context';
import { startUpdatePusher, type PushUpdate } from './mtproto/update-pusher';
import { startGroupUpdatePusher } from './mtproto/group-update-pusher';
import { LocalDcGroups } from './local-dc-groups';
import { LocalDcBots } from './local-dc-bots';
import { startBotUpdatePusher } from './bots/bot-update-pusher';
import { botInteractionsOf } from './bots/bot-interactions';
import { startTypingPusher } from './mtproto/typing-signals';
import { startDeletionPusher } from './mtproto/deleted-messages';
import { loadOrCreateRsaKey } from './rsa-key-store';
import { sendUserMedia, type UserMediaInput } from './user-media';
import { FileStore } from './world/file-store';
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
  /**
   * Where the RSA key and the state (world, media, auth keys, logins; persistence/state-file.ts) are
   * kept between runs; without it everything is in memory and a new key is made each start.
   */
  readonly dataDir?: string;
  /** The DC id clients use. Default 2. */
  readonly dcId?: number;
  /**
   * How many DCs, each on a port of its own (then numbered 1..dcCount, `dcId` being the main one of
   * the ready line). Default 1.
   */
  readonly dcCount?: number;
  /** Cap on stored file bytes (upload parts and media). Default 512 MiB. */
  readonly maxFileBytes?: number;
  /** An upload nobody adds to or sends for this long is freed. Default 10 minutes. */
  readonly uploadTimeoutMs?: number;
  /** Most pts events in one updates.getDifference answer before a differenceSlice. Default 100. */
  readonly differenceSliceSize?: number;
  /** Bots' flood limits (see {@link FloodControl}); `false` switches them off. Default: Telegram's. */
  readonly floodLimits?: FloodLimitsOptions | false;
  /** With `dataDir`: how long after a change the state file is written. Default 100 ms. */
  readonly saveDebounceMs?: number;
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
  /** Every DC (the main one included) and its MTProto TCP port. */
  readonly dcs: readonly DcAddress[];
}

/** A user's message to a bot (or any account) in their private chat. */
export interface UserMessageInput {
  readonly fromUserId: bigint;
  readonly toUserId: bigint;
  readonly text: string;
  /** A message of the chat to reply to, by its id in the sender's box (e.g. a bot's message). */
  readonly replyToMessageId?: number;
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
  private stopGroupUpdates: (() => void) | undefined;
  private stopBotUpdates: (() => void) | undefined;
  private stopTyping: (() => void) | undefined;
  private stopDeletions: (() => void) | undefined;
  private stopped = false;
  /** The bots' flood limits: `configure` them, `forceFloodWait` on a bot's next call. */
  flood!: FloodControl;
  /** Fault injection: drop connections, delay or drop replies. */
  faults!: FaultInjector;
  /** Uploaded parts and stored media of every DC. */
  files!: FileStore;
  /** The DCs, accounts' home DCs and exported authorizations. */
  dcs!: DcDirectory;
  private state: StateFile | undefined;

  private constructor(
    readonly world: World,
    readonly info: LocalDcInfo,
    /** The bot whose token is in {@link LocalDc.info}. */
    readonly defaultBot: UserRecord,
    private readonly servers: DcServers,
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
    const snapshot = options.dataDir === undefined ? undefined : await loadSnapshot(options.dataDir);
    const clock = options.clock ?? { now: () => Date.now() };
    const flood = new FloodControl(options.floodLimits, clock);
    const faults = new FaultInjector(clock);
    const dcs = new DcDirectory(dcIdsOf(dcId, options.dcCount), dcId, options.random, options.clock);
    const files = new FileStore({
      maxBytes: options.maxFileBytes,
      uploadTimeoutMs: options.uploadTimeoutMs,
      random: options.random,
      clock: options.clock,
    });
    const handlerFor = (dc: () => DcDescription) =>
      guardHandler(
        { world, authorizations, flood, faults },
        createRequestDispatcher({
          world,
          authorizations,
          dc,
          differenceSliceSize: options.differenceSliceSize ?? 100,
          files,
          dcs,
          onUnsupportedMethod: (method) => log(`unsupported method ${method}: answered 400 METHOD_INVALID`),
        }),
      );
    const authKeys = new DcAuthKeys();
    const restoredBotId =
      snapshot === undefined
        ? undefined
        : restoreSnapshot({ world, files, dcs, authKeys, authorizations }, snapshot);
    let state: StateFile | undefined;
    const servers = new DcServers({
      ...options,
      host,
      privateKey: key.privateKey,
      authKeys,
      log,
      onChange: () => state?.changed(),
    });
    const addresses = await startDcServers(servers, dcs, host, options.port ?? 0, handlerFor);
    const port = addresses.tcp!.port;
    const defaultBot =
      restoredBotId === undefined
        ? world.createBot({ firstName: 'Local Bot', username: 'local_dc_bot' })
        : { user: world.account(restoredBotId)!, token: world.tokenOf(restoredBotId)! };
    const control = new ControlServer();
    let controlUrl: string;
    try {
      controlUrl = await control.listen(host, options.controlPort ?? 0);
    } catch (error) {
      await servers.close();
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
      dcs: dcs.addresses,
    };
    const dc = new LocalDc(world, info, defaultBot.user, servers, control);
    dc.flood = flood;
    dc.faults = faults;
    dc.files = files;
    dc.dcs = dcs;
    if (options.dataDir !== undefined) {
      const parts = { world, files, dcs, authKeys, authorizations };
      state = new StateFile(options.dataDir, () => takeSnapshot(parts, defaultBot.user.id), {
        debounceMs: options.saveDebounceMs ?? 100,
        log,
      });
      dc.state = state;
      watchForChanges(world, state);
      await state.save();
    }
    control.attach(dc);
    // Updates go to the sessions of the account's own logins, not to keys imported for other DCs.
    const deliver: PushUpdate = (authKeyId, updates) =>
      !dcs.isImportedKey(authKeyId) && servers.pushUpdate(authKeyId, updates);
    dc.stopUpdates = startUpdatePusher(world, authorizations, deliver);
    dc.stopGroupUpdates = startGroupUpdatePusher(world, authorizations, deliver);
    dc.stopBotUpdates = startBotUpdatePusher(world, authorizations, deliver, (id) => dcs.homeOf(id));
    dc.stopTyping = startTypingPusher(world, authorizations, deliver);
    dc.stopDeletions = startDeletionPusher(world, authorizations, deliver);
    return dc;
  }

  /** Bots' side of the users: press inline buttons, send inline queries, read command lists. */
  get bots(): LocalDcBots {
    return new LocalDcBots(this.world);
  }

  /** A new user; `dcId` is its home DC (default: the main DC). */
  /** Groups, supergroups and channels: create them, act as their users, read their history. */
  get groups(): LocalDcGroups {
    return new LocalDcGroups(this.world);
  }

  createUser(fields: NewAccount & { readonly dcId?: number }): UserRecord {
    this.checkDc(fields.dcId);
    const user = this.world.createUser(fields);
    if (fields.dcId !== undefined) this.dcs.setHome(user.id, fields.dcId);
    this.state?.changed();
    return user;
  }

  /**
   * A new bot and its token `<id>:<secret>`. `dcId` is its home DC (default: the main DC); logging in
   * anywhere else gets 303 USER_MIGRATE_X.
   */
  createBot(fields: NewAccount & { readonly dcId?: number }): { user: UserRecord; token: string } {
    this.checkDc(fields.dcId);
    const created = this.world.createBot(fields);
    if (fields.dcId !== undefined) this.dcs.setHome(created.user.id, fields.dcId);
    this.state?.changed();
    return created;
  }

  /** The user sends a photo (JPEG or PNG bytes), stored on the user's home DC; returns the user's copy. */
  sendUserPhoto(input: UserMediaInput): StoredMessage {
    return sendUserMedia(this.world, this.files, this.dcs.homeOf(input.fromUserId), 'photo', input);
  }

  /** The user sends a document, stored on the user's home DC; returns the user's copy. */
  sendUserDocument(input: UserMediaInput): StoredMessage {
    return sendUserMedia(this.world, this.files, this.dcs.homeOf(input.fromUserId), 'document', input);
  }

  private checkDc(dcId: number | undefined): void {
    if (dcId !== undefined && !this.dcs.has(dcId)) {
      throw new RangeError(`no DC ${dcId} in this emulator (DCs: ${this.dcs.dcIds.join(', ')})`);
    }
  }

  /** The user sends `text` to the peer; returns the user's copy. Bots get it as an update. */
  sendUserMessage(input: UserMessageInput): StoredMessage {
    const sender = this.world.account(input.fromUserId);
    if (sender?.bot) throw new RangeError('sendUserMessage is for users: bots send through MTProto');
    return this.world.sendPrivateMessage(input.fromUserId, input.toUserId, input.text, undefined, {
      replyToMessageId: input.replyToMessageId,
    }).message;
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

  /**
   * A fault: every DC closes its listeners and connections and listens again on the same ports. Auth
   * keys and logins survive (kept in memory, and in the data dir when there is one), so clients
   * reconnect by themselves under their keys.
   */
  async restart(): Promise<void> {
    await this.state?.save();
    await this.servers.restart();
  }

  /** A fault: every session gets a new server salt; clients recover through bad_server_salt. */
  rotateSalts(): void {
    this.servers.rotateSalts();
  }

  /** Closes the control API and the MTProto listeners with their connections. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopUpdates?.();
    this.stopGroupUpdates?.();
    this.stopBotUpdates?.();
    this.stopTyping?.();
    this.stopDeletions?.();
    this.faults.clear();
    // Queries still waiting cannot outlive the process (a new one on the data dir does not know
    // their waiters): the users' side hears BOT_RESPONSE_TIMEOUT now.
    const { callbackQueries, inlineQueries } = botInteractionsOf(this.world);
    callbackQueries.giveUpAll();
    inlineQueries.giveUpAll();
    await this.state?.save();
    await Promise.all([this.control.close(), this.servers.close()]);
  }
}
