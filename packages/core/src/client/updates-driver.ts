/**
 * The updates driver: runs the sans-IO {@link UpdatesEngine} over a client (core.telegram.org/api/updates).
 * It decodes pushed Updates and the Updates results of calls, feeds the engine, carries out its
 * actions (updates.getState / getDifference / getChannelDifference, the wake-at timer, persisting,
 * fetching peers), fills the {@link PeerCache} from every update and result, and hands updates to the
 * application one at a time, in order.
 *
 * Delivery guarantee. Everything the driver does runs on one serial queue. A `deliver` action waits
 * for the handler (or, with {@link UpdatesDriver.updates}, for the consumer to ask for the next
 * update). An update is finished when its handler has settled and every {@link UpdateAck.defer} it
 * took was released, so a handler may hand work off (to a pool, a queue) and return at once. The state
 * stored is acknowledgement-based ({@link CommitBoundary}): per sequence (common pts, qts, seq and
 * date, each channel's pts) it never passes the oldest update not finished yet. So:
 * - the engine never delivers an update twice within a run, and a restart resumes from the last
 *   stored state: across a crash (SIGKILL, power loss) every update is delivered at least once;
 *   the unfinished ones, and finished ones behind an unfinished one of the same sequence, come again.
 *   Updates outside pts/qts (callback and inline queries) are not sent again by Telegram.
 * - across a clean {@link UpdatesDriver.stop} + {@link UpdatesDriver.close} with every update
 *   finished in between, each update is delivered exactly once.
 * A handler that throws is reported through `onError` and counts as finished (it is not retried).
 */
import { systemClock, type Clock } from '../crypto/clock';
import { ConfigError } from '../errors/config-error';
import { FloodWaitError } from '../errors/flood-wait-error';
import { RpcError } from '../errors/rpc-error';
import type { PeerCache } from '../peers/peer-cache';
import type { PeerRef } from '../peers/peer-ref';
import { decodeApi } from '../tl/tl-codec';
import type * as Api from '../tl/generated/api-types';
import type { SentMessageOrigin } from '../updates/short-updates';
import type {
  DeliverAction,
  GapAction,
  NeedsPeersAction,
  UpdateContext,
  UpdatesAction,
} from '../updates/updates-actions';
import { UpdatesEngine, type FetchTarget, type UpdatesEngineOptions } from '../updates/updates-engine';
import { CommitBoundary, type PendingDelivery } from '../updates/commit-boundary';
import { sameUpdatesState, type StoredUpdatesState, type UpdatesState } from '../updates/updates-state';
import { ChangeCountingPeerCache } from './change-counting-peer-cache';
import type { ClientInvokeOptions, MtprotoClient } from './mtproto-client';
import type { SessionStorage } from './storage/session-storage';
import { SessionStorageKeys } from './storage/session-storage-keys';
import { storageEntry, type StorageEntry } from './storage/storage-key';
import { UpdateStream } from './update-stream';

/** What the driver needs of a client: calls and the `update`, `state` and `newSession` events. */
export type UpdatesDriverClient = Pick<MtprotoClient, 'invoke' | 'on'>;

/**
 * The completion of one delivered update. By default an update is finished when its handler settles
 * (or, in a for-await loop, when the loop asks for the next one); {@link UpdateAck.defer} keeps it
 * unfinished past that, until the function it returns is called.
 */
export interface UpdateAck {
  /**
   * Keeps the update unfinished after the handler returns (call it before that). Returns the function
   * that releases this hold; calling it again does nothing. Until every hold is released the stored
   * state stays before the update, so a crash makes a restart deliver it again.
   */
  defer(): () => void;
}

/** An update handed to the application, with the users and chats that came with it. */
export interface DeliveredUpdate {
  update: Api.TypeUpdate;
  context: UpdateContext;
  ack: UpdateAck;
}

/**
 * Handles one update; the next one is delivered after the returned promise settles. The update is
 * finished then too, unless the handler took `ack.defer()`.
 */
export type UpdateHandler = (
  update: Api.TypeUpdate,
  context: UpdateContext,
  ack: UpdateAck,
) => void | Promise<void>;

