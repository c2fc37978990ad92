// The updates driver over a fake client (invoke answered by the test, pushes encoded as the server
// would send them) and a manual clock with captured timers: no sockets.
import {
  encodeApi,
  FloodWaitError,
  ManualClock,
  RpcError,
  MemoryStorage,
  SessionStorageKeys,
  TypedEventEmitter,
  UpdatesDriver,
  type Api,
  type DeliveredUpdate,
  type MtprotoClientEvents,
  type UpdatesDriverOptions,
  type UpdatesState,
} from '../../src/index';
import {
  CHANNEL_ID,
  channelMessage,
  container,
  fullChannel,
  fullUser,
  newChannelMessage,
  newMessage,
  updatesState,
  userMessage,
  USER_ID,
} from '../updates/update-fixtures';

const T0 = 1_700_000_000_000;
const SELF_ID = 42n;

type Answer = (request: Api.TlMethod) => unknown;

/** A client whose calls are answered by `answers[method]` and whose pushes the test emits. */
class FakeClient extends TypedEventEmitter<MtprotoClientEvents> {
  readonly calls: Api.TlMethod[] = [];
  readonly answers = new Map<string, Answer>([
    ['users.getUsers', () => [{ _: 'user', id: SELF_ID, self: true, bot: true, access_hash: 1n }]],
  ]);

