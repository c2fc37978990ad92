// The "behind channels" marker of the stored updates state: which channels a start must ask the
// difference of at once (an unfinished update, a gap, a difference in flight), how it is stored
// (format version 2) and that a state stored without it (version 1) still loads.
import {
  CommitBoundary,
  ManualClock,
  MemoryStorage,
  SessionStorageKeys,
  StorageError,
  UpdatesEngine,
  type UpdatesState,
} from '../../src/index';
import {
  CHANNEL_ID,
  channelMessage,
  container,
  deliveredPts,
  fullChannel,
  kinds,
  newChannelMessage,
  only,
  updatesState,
} from './update-fixtures';

const T0 = 1_700_000_000_000;
const OTHER_ID = 888n;

function directory(known: readonly bigint[]) {
  return {
    remember: () => undefined,
    isKnown: () => true,
    inputChannel: (peer: { id: bigint }) =>
      known.includes(peer.id)
        ? { _: 'inputChannel' as const, channel_id: peer.id, access_hash: 5n }
        : undefined,
  };
}

function stateWith(channels: Record<string, number>): UpdatesState {
  return { pts: 10, qts: 0, seq: 0, date: 1_700_000_000, channels };
}

describe('the behind channels of the engine', () => {
  it('asks the difference of each stored behind channel after the start-up getDifference, from its stored pts, and no longer counts it once caught up', () => {
    const engine = new UpdatesEngine({
      clock: new ManualClock(T0),
      state: stateWith({ [CHANNEL_ID.toString()]: 4, [OTHER_ID.toString()]: 9, '999': 1 }),
      behindChannels: [CHANNEL_ID.toString(), OTHER_ID.toString(), '12345'],
      peers: directory([CHANNEL_ID, OTHER_ID]),
    });
    // 12345 has no pts in the state: nothing to ask from, so it is not behind.
    expect(engine.channelsBehind().sort()).toEqual([CHANNEL_ID.toString(), OTHER_ID.toString()]);
    const start = engine.start();
    expect(kinds(start)).toEqual(['fetch-difference']);
    const [fetch] = only(start, 'fetch-difference');
    const answered = engine.handleDifference(fetch!.request, {
      _: 'updates.differenceEmpty',
      date: 1_700_000_100,
      seq: 0,
    });
    const channelFetches = only(answered, 'fetch-channel-difference');
    expect(channelFetches.map((action) => [action.channelId, action.request.pts, action.reason])).toEqual([
      [CHANNEL_ID, 4, 'catch-up'],
      [OTHER_ID, 9, 'catch-up'],
    ]);
    const first = channelFetches[0]!;
    const delivered = engine.handleChannelDifference(CHANNEL_ID, first.request, {
      _: 'updates.channelDifference',
      final: true,
      pts: 6,
      new_messages: [channelMessage(5), channelMessage(6)],
      other_updates: [],
      chats: [fullChannel(CHANNEL_ID, 5n)],
      users: [],
    });
    expect(deliveredPts(delivered)).toEqual([5, 6]);
    expect(only(delivered, 'persist')[0]!.state.channels[CHANNEL_ID.toString()]).toBe(6);
    // The other one's request is still in flight: still behind.
    expect(engine.channelsBehind()).toEqual([OTHER_ID.toString()]);
    engine.handleChannelDifference(OTHER_ID, channelFetches[1]!.request, {
      _: 'updates.channelDifferenceEmpty',
      final: true,
      pts: 9,
    });
    expect(engine.channelsBehind()).toEqual([]);
  });

  it('waits for a difference slice chain to end before asking the channels', () => {
    const engine = new UpdatesEngine({
      clock: new ManualClock(T0),
      state: stateWith({ [CHANNEL_ID.toString()]: 4 }),
      behindChannels: [CHANNEL_ID.toString()],
      peers: directory([CHANNEL_ID]),
    });
    const [fetch] = only(engine.start(), 'fetch-difference');
    const slice = engine.handleDifference(fetch!.request, {
      _: 'updates.differenceSlice',
      new_messages: [],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      intermediate_state: updatesState(20),
    });
    expect(only(slice, 'fetch-channel-difference')).toEqual([]);
    const [next] = only(slice, 'fetch-difference');
    const done = engine.handleDifference(next!.request, {
      _: 'updates.differenceEmpty',
      date: 1_700_000_100,
      seq: 0,
    });
    expect(only(done, 'fetch-channel-difference').map((action) => action.channelId)).toEqual([CHANNEL_ID]);
  });

  it('counts a channel with updates held past a gap, or whose difference failed, as behind; dropping it forgets its pts', () => {
    const clock = new ManualClock(T0);
    const engine = new UpdatesEngine({
      clock,
      state: stateWith({ [CHANNEL_ID.toString()]: 4 }),
      peers: directory([CHANNEL_ID]),
    });
    const [fetch] = only(engine.start(), 'fetch-difference');
    engine.handleDifference(fetch!.request, { _: 'updates.differenceEmpty', date: 1_700_000_100, seq: 0 });
    expect(engine.channelsBehind()).toEqual([]);
    engine.handleUpdates(container([newChannelMessage(7)], 0, { chats: [fullChannel(CHANNEL_ID, 5n)] }));
    expect(engine.channelsBehind()).toEqual([CHANNEL_ID.toString()]);
    clock.advance(1_000);
    const [gapFetch] = only(engine.tick(), 'fetch-channel-difference');
    expect(gapFetch!.reason).toBe('gap');
    const failed = engine.handleFetchFailed({ kind: 'channel-difference', channelId: CHANNEL_ID }, 30_000);
    expect(only(failed, 'wake-at')[0]!.time).toBe(clock.now() + 30_000);
    expect(engine.channelsBehind()).toEqual([CHANNEL_ID.toString()]);
    const dropped = engine.dropChannel(CHANNEL_ID);
    expect(only(dropped, 'persist')[0]!.state.channels).toEqual({});
    expect(engine.channelsBehind()).toEqual([]);
    clock.advance(60_000);
    expect(only(engine.tick(), 'fetch-channel-difference')).toEqual([]);
  });
});