/** Cancels a timer set by {@link UpdatesDriverOptions.setTimer}. */
export type CancelTimer = () => void;

/** Options of {@link UpdatesDriver}. */
export interface UpdatesDriverOptions extends Pick<
  UpdatesEngineOptions,
  'gapHoldMs' | 'livenessMs' | 'retryDelayMs' | 'ptsTotalLimit' | 'channelDifferenceLimit'
> {
  client: UpdatesDriverClient;
  /** Where the updates state and the peer cache are kept (keys `updatesState` and `peers`). */
  storage: SessionStorage;
  /** Receives the updates in order. Without it, read them with {@link UpdatesDriver.updates}. */
  handler?: UpdateHandler;
  /** Updates were lost for good (a *TooLong answer): refetch what the application shows. */
  onGap?: (gap: GapAction) => void;
  /** Something failed that did not stop the driver: a fetch, a handler, a storage write, a decode. */
  onError?: (error: Error) => void;
  /**
   * Something to know that needs no action: a channel whose difference the bot may no longer ask
   * (CHANNEL_PRIVATE, CHANNEL_INVALID) was dropped from the updates state. Default: `onError`.
   */
  onWarning?: (message: string, error: Error) => void;
  /**
   * How many updates.getChannelDifference calls of one batch run at once (the channels behind at
   * the last stop, asked on start); their answers are still handled one after the other. Default 4.
   */
  channelDifferenceConcurrency?: number;
  /** The account's own user id; without it the driver asks users.getUsers(inputUserSelf) on start. */
  selfUserId?: bigint;
  clock?: Clock;
  /** Runs `callback` after `delayMs` (default: setTimeout); for tests with a manual clock. */
  setTimer?: (callback: () => void, delayMs: number) => CancelTimer;
  /** Options of the calls the driver makes (default timeout: the client's). */
  invokeOptions?: ClientInvokeOptions;
}

const UPDATES_CONSTRUCTORS: ReadonlySet<string> = new Set([
  'updatesTooLong',
  'updateShortMessage',
  'updateShortChatMessage',
  'updateShort',
  'updatesCombined',
  'updates',
  'updateShortSentMessage',
]);

/** True when a decoded object or call result is one of the `Updates` constructors. */
export function isUpdates(value: unknown): value is Api.TypeUpdates {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { _?: unknown })._;
  return typeof name === 'string' && UPDATES_CONSTRUCTORS.has(name);
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Errors of getChannelDifference meaning the bot may not read the channel any more. */
const CHANNEL_GONE: ReadonlySet<string> = new Set(['CHANNEL_PRIVATE', 'CHANNEL_INVALID']);

/** A fetch's call, started ahead or not; the step it resolves to handles the answer in order. */
interface Fetch {
  readonly concurrent: boolean;
  readonly start: () => Promise<() => UpdatesAction[] | Promise<UpdatesAction[]>>;
}

function defaultSetTimer(callback: () => void, delayMs: number): CancelTimer {
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
}

/**
 * Keeps a client's updates flowing to a handler, in order, across gaps, reconnections and restarts.
 *
 * @example
 * ```ts
 * const storage = await FileStorage.open('bot.session.json');
 * const client = new MtprotoClient({ ...connection, storage });
 * await client.invoke({ _: 'auth.importBotAuthorization', ... });
 * const driver = new UpdatesDriver({
 *   client,
 *   storage,
 *   handler: async (update) => {
 *     if (update._ === 'updateNewMessage') console.log(update.message);
 *   },
 * });
 * await driver.start(); // catches up on what arrived while the bot was down
 * const sent = await driver.invoke({ _: 'messages.sendMessage', peer, message: 'hi', random_id: 1n });
 * await driver.stop();
 * await client.close();
 * ```
 */