  invoke(request: Api.TlMethod): Promise<never> {
    this.calls.push(request);
    const answer = this.answers.get(request._);
    if (!answer) return Promise.reject(new Error(`no answer for ${request._}`));
    try {
      return Promise.resolve(answer(request) as never);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  push(updates: Api.TypeUpdates): void {
    this.emit('update', encodeApi(updates), 0n);
  }

  setState(state: 'connected' | 'reconnecting'): void {
    this.emit('state', state);
  }

  newSession(): void {
    this.emit('newSession');
  }

  methods(): string[] {
    return this.calls.map((call) => call._);
  }
}

/** Timers the test fires by hand. */
class FakeTimers {
  readonly pending: { callback: () => void; delayMs: number; cancelled: boolean }[] = [];

  readonly setTimer = (callback: () => void, delayMs: number) => {
    const timer = { callback, delayMs, cancelled: false };
    this.pending.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  /** The delay of the one live timer (each wake-at replaces the last). */
  liveDelay(): number | undefined {
    return this.pending.filter((timer) => !timer.cancelled).at(-1)?.delayMs;
  }

  fire(clock: ManualClock): void {
    const live = this.pending.filter((timer) => !timer.cancelled).at(-1);
    if (!live) throw new Error('no live timer');
    live.cancelled = true;
    clock.advance(live.delayMs);
    live.callback();
  }
}

/** Lets the driver's queue run (it chains promises; a few macrotask turns drain it). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function savedState(pts: number): UpdatesState {
  return { pts, qts: 0, seq: 0, date: 1_700_000_000, channels: {} };
}

function setup(options: Partial<UpdatesDriverOptions> & { stored?: UpdatesState } = {}) {
  const client = new FakeClient();
  const storage = new MemoryStorage();
  const clock = new ManualClock(T0);
  const timers = new FakeTimers();
  const seen: DeliveredUpdate[] = [];
  const errors: Error[] = [];
  const driver = new UpdatesDriver({
    client,
    storage,
    clock,
    setTimer: timers.setTimer,
    handler: (update, context, ack) => {
      seen.push({ update, context, ack });
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  return { client, storage, clock, timers, seen, errors, driver };
}

const texts = (seen: readonly DeliveredUpdate[]) =>
  seen.map(({ update }) => ((update as Api.UpdateNewMessage).message as Api.Message).message);

describe('UpdatesDriver', () => {
  it('without a stored state asks updates.getState, persists it, then delivers pushes and persists them with the peers', async () => {
    const { client, storage, seen, driver } = setup();
    client.answers.set('updates.getState', () => updatesState(5));
    await driver.start();
    expect(client.methods()).toEqual(['users.getUsers', 'updates.getState']);
    expect(await storage.get(SessionStorageKeys.updatesState)).toEqual(savedState(5));

    client.push(container([newMessage(6)], 0, { users: [fullUser(USER_ID, 77n, 'alice')] }));
    await settle();
    expect(texts(seen)).toEqual(['m6']);
    expect(await storage.get(SessionStorageKeys.updatesState)).toMatchObject({ pts: 6 });
    const peers = await storage.get(SessionStorageKeys.peers);
    expect(peers?.users).toContainEqual(
      expect.objectContaining({ id: USER_ID.toString(), accessHash: '77', usernames: ['alice'] }),
    );
    expect(driver.peers.inputPeer('@alice')).toEqual({
      _: 'inputPeerUser',
      user_id: USER_ID,
      access_hash: 77n,
    });
    await driver.stop();
  });

  it('stores the peers with a state only when they changed since last stored', async () => {
    const { client, storage, seen, driver } = setup();
    const written: string[][] = [];
    const setMany = storage.setMany.bind(storage);
    storage.setMany = (entries) => {
      written.push(entries.map((entry) => entry.key.name));
      return setMany(entries);
    };
    client.answers.set('updates.getState', () => updatesState(5));
    await driver.start();
    const alice = fullUser(USER_ID, 77n, 'alice');
    client.push(container([newMessage(6)], 0, { users: [alice] }));
    await settle();
    // The same user again (as updates repeat their users): nothing new to store but the state.
    client.push(container([newMessage(7)], 0, { users: [{ ...alice }] }));
    await settle();
    // A new username is a change.
    client.push(container([newMessage(8)], 0, { users: [fullUser(USER_ID, 77n, 'alice_2')] }));
    await settle();
    client.push(container([newMessage(9)], 0));
    await settle();
    await driver.stop();

    expect(texts(seen)).toEqual(['m6', 'm7', 'm8', 'm9']);
    const state = SessionStorageKeys.updatesState.name;
    const peers = SessionStorageKeys.peers.name;
    // getState's state (with the bot itself), m6 (alice), m7, m8 (alice renamed), m9; stop(): nothing new.
    expect(written).toEqual([[state, peers], [state, peers], [state], [state, peers], [state]]);
    expect((await storage.get(SessionStorageKeys.peers))?.users).toContainEqual(
      expect.objectContaining({ id: USER_ID.toString(), usernames: ['alice_2'] }),
    );
    expect(await storage.get(SessionStorageKeys.updatesState)).toMatchObject({ pts: 9 });
  });

  it('with a stored state catches up with getDifference, and stores the state only after the handler finished', async () => {
    const { client, storage } = setup({ selfUserId: SELF_ID });
    await storage.set(SessionStorageKeys.updatesState, savedState(10));
    const statesSeenByHandler: (number | undefined)[] = [];
    const handled: string[] = [];
    const slow = new UpdatesDriver({
      client,
      storage,
      selfUserId: SELF_ID,
      clock: new ManualClock(T0),
      setTimer: () => () => undefined,
      handler: async (update) => {
        statesSeenByHandler.push((await storage.get(SessionStorageKeys.updatesState))?.pts);
        await new Promise((resolve) => setTimeout(resolve, 5));
        handled.push(((update as Api.UpdateNewMessage).message as Api.Message).message);
      },
    });
    client.answers.set('updates.getDifference', (request) => {
      const { pts } = request as Api.UpdatesGetDifferenceRequest;
      // Two slices: 11-12, then 13.
      if (pts === 10) {
        return {
          _: 'updates.differenceSlice',
          new_messages: [userMessage(11), userMessage(12)],
          new_encrypted_messages: [],
          other_updates: [],
          chats: [],
          users: [fullUser(USER_ID, 77n)],
          intermediate_state: updatesState(12),
        } satisfies Api.UpdatesDifferenceSlice;
      }
      return {
        _: 'updates.difference',
        new_messages: [userMessage(13)],
        new_encrypted_messages: [],
        other_updates: [],
        chats: [],
        users: [],
        state: updatesState(13),
      } satisfies Api.UpdatesDifference;
    });
    await slow.start();
    expect(handled).toEqual(['m11', 'm12', 'm13']);
    // Every handler ran while the stored state was still before its batch.
    expect(statesSeenByHandler).toEqual([10, 10, 12]);
    expect(client.calls.filter((call) => call._ === 'updates.getDifference')).toEqual([
      { _: 'updates.getDifference', pts: 10, date: 1_700_000_000, qts: 0 },
      { _: 'updates.getDifference', pts: 12, date: 1_700_000_000, qts: 0 },
    ]);
    expect(await storage.get(SessionStorageKeys.updatesState)).toMatchObject({ pts: 13 });
    expect(slow.storedState).toMatchObject({ pts: 13 });
    await slow.stop();
  });

  it('holds a gap, and when the hold expires (timer) fills it with getDifference', async () => {
    const { client, clock, timers, seen, driver } = setup({ selfUserId: SELF_ID, gapHoldMs: 500 });
    client.answers.set('updates.getState', () => updatesState(1));
    await driver.start();
    client.push(container([newMessage(3)], 0));
    await settle();
    expect(seen).toEqual([]);
    expect(timers.liveDelay()).toBe(500);
    client.answers.set('updates.getDifference', () => ({
      _: 'updates.difference',
      new_messages: [userMessage(2)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      state: updatesState(2),
    }));
    timers.fire(clock);
    await settle();
    expect(texts(seen)).toEqual(['m2', 'm3']);
    await driver.stop();
  });

  it('feeds Updates results of calls: updateShortSentMessage moves pts without a gap and is delivered', async () => {
    const { client, storage, seen, driver } = setup({ selfUserId: SELF_ID });
    client.answers.set('updates.getState', () => updatesState(4));
    client.answers.set('messages.sendMessage', () => ({
      _: 'updateShortSentMessage',
      out: true,
      id: 9,
      pts: 5,
      pts_count: 1,
      date: 1_700_000_100,
    }));
    await driver.start();
    const peer: Api.InputPeerUser = { _: 'inputPeerUser', user_id: USER_ID, access_hash: 77n };
    const sent = await driver.invoke({ _: 'messages.sendMessage', peer, message: 'hello', random_id: 1n });
    expect(sent._).toBe('updateShortSentMessage');
    await settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.update).toMatchObject({
      _: 'updateNewMessage',
      pts: 5,
      message: { out: true, id: 9, message: 'hello', peer_id: { _: 'peerUser', user_id: USER_ID } },
    });
    expect(client.methods()).not.toContain('updates.getDifference');
    expect(await storage.get(SessionStorageKeys.updatesState)).toMatchObject({ pts: 5 });
    await driver.stop();
  });

  it('idle past livenessMs asks getDifference; a reconnect and new_session_created ask it too', async () => {
    const { client, clock, timers, driver } = setup({ selfUserId: SELF_ID, livenessMs: 60_000 });
    client.answers.set('updates.getState', () => updatesState(1));
    client.answers.set('updates.getDifference', () => ({
      _: 'updates.differenceEmpty',
      date: 1_700_000_000,
      seq: 0,
    }));
    await driver.start();
    expect(timers.liveDelay()).toBe(60_000);
    timers.fire(clock);
    await settle();
    const differences = () => client.methods().filter((method) => method === 'updates.getDifference').length;
    expect(differences()).toBe(1);

    client.setState('reconnecting');
    client.setState('connected');
    await settle();
    expect(differences()).toBe(2);

    client.newSession();
    await settle();
    expect(differences()).toBe(3);
    await driver.stop();
  });

  it('a failed fetch is reported and retried after retryDelayMs', async () => {
    const { client, clock, timers, errors, seen, driver } = setup({
      selfUserId: SELF_ID,
      retryDelayMs: 1_000,
    });
    await driver.start(); // updates.getState has no answer yet: it fails
    expect(errors.map((error) => error.message)).toEqual(['no answer for updates.getState']);
    expect(timers.liveDelay()).toBe(1_000);
    client.answers.set('updates.getState', () => updatesState(7));
    timers.fire(clock);
    await settle();
    client.push(container([newMessage(8)], 0));
    await settle();
    expect(texts(seen)).toEqual(['m8']);
    await driver.stop();
  });

  it('updates(): an update counts as handled when the loop asks for the next one', async () => {
    const { client, storage, driver } = setup({ selfUserId: SELF_ID, handler: undefined });
    client.answers.set('updates.getState', () => updatesState(1));
    await driver.start();
    client.push(container([newMessage(2), newMessage(3)], 0));
    const iterator = driver.updates();
    const first = await iterator.next();
    expect(first.value?.update).toMatchObject({ pts: 2 });
    await settle();
    expect(await storage.get(SessionStorageKeys.updatesState)).toMatchObject({ pts: 1 });
    const second = await iterator.next();
    expect(second.value?.update).toMatchObject({ pts: 3 });
    await settle();
    // The batch (2 and 3) is stored only once 3 is handled too.
    expect(await storage.get(SessionStorageKeys.updatesState)).toMatchObject({ pts: 1 });
    const stopped = driver.stop();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await stopped;
    expect(await storage.get(SessionStorageKeys.updatesState)).toMatchObject({ pts: 3 });
  });

  it('stop() lets the batch being handled finish and be stored, and leaves no timer behind', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handled: number[] = [];
    const { client, storage, timers, driver } = setup({
      selfUserId: SELF_ID,
      handler: async (update) => {
        await blocked;
        handled.push((update as Api.UpdateNewMessage).pts);
      },
    });
    client.answers.set('updates.getState', () => updatesState(1));
    await driver.start();
    client.push(container([newMessage(2)], 0));
    await settle();
    const stopped = driver.stop();
    release();
    await stopped;
    expect(handled).toEqual([2]);
    expect(await storage.get(SessionStorageKeys.updatesState)).toMatchObject({ pts: 2 });
    expect(timers.liveDelay()).toBeUndefined();
    client.push(container([newMessage(3)], 0));
    await settle();
    expect(handled).toEqual([2]);
  });

  it('a stored state that is malformed is a StorageError naming the entry', async () => {
    const storage = new MemoryStorage();
    await storage.set(
      { name: 'mtbot.updatesState', encode: (value: unknown) => value as never, decode: (json) => json },
      { pts: 'x' },
    );
    await expect(storage.get(SessionStorageKeys.updatesState)).rejects.toMatchObject({
      name: 'StorageError',
      message: expect.stringContaining('mtbot.updatesState'),
    });
  });
});

describe('UpdatesDriver: acknowledgement-based state', () => {
  /** A driver whose handler defers every update; `finish(pts)` releases it. */
  async function deferring() {
    const holds = new Map<number, () => void>();
    const harness = setup({
      selfUserId: SELF_ID,
      handler: (update, _context, ack) => {
        holds.set((update as Api.UpdateNewMessage).pts, ack.defer());
      },
    });
    harness.client.answers.set('updates.getState', () => updatesState(1));
    await harness.driver.start();
    const stored = async () => (await harness.storage.get(SessionStorageKeys.updatesState))?.pts;
    const finish = async (...pts: number[]) => {
      for (const value of pts) holds.get(value)!();
      await settle();
    };
    return { ...harness, holds, stored, finish };
  }

  it('delivers on without waiting for deferred updates, and stores pts only up to the oldest unfinished', async () => {
    const { client, driver, holds, stored, finish } = await deferring();
    for (let pts = 2; pts <= 5; pts++) client.push(container([newMessage(pts)], 0));
    await settle();
    expect([...holds.keys()]).toEqual([2, 3, 4, 5]);
    expect(driver.unfinishedUpdates).toBe(4);
    expect(await stored()).toBe(1);
    await finish(3, 5);
    expect(await stored()).toBe(1);
    await finish(2);
    expect(await stored()).toBe(3);
    await finish(4);
    expect(await stored()).toBe(5);
    expect(driver.storedState).toMatchObject({ pts: 5 });
    expect(driver.unfinishedUpdates).toBe(0);
    await driver.close();
  });

  it('a restart after a crash delivers the unfinished updates again (at least once)', async () => {
    const { client, storage, finish } = await deferring();
    for (let pts = 2; pts <= 4; pts++) client.push(container([newMessage(pts)], 0));
    await settle();
    await finish(2, 4);
    // Crash: the driver is abandoned with 3 unfinished; a new one starts on the same storage.
    expect((await storage.get(SessionStorageKeys.updatesState))?.pts).toBe(2);
    const again: number[] = [];
    const restarted = new UpdatesDriver({
      client,
      storage,
      selfUserId: SELF_ID,
      clock: new ManualClock(T0),
      setTimer: () => () => undefined,
      handler: (update) => {
        again.push((update as Api.UpdateNewMessage).message.id);
      },
    });
    client.answers.set('updates.getDifference', (request) => {
      expect(request).toMatchObject({ pts: 2 });
      return {
        _: 'updates.difference',
        new_messages: [userMessage(3), userMessage(4)],
        new_encrypted_messages: [],
        other_updates: [],
        chats: [],
        users: [],
        state: updatesState(4),
      } satisfies Api.UpdatesDifference;
    });
    await restarted.start();
    // 3 was lost by the crash and comes again; 4 was finished but lies behind 3: a duplicate.
    expect(again).toEqual([3, 4]);
    expect((await storage.get(SessionStorageKeys.updatesState))?.pts).toBe(4);
    await restarted.close();
  });

  it('after stop() finishing updates still moves the stored state; after close() it no longer does', async () => {
    const { client, driver, stored, finish } = await deferring();
    for (let pts = 2; pts <= 4; pts++) client.push(container([newMessage(pts)], 0));
    await settle();
    await driver.stop();
    expect(await stored()).toBe(1);
    await finish(2);
    expect(await stored()).toBe(2);
    await driver.close();
    await finish(3, 4);
    expect(await stored()).toBe(2);
  });

  it('stop() resolves only once the state of updates finished during a write is stored too', async () => {
    let gate: Promise<void> = Promise.resolve();
    let open: () => void = () => undefined;
    class SlowStorage extends MemoryStorage {
      override async setMany(entries: Parameters<MemoryStorage['setMany']>[0]): Promise<void> {
        await gate;
        return super.setMany(entries);
      }
    }
    const holds = new Map<number, () => void>();
    const storage = new SlowStorage();
    const { client, driver } = setup({
      selfUserId: SELF_ID,
      storage,
      handler: (update, _context, ack) => {
        holds.set((update as Api.UpdateNewMessage).pts, ack.defer());
      },
    });
    client.answers.set('updates.getState', () => updatesState(1));
    await driver.start();
    client.push(container([newMessage(2)], 0));
    client.push(container([newMessage(3)], 0));
    await settle();
    gate = new Promise((resolve) => (open = resolve));
    holds.get(2)!(); // a write of pts 2 starts and waits at the gate
    holds.get(3)!(); // pts 3 needs one more write after it
    let stopped = false;
    const stopping = driver.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    open();
    await stopping;
    expect(driver.storedState).toMatchObject({ pts: 3 });
    expect((await storage.get(SessionStorageKeys.updatesState))?.pts).toBe(3);
    await driver.close();
  });

  it('a handler that throws after defer() still holds the update until released', async () => {
    let release: () => void = () => undefined;
    const errors: Error[] = [];
    const { client, storage, driver } = setup({
      selfUserId: SELF_ID,
      onError: (error) => errors.push(error),
      handler: (_update, _context, ack) => {
        release = ack.defer();
        throw new Error('boom');
      },
    });
    client.answers.set('updates.getState', () => updatesState(1));
    await driver.start();
    client.push(container([newMessage(2)], 0));
    await settle();
    expect(errors.map((error) => error.message)).toEqual(['boom']);
    expect((await storage.get(SessionStorageKeys.updatesState))?.pts).toBe(1);
    release();
    release();
    await settle();
    expect((await storage.get(SessionStorageKeys.updatesState))?.pts).toBe(2);
    expect(driver.unfinishedUpdates).toBe(0);
    await driver.close();
  });

  it('updates(): an update the loop never took (it broke out first) stays unfinished', async () => {
    const { client, storage, driver } = setup({ selfUserId: SELF_ID, handler: undefined });
    client.answers.set('updates.getState', () => updatesState(1));
    await driver.start();
    client.push(container([newMessage(2), newMessage(3)], 0));
    const iterator = driver.updates();
    expect((await iterator.next()).value?.update).toMatchObject({ pts: 2 });
    // The loop leaves before taking 3: 2 counts as handled, 3 was never handled. They came in one
    // batch, so the stored state stays before both.
    await iterator.return!();
    await settle();
    await driver.close();
    expect(driver.unfinishedUpdates).toBe(1);
    expect((await storage.get(SessionStorageKeys.updatesState))?.pts).toBe(1);
  });

  it('updates(): a loop body may defer an update past asking for the next', async () => {
    const { client, storage, driver } = setup({ selfUserId: SELF_ID, handler: undefined });
    client.answers.set('updates.getState', () => updatesState(1));
    await driver.start();
    client.push(container([newMessage(2)], 0));
    client.push(container([newMessage(3)], 0));
    const iterator = driver.updates();
    const first = await iterator.next();
    const done = first.value!.ack.defer();
    await iterator.next();
    const stopped = driver.stop();
    await iterator.next();
    await stopped;
    expect((await storage.get(SessionStorageKeys.updatesState))?.pts).toBe(1);
    done();
    await settle();
    expect((await storage.get(SessionStorageKeys.updatesState))?.pts).toBe(3);
    await driver.close();
  });
});

describe('UpdatesDriver: channels behind at the last stop', () => {
  const OTHER_ID = 888n;

  /** A stored state with channels 777 at pts 4 and 888 at pts 9, both behind, and their hashes. */
  async function storeBehind(storage: MemoryStorage, behind: readonly bigint[]): Promise<void> {
    await storage.set(SessionStorageKeys.updatesState, {
      ...savedState(10),
      channels: { [CHANNEL_ID.toString()]: 4, [OTHER_ID.toString()]: 9 },
      behindChannels: behind.map(String),
    });
    await storage.set(SessionStorageKeys.peers, {
      version: 1,
      users: [],
      chats: [],
      channels: [CHANNEL_ID, OTHER_ID].map((id) => ({
        id: id.toString(),
        accessHash: '5',
        title: `c ${id}`,
      })),
    });
  }

  /** updates.getDifference answers that nothing happened, as of `date`. */
  function answerEmptyDifference(client: FakeClient, date: number): void {
    client.answers.set('updates.getDifference', () => ({ _: 'updates.differenceEmpty', date, seq: 0 }));
  }

  const channelOf = (request: Api.TlMethod) =>
    ((request as Api.UpdatesGetChannelDifferenceRequest).channel as Api.InputChannel).channel_id;

  function channelDifference(channelId: bigint, ids: number[]): Api.UpdatesChannelDifference {
    return {
      _: 'updates.channelDifference',
      final: true,
      pts: ids.at(-1)!,
      new_messages: ids.map((id) => channelMessage(id, channelId)),
      other_updates: [],
      chats: [fullChannel(channelId, 5n)],
      users: [],
    };
  }

  it('stores a channel with an unfinished update as behind, at the pts before it, and clears it once the update finished', async () => {
    const releases: (() => void)[] = [];
    const { client, storage, driver } = setup({
      selfUserId: SELF_ID,
      handler: (_update, _context, ack) => {
        releases.push(ack.defer());
      },
    });
    client.answers.set('updates.getState', () => updatesState(10));
    await driver.start();
    client.push(container([newChannelMessage(5)], 0, { chats: [fullChannel(CHANNEL_ID, 5n)] }));
    await settle();
    expect(releases).toHaveLength(1);
    expect(await storage.get(SessionStorageKeys.updatesState)).toEqual({
      ...savedState(10),
      channels: { [CHANNEL_ID.toString()]: 4 },
      behindChannels: [CHANNEL_ID.toString()],
    });
    releases[0]!();
    await settle();
    expect(await storage.get(SessionStorageKeys.updatesState)).toEqual({
      ...savedState(10),
      channels: { [CHANNEL_ID.toString()]: 5 },
    });
    await driver.close();
  });

  it('on start asks the difference of each stored behind channel after getDifference, delivers it, and stores the state without them', async () => {
    const { client, storage, seen, driver } = setup({ selfUserId: SELF_ID });
    await storeBehind(storage, [CHANNEL_ID, OTHER_ID]);
    answerEmptyDifference(client, 1_700_000_100);
    client.answers.set('updates.getChannelDifference', (request) =>
      channelOf(request) === CHANNEL_ID
        ? channelDifference(CHANNEL_ID, [5, 6])
        : { _: 'updates.channelDifferenceEmpty', final: true, pts: 9 },
    );
    await driver.start();
    expect(client.methods()).toEqual([
      'updates.getDifference',
      'updates.getChannelDifference',
      'updates.getChannelDifference',
    ]);
    expect(client.calls.slice(1).map((call) => [channelOf(call), (call as { pts: number }).pts])).toEqual([
      [CHANNEL_ID, 4],
      [OTHER_ID, 9],
    ]);
    expect(texts(seen)).toEqual(['c5', 'c6']);
    expect(await storage.get(SessionStorageKeys.updatesState)).toEqual({
      ...savedState(10),
      date: 1_700_000_100,
      channels: { [CHANNEL_ID.toString()]: 6, [OTHER_ID.toString()]: 9 },
    });
    await driver.stop();
  });

  it('asks at most channelDifferenceConcurrency channels at once and delivers their answers in order', async () => {
    const { client, storage, seen, driver } = setup({ selfUserId: SELF_ID, channelDifferenceConcurrency: 2 });
    const ids = [CHANNEL_ID, OTHER_ID, 901n, 902n];
    await storage.set(SessionStorageKeys.updatesState, {
      ...savedState(10),
      channels: Object.fromEntries(ids.map((id) => [id.toString(), 1])),
      behindChannels: ids.map(String),
    });
    await storage.set(SessionStorageKeys.peers, {
      version: 1,
      users: [],
      chats: [],
      channels: ids.map((id) => ({ id: id.toString(), accessHash: '5', title: `c ${id}` })),
    });
    answerEmptyDifference(client, 1_700_000_100);
    const waiting = new Map<bigint, () => void>();
    let inFlight = 0;
    let most = 0;
    client.answers.set('updates.getChannelDifference', (request) => {
      const channelId = channelOf(request);
      most = Math.max(most, ++inFlight);
      return new Promise((resolve) =>
        waiting.set(channelId, () => {
          inFlight--;
          resolve(channelDifference(channelId, [Number(channelId)]));
        }),
      );
    });
    const started = driver.start();
    await settle();
    expect([...waiting.keys()]).toEqual([CHANNEL_ID, OTHER_ID]);
    // The second answers first: it waits for the first.
    waiting.get(OTHER_ID)!();
    await settle();
    expect(texts(seen)).toEqual([]);
    waiting.get(CHANNEL_ID)!();
    await settle();
    expect(texts(seen)).toEqual([`c${CHANNEL_ID}`, `c${OTHER_ID}`]);
    expect([...waiting.keys()]).toEqual(ids);
    waiting.get(902n)!();
    waiting.get(901n)!();
    await started;
    expect(texts(seen)).toEqual(ids.map((id) => `c${id}`));
    expect(most).toBe(2);
    expect((await storage.get(SessionStorageKeys.updatesState))?.behindChannels).toBeUndefined();
    await driver.stop();
  });

  it('drops a channel the bot may no longer read (CHANNEL_PRIVATE, CHANNEL_INVALID) with a warning, and does not ask it again', async () => {
    const warnings: string[] = [];
    const { client, storage, clock, timers, errors, driver } = setup({
      selfUserId: SELF_ID,
      onWarning: (message) => warnings.push(message),
    });
    await storeBehind(storage, [CHANNEL_ID, OTHER_ID]);
    answerEmptyDifference(client, 1_700_000_100);
    client.answers.set('updates.getChannelDifference', (request) => {
      throw new RpcError(400, channelOf(request) === CHANNEL_ID ? 'CHANNEL_PRIVATE' : 'CHANNEL_INVALID');
    });
    await driver.start();
    expect(warnings).toEqual([
      `channel ${CHANNEL_ID} is not readable any more (CHANNEL_PRIVATE): its updates are no longer followed`,
      `channel ${OTHER_ID} is not readable any more (CHANNEL_INVALID): its updates are no longer followed`,
    ]);
    expect(errors).toEqual([]);
    expect(await storage.get(SessionStorageKeys.updatesState)).toEqual({
      ...savedState(10),
      date: 1_700_000_100,
      channels: {},
    });
    // Only the liveness timer is left: nothing retries the channels.
    expect(timers.liveDelay()).toBe(15 * 60_000);
    answerEmptyDifference(client, 1_700_000_200);
    timers.fire(clock);
    await settle();
    expect(client.methods().filter((method) => method === 'updates.getChannelDifference')).toHaveLength(2);
    await driver.stop();
  });

  it('without onWarning, a dropped channel is reported through onError', async () => {
    const { client, storage, errors, driver } = setup({ selfUserId: SELF_ID });
    await storeBehind(storage, [CHANNEL_ID]);
    answerEmptyDifference(client, 1_700_000_100);
    client.answers.set('updates.getChannelDifference', () => {
      throw new RpcError(400, 'CHANNEL_PRIVATE');
    });
    await driver.start();
    expect(errors.map((error) => (error as RpcError).text)).toEqual(['CHANNEL_PRIVATE']);
    expect((await storage.get(SessionStorageKeys.updatesState))?.channels).toEqual({
      [OTHER_ID.toString()]: 9,
    });
    await driver.stop();
  });

  it('a FLOOD_WAIT keeps the channel behind (stored) and asks again after the wait', async () => {
    const { client, storage, clock, timers, errors, seen, driver } = setup({ selfUserId: SELF_ID });
    await storeBehind(storage, [CHANNEL_ID]);
    answerEmptyDifference(client, 1_700_000_100);
    client.answers.set('updates.getChannelDifference', () => {
      throw new FloodWaitError(420, 'FLOOD_WAIT_30', 30);
    });
    await driver.start();
    expect(errors.map((error) => error.name)).toEqual(['FloodWaitError']);
    expect(timers.liveDelay()).toBe(30_000);
    expect((await storage.get(SessionStorageKeys.updatesState))?.behindChannels).toEqual([
      CHANNEL_ID.toString(),
    ]);
    client.answers.set('updates.getChannelDifference', () => channelDifference(CHANNEL_ID, [5]));
    timers.fire(clock);
    await settle();
    expect(texts(seen)).toEqual(['c5']);
    const stored = await storage.get(SessionStorageKeys.updatesState);
    expect(stored?.behindChannels).toBeUndefined();
    expect(stored?.channels[CHANNEL_ID.toString()]).toBe(5);
    await driver.stop();
  });

  it('a state stored without behind channels (version 1) starts with getDifference only', async () => {
    const { client, storage, driver } = setup({ selfUserId: SELF_ID });
    await storage.setMany([]);
    await storage.set(SessionStorageKeys.updatesState, {
      ...savedState(10),
      channels: { [CHANNEL_ID.toString()]: 4 },
    });
    answerEmptyDifference(client, 1_700_000_100);
    await driver.start();
    expect(client.methods()).toEqual(['updates.getDifference']);
    await driver.stop();
  });
});