describe('the unfinished channels of the commit boundary', () => {
  it('names a channel while an update of it is unfinished, and not once it finished', () => {
    const boundary = new CommitBoundary(stateWith({ [CHANNEL_ID.toString()]: 4 }));
    const pending = boundary.delivered(`channel:${CHANNEL_ID}`, newChannelMessage(5));
    const common = boundary.delivered('pts', newChannelMessage(11, OTHER_ID));
    boundary.reached(stateWith({ [CHANNEL_ID.toString()]: 5 }));
    expect(boundary.unfinishedChannels()).toEqual([CHANNEL_ID.toString()]);
    boundary.finish(pending);
    expect(boundary.unfinishedChannels()).toEqual([]);
    boundary.finish(common);
    expect(boundary.unfinishedChannels()).toEqual([]);
  });
});

describe('the stored updates state', () => {
  it('stores the behind channels as version 2 and loads them back', async () => {
    const storage = new MemoryStorage();
    const state = { ...stateWith({ '777': 4, '888': 9 }), behindChannels: ['777'] };
    await storage.set(SessionStorageKeys.updatesState, state);
    expect(SessionStorageKeys.updatesState.encode(state)).toMatchObject({
      version: 2,
      behindChannels: ['777'],
    });
    expect(await storage.get(SessionStorageKeys.updatesState)).toEqual(state);
  });

  it('leaves the list out when no channel is behind', () => {
    const encoded = SessionStorageKeys.updatesState.encode({ ...stateWith({}), behindChannels: [] });
    expect(encoded).toEqual({ version: 2, ...stateWith({}) });
  });

  it('loads a state stored before the marker (version 1, no version field) without behind channels', () => {
    const old = { pts: 10, qts: 2, seq: 3, date: 1_700_000_000, channels: { '777': 4 } };
    expect(SessionStorageKeys.updatesState.decode(old)).toEqual(old);
  });

  it('rejects an unknown version and a behind channel without a pts as corrupt', () => {
    const decode = (json: Parameters<typeof SessionStorageKeys.updatesState.decode>[0]) => () =>
      SessionStorageKeys.updatesState.decode(json);
    const base = { pts: 10, qts: 0, seq: 0, date: 1, channels: { '777': 4 } };
    expect(decode({ ...base, version: 3 })).toThrow(StorageError);
    expect(decode({ ...base, version: 3 })).toThrow(/version 3 is not supported/);
    expect(decode({ ...base, version: 2, behindChannels: ['888'] })).toThrow(/behind channel has no pts/);
    expect(decode({ ...base, version: 2, behindChannels: [777] })).toThrow(StorageError);
  });
});