export class UpdatesDriver {
  private peerCache = new ChangeCountingPeerCache();
  /** The peer cache revision last stored; the peers are stored again only when it moved. */
  private storedPeersRevision: number | undefined;
  private readonly client: UpdatesDriverClient;
  private readonly storage: SessionStorage;
  private readonly clock: Clock;
  private readonly setTimer: (callback: () => void, delayMs: number) => CancelTimer;
  private readonly stream: UpdateStream<DeliveredUpdate> | undefined;
  private engine: UpdatesEngine | undefined;
  private selfUserId: bigint | undefined;
  private queue: Promise<void> = Promise.resolve();
  private cancelTimer: CancelTimer | undefined;
  private unsubscribe: (() => void)[] = [];
  private phase: 'new' | 'running' | 'stopped' | 'closed' = 'new';
  private lastState: StoredUpdatesState | undefined;
  private boundary = new CommitBoundary();
  /** The write in flight (while `writeActive`), and the one that follows it (for calls made meanwhile). */
  private writeActive = false;
  private writing: Promise<void> | undefined;
  private nextWrite: Promise<void> | undefined;

  constructor(private readonly options: UpdatesDriverOptions) {
    this.client = options.client;
    this.storage = options.storage;
    this.clock = options.clock ?? systemClock;
    this.setTimer = options.setTimer ?? defaultSetTimer;
    this.selfUserId = options.selfUserId;
    this.stream = options.handler ? undefined : new UpdateStream<DeliveredUpdate>();
  }

  /**
   * Users, chats and channels with access hashes: loaded from storage by {@link UpdatesDriver.start},
   * then filled from every update and result.
   */
  get peers(): PeerCache {
    return this.peerCache;
  }

  /**
   * The state last stored (what a restart resumes from, with the channels it catches up on first),
   * or undefined before the first one.
   */
  get storedState(): StoredUpdatesState | undefined {
    return this.lastState;
  }

  /** Updates delivered whose handling has not finished (handlers running, deferred acks held). */
  get unfinishedUpdates(): number {
    return this.boundary.pending;
  }

  /**
   * Loads the stored state and peers, subscribes to the client and starts the engine: without a
   * stored state it asks updates.getState, with one it fetches the difference from it (catch-up).
   * Resolves once that first fetch, with every update it brought, has been handled. The client must
   * be logged in.
   */
  async start(): Promise<void> {
    if (this.phase !== 'new') throw new ConfigError('an UpdatesDriver starts once');
    this.phase = 'running';
    const [stored, peers] = await Promise.all([
      this.storage.get(SessionStorageKeys.updatesState),
      this.storage.get(SessionStorageKeys.peers),
    ]);
    if (peers) {
      this.peerCache = new ChangeCountingPeerCache(peers);
      this.storedPeersRevision = this.peerCache.revision;
    }
    this.lastState = stored;
    const { behindChannels, ...state } = stored ?? {};
    const start = stored ? (state as UpdatesState) : undefined;
    this.boundary = new CommitBoundary(start);
    if (this.selfUserId === undefined) {
      const users = await this.client.invoke(
        { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] },
        this.options.invokeOptions,
      );
      this.peers.addUsers(users);
      const self = users.find((user): user is Api.User => user._ === 'user' && user.self === true);
      this.selfUserId = self?.id;
    }
    const engine = new UpdatesEngine({
      clock: this.clock,
      peers: this.peers,
      ...(start !== undefined && { state: start }),
      ...(behindChannels !== undefined && { behindChannels }),
      ...(this.selfUserId !== undefined && { selfUserId: this.selfUserId }),
      ...(this.options.gapHoldMs !== undefined && { gapHoldMs: this.options.gapHoldMs }),
      ...(this.options.livenessMs !== undefined && { livenessMs: this.options.livenessMs }),
      ...(this.options.retryDelayMs !== undefined && { retryDelayMs: this.options.retryDelayMs }),
      ...(this.options.ptsTotalLimit !== undefined && { ptsTotalLimit: this.options.ptsTotalLimit }),
      ...(this.options.channelDifferenceLimit !== undefined && {
        channelDifferenceLimit: this.options.channelDifferenceLimit,
      }),
    });
    this.engine = engine;
    let reconnecting = false;
    this.unsubscribe = [
      this.client.on('update', (body) => this.receive(body)),
      this.client.on('state', (connection) => {
        // A lost connection may have lost pushed updates: ask the difference once it is back.
        if (connection === 'reconnecting') reconnecting = true;
        if (connection === 'connected' && reconnecting) {
          reconnecting = false;
          void this.enqueue(() => engine.resync());
        }
      }),
      // new_session_created: the server may have dropped updates of the old session.
      this.client.on('newSession', () => void this.enqueue(() => engine.resync())),
    ];
    await this.enqueue(() => engine.start());
  }

  /**
   * The updates, in order, for `for await`: an update counts as handled when the loop asks for the
   * next one. Only when no `handler` was given; one consumer.
   */
  updates(): AsyncIterableIterator<DeliveredUpdate> {
    if (!this.stream)
      throw new ConfigError('this UpdatesDriver delivers to its handler; updates() is unavailable');
    return this.stream;
  }

  /**
   * Calls a method through the client and feeds what it returns: its users and chats go to the peer
   * cache and an `Updates` result (messages.sendMessage, editMessage, ...) goes to the engine, so the
   * pts it moves is not taken for a gap. Resolves with the result without waiting for its updates to
   * be delivered (a handler may call this without deadlocking the queue).
   */
  invoke<R extends Api.TlMethod>(request: R, options?: ClientInvokeOptions): Promise<Api.TlResult<R>> {
    // Chained through unknown: inferring `then` over the result union is too deep for tsc.
    const call: Promise<unknown> = this.client.invoke(request, options ?? this.options.invokeOptions);
    const fed = call.then((result) => {
      this.handleResult(request, result);
      return result;
    });
    return fed as Promise<Api.TlResult<R>>;
  }

  /** Feeds the result of a call made without {@link UpdatesDriver.invoke}. */
  handleResult(request: Api.TlMethod, result: unknown): void {
    this.peers.addFrom(result);
    const engine = this.engine;
    if (!engine || this.phase !== 'running' || !isUpdates(result)) return;
    const origin = this.originOf(request);
    void this.enqueue(() => engine.handleUpdates(result, origin));
  }

  /**
   * Stops delivering: unsubscribes from the client, cancels the timer, waits for the queue (the
   * update being delivered) and stores the state as far as the updates are finished, with the peers.
   * Updates still unfinished (deferred acks) keep moving the stored state as they finish, until
   * {@link UpdatesDriver.close}. The client stays open.
   */
  async stop(): Promise<void> {
    if (this.phase === 'stopped' || this.phase === 'closed') return;
    const wasRunning = this.phase === 'running';
    this.phase = 'stopped';
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    await this.queue;
    this.stream?.end();
    if (wasRunning) await this.save();
  }

  /**
   * Stops (if not stopped yet) and stores the state a last time: call it once the handlers are done
   * (before closing the storage). Updates unfinished by then are not waited for; the stored state stays
   * before them, so the next start delivers them again.
   */
  async close(): Promise<void> {
    if (this.phase === 'closed') return;
    const wasStarted = this.phase !== 'new';
    await this.stop();
    if (wasStarted) await this.save();
    this.phase = 'closed';
    await this.nextWrite;
    await this.writing;
  }

  private receive(body: Uint8Array): void {
    const engine = this.engine;
    if (!engine || this.phase !== 'running') return;
    let updates: Api.TlObject;
    try {
      updates = decodeApi(body);
    } catch (error) {
      this.reportError(error);
      return;
    }
    if (!isUpdates(updates)) {
      this.reportError(new Error(`a pushed update is ${updates._}, not an Updates constructor`));
      return;
    }
    this.peers.addFrom(updates);
    void this.enqueue(() => engine.handleUpdates(updates));
  }

  /** Runs `step` on the queue after everything before it, then carries out its actions. */
  private enqueue(step: () => UpdatesAction[]): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.phase !== 'running') return;
      await this.execute(step());
    });
    this.queue = run.catch((error: unknown) => this.reportError(error));
    return this.queue;
  }

  /**
   * Carries out a batch in order, then the fetches it asked for, each answer's actions in turn. The
   * fetches wait for the rest of the batch so that its persist (an older state) is stored first.
   */
  private async execute(actions: UpdatesAction[]): Promise<void> {
    const fetches: Fetch[] = [];
    for (const action of actions) {
      switch (action.kind) {
        case 'deliver':
          await this.deliver(action);
          break;
        case 'persist':
          this.boundary.reached(action.state);
          await this.save();
          break;
        case 'wake-at':
          this.schedule(action.time);
          break;
        case 'gap':
          this.callSafely(() => this.options.onGap?.(action));
          break;
        case 'fetch-state':
          fetches.push(
            this.fetch(
              { kind: 'state' },
              () => this.client.invoke(action.request, this.options.invokeOptions),
              (engine, state) => engine.handleState(state),
            ),
          );
          break;
        case 'fetch-difference':
          fetches.push(
            this.fetch(
              { kind: 'difference' },
              () => this.client.invoke(action.request, this.options.invokeOptions),
              (engine, difference) => engine.handleDifference(action.request, difference),
            ),
          );
          break;
        case 'fetch-channel-difference':
          fetches.push(
            this.fetch(
              { kind: 'channel-difference', channelId: action.channelId },
              () => this.client.invoke(action.request, this.options.invokeOptions),
              (engine, difference) => {
                this.peers.addFrom(difference);
                return engine.handleChannelDifference(action.channelId, action.request, difference);
              },
            ),
          );
          break;
        case 'needs-peers':
          fetches.push({ concurrent: false, start: async () => () => this.fetchPeers(action) });
          break;
      }
    }
    await this.runFetches(fetches);
  }

  /**
   * Runs the fetches of a batch and handles their answers in order. Channel differences next to each
   * other are called up to `channelDifferenceConcurrency` at once (each channel is its own sequence,
   * so asking them together changes nothing but the wait); the rest are called one after the other.
   */
  private async runFetches(fetches: readonly Fetch[]): Promise<void> {
    const limit = Math.max(1, Math.floor(this.options.channelDifferenceConcurrency ?? 4));
    const started: Promise<() => UpdatesAction[] | Promise<UpdatesAction[]>>[] = [];
    for (let index = 0; index < fetches.length; index++) {
      if (this.phase !== 'running') return;
      for (let next = started.length; next < fetches.length && next < index + limit; next++) {
        if (next > index && !(fetches[index]!.concurrent && fetches[next]!.concurrent)) break;
        started.push(fetches[next]!.start());
      }
      const handle = await started[index]!;
      if (this.phase !== 'running') return;
      await this.execute(await handle());
      // A channel caught up without moving its pts (channelDifferenceEmpty) brings no persist action:
      // store that it is no longer behind.
      if (fetches[index]!.concurrent && !sameBehind(this.lastState?.behindChannels, this.behindChannels()))
        await this.save();
    }
  }

  /** A fetch whose call never rejects: its step feeds the answer, or the failure, to the engine. */
  private fetch<T>(
    target: FetchTarget,
    call: () => Promise<T>,
    handle: (engine: UpdatesEngine, answer: T) => UpdatesAction[],
  ): Fetch {
    const engine = this.requireEngine();
    return {
      concurrent: target.kind === 'channel-difference',
      start: async () => {
        try {
          const answer = await call();
          return () => handle(engine, answer);
        } catch (error) {
          return () => this.fetchFailed(engine, target, error);
        }
      },
    };
  }

  /**
   * A fetch failed. A channel the bot may not read any more is dropped (a warning, not a retry loop);
   * a FLOOD_WAIT is retried after its wait; anything else after the engine's retryDelayMs.
   */
  private fetchFailed(engine: UpdatesEngine, target: FetchTarget, error: unknown): UpdatesAction[] {
    if (target.kind === 'channel-difference' && RpcError.isInstance(error) && CHANNEL_GONE.has(error.type)) {
      const message = `channel ${target.channelId} is not readable any more (${error.type}): its updates are no longer followed`;
      const onWarning = this.options.onWarning;
      if (onWarning) this.callSafely(() => onWarning(message, error));
      else this.reportError(error);
      return engine.dropChannel(target.channelId);
    }
    this.reportError(error);
    const wait = FloodWaitError.isInstance(error) ? error.seconds * 1_000 : undefined;
    // A wake-at comes with the answer: the engine asks again then.
    return engine.handleFetchFailed(target, wait);
  }

  /**
   * Fetches peers the engine could not address (`min` ones, or a channel whose difference it needs)
   * with users.getUsers / channels.getChannels, through the *FromMessage forms when the message they
   * were seen in is known, then tells the engine.
   */
  private async fetchPeers(action: NeedsPeersAction): Promise<UpdatesAction[]> {
    const engine = this.requireEngine();
    const messagePeer = action.message ? this.peers.inputPeer(peerRefOf(action.message.peer)) : undefined;
    const users: Api.TypeInputUser[] = [];
    const channels: Api.TypeInputChannel[] = [];
    for (const peer of action.peers) {
      if (peer.kind === 'user') {
        const known = this.peers.inputUser(peer);
        if (known) users.push(known);
        else if (messagePeer && action.message)
          users.push({
            _: 'inputUserFromMessage',
            peer: messagePeer,
            msg_id: action.message.id,
            user_id: peer.id,
          });
      } else if (peer.kind === 'channel') {
        const known = this.peers.inputChannel(peer);
        if (known) channels.push(known);
        else if (messagePeer && action.message)
          channels.push({
            _: 'inputChannelFromMessage',
            peer: messagePeer,
            msg_id: action.message.id,
            channel_id: peer.id,
          });
      }
    }
    try {
      if (users.length > 0) {
        this.peers.addUsers(
          await this.client.invoke({ _: 'users.getUsers', id: users }, this.options.invokeOptions),
        );
      }
      if (channels.length > 0) {
        this.peers.addFrom(
          await this.client.invoke({ _: 'channels.getChannels', id: channels }, this.options.invokeOptions),
        );
      }
    } catch (error) {
      this.reportError(error);
    }
    return engine.peersChanged();
  }

  private async deliver(action: DeliverAction): Promise<void> {
    const ack = new DeliveryAck(this.boundary.delivered(action.sequence, action.update), this.finished);
    const handler = this.options.handler;
    let taken = true;
    try {
      if (handler) await handler(action.update, action.context, ack);
      else if (this.stream)
        taken = await this.stream.push({ update: action.update, context: action.context, ack });
    } catch (error) {
      this.reportError(error);
    }
    // One the loop never took stays unfinished: the stored state stays before it.
    if (taken) ack.release();
  }

  /** An update finished: store the state when it moved, unless the persist of its batch is still to come. */
  private readonly finished = (pending: PendingDelivery, late: boolean): void => {
    if (this.boundary.finish(pending) && late && this.phase !== 'closed') void this.save();
  };

  /**
   * Stores the state as far as the updates are finished, with the peer cache, atomically, so a stored
   * state never lacks its peers. One write at a time: calls during a write share one more write after
   * it, with whatever the state is then, and resolve when that one is done. The peers are left out
   * when nothing changed since they were last stored: exporting them all costs time in proportion to
   * every peer ever seen.
   */
  private save(): Promise<void> {
    const current = this.writing;
    if (!this.writeActive || !current) {
      this.writeActive = true;
      this.writing = this.write();
      return this.writing;
    }
    this.nextWrite ??= current.then(() => {
      this.nextWrite = undefined;
      return this.save();
    });
    return this.nextWrite;
  }

  private async write(): Promise<void> {
    try {
      await this.writeCommitted();
    } finally {
      this.writeActive = false;
    }
  }

  private async writeCommitted(): Promise<void> {
    const committed = this.boundary.committed();
    const behind = this.behindChannels();
    const state: StoredUpdatesState | undefined =
      committed && behind.length > 0 ? { ...committed, behindChannels: behind } : committed;
    const revision = this.peerCache.revision;
    // With nothing unfinished the state is the engine's latest, a new object only when it changed.
    const stateChanged =
      state !== undefined &&
      (!sameBehind(this.lastState?.behindChannels, behind) ||
        (state !== this.lastState &&
          (this.boundary.pending === 0 || !this.lastState || !sameUpdatesState(this.lastState, state))));
    const peersChanged = revision !== this.storedPeersRevision;
    if (!stateChanged && !peersChanged) return;
    const entries: StorageEntry[] = [];
    if (stateChanged) entries.push(storageEntry(SessionStorageKeys.updatesState, state));
    if (peersChanged) entries.push(storageEntry(SessionStorageKeys.peers, this.peers.exportState()));
    try {
      await this.storage.setMany(entries);
      this.storedPeersRevision = revision;
      if (stateChanged) this.lastState = state;
    } catch (error) {
      // Not stored: a restart delivers these updates again, which the guarantee allows.
      this.reportError(error);
    }
  }

  /**
   * The channels a restart must ask the difference of: an unfinished update, or the engine not
   * caught up (a catch-up still to do, a difference in flight or to retry, updates held past a gap).
   */
  private behindChannels(): string[] {
    const engineBehind = this.engine?.channelsBehind() ?? [];
    const unfinished = this.boundary.unfinishedChannels();
    // Runs on every stored state, where both are nearly always empty: no set for that case.
    if (unfinished.length === 0) return engineBehind.sort();
    const behind = new Set(unfinished);
    for (const id of engineBehind) behind.add(id);
    return [...behind].sort();
  }

  private schedule(time: number): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    // A batch finishing after stop() must not leave a timer behind.
    if (this.phase !== 'running') return;
    const delay = Math.min(Math.max(0, time - this.clock.now()), MAX_TIMER_MS);
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = undefined;
      const engine = this.engine;
      if (engine) void this.enqueue(() => engine.tick());
    }, delay);
  }

  private originOf(request: Api.TlMethod): SentMessageOrigin | undefined {
    if (request._ !== 'messages.sendMessage') return undefined;
    const peer = peerOfInput(request.peer, this.selfUserId);
    return peer ? { peer, message: request.message } : undefined;
  }

  private requireEngine(): UpdatesEngine {
    if (!this.engine) throw new ConfigError('the UpdatesDriver is not started');
    return this.engine;
  }

  private callSafely(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.reportError(error);
    }
  }

  private reportError(error: unknown): void {
    const onError = this.options.onError;
    if (onError) onError(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The {@link UpdateAck} of one delivery: one hold for the handler (or loop body), one per `defer()`. */
class DeliveryAck implements UpdateAck {
  private holds = 1;
  private handed = false;

  constructor(
    private readonly pending: PendingDelivery,
    private readonly onFinished: (pending: PendingDelivery, late: boolean) => void,
  ) {}

  defer(): () => void {
    if (this.holds === 0) return noop;
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.drop(true);
    };
  }

  /** The handler (or the loop body) is done with the update. */
  release(): void {
    if (this.handed) return;
    this.handed = true;
    this.drop(false);
  }

  private drop(byDefer: boolean): void {
    // A deferred hold released last finishes the update after the driver moved on.
    if (--this.holds === 0) this.onFinished(this.pending, byDefer);
  }
}

function noop(): void {}

/** True when two sorted lists of behind channels are the same (absent counts as empty). */
function sameBehind(stored: readonly string[] | undefined, current: readonly string[]): boolean {
  const before = stored ?? [];
  return before.length === current.length && before.every((id, index) => id === current[index]);
}

function peerRefOf(peer: Api.TypePeer): PeerRef {
  switch (peer._) {
    case 'peerUser':
      return { kind: 'user', id: peer.user_id };
    case 'peerChat':
      return { kind: 'chat', id: peer.chat_id };
    case 'peerChannel':
      return { kind: 'channel', id: peer.channel_id };
  }
}

/** The Peer an InputPeer stands for, as updateShortSentMessage leaves it out. */
function peerOfInput(input: Api.TypeInputPeer, selfUserId: bigint | undefined): Api.TypePeer | undefined {
  switch (input._) {
    case 'inputPeerUser':
    case 'inputPeerUserFromMessage':
      return { _: 'peerUser', user_id: input.user_id };
    case 'inputPeerChat':
      return { _: 'peerChat', chat_id: input.chat_id };
    case 'inputPeerChannel':
    case 'inputPeerChannelFromMessage':
      return { _: 'peerChannel', channel_id: input.channel_id };
    case 'inputPeerSelf':
      return selfUserId === undefined ? undefined : { _: 'peerUser', user_id: selfUserId };
    default:
      return undefined;
  }
}
