import { ManualClock, PeerCache, UpdatesEngine, type Api, type UpdatesState } from '../../src/index';
import {
  CHANNEL_ID,
  USER_ID,
  channelMessage,
  container,
  deleteMessages,
  deliveredPts,
  deliveries,
  fullChannel,
  fullUser,
  kinds,
  newChannelMessage,
  newMessage,
  only,
  short,
  updatesState,
  userMessage,
} from './update-fixtures';

const T0 = 1_700_000_000_000;

function savedState(overrides: Partial<UpdatesState> = {}): UpdatesState {
  return { pts: 10, qts: 0, seq: 0, date: 1_700_000_000, channels: {}, ...overrides };
}

/** An engine that already knows its state (pts 10) and has no fetch in flight. */
function runningEngine(options: { state?: UpdatesState; peers?: PeerCache } = {}) {
  const clock = new ManualClock(T0);
  const engine = new UpdatesEngine({ clock, state: options.state ?? savedState(), peers: options.peers });
  const [fetch] = only(engine.start(), 'fetch-difference');
  engine.handleDifference(fetch!.request, {
    _: 'updates.differenceEmpty',
    date: 1_700_000_000,
    seq: options.state?.seq ?? 0,
  });
  return { clock, engine };
}

describe('UpdatesEngine: start-up', () => {
  it('without a state asks updates.getState, then persists the state it got', () => {
    const engine = new UpdatesEngine({ clock: new ManualClock(T0) });
    const start = engine.start();
    expect(kinds(start)).toEqual(['fetch-state']);
    expect(only(start, 'fetch-state')[0]!.request).toEqual({ _: 'updates.getState' });
    const actions = engine.handleState(updatesState(50, { qts: 3, seq: 7 }));
    expect(only(actions, 'persist')[0]!.state).toEqual({
      pts: 50,
      qts: 3,
      seq: 7,
      date: 1_700_000_000,
      channels: {},
    });
    expect(only(actions, 'wake-at')[0]!.time).toBe(T0 + 15 * 60_000);
  });

  it('with a persisted state catches up with getDifference from it and resumes exactly after it', () => {
    const clock = new ManualClock(T0);
    const engine = new UpdatesEngine({
      clock,
      state: savedState({ pts: 10, qts: 2, seq: 4, date: 1_700_000_100 }),
    });
    const [fetch] = only(engine.start(), 'fetch-difference');
    expect(fetch!.reason).toBe('catch-up');
    expect(fetch!.request).toEqual({ _: 'updates.getDifference', pts: 10, date: 1_700_000_100, qts: 2 });
    // A push arriving during the catch-up is held, then dropped because the difference covers it.
    expect(deliveries(engine.handleUpdates(short(newMessage(12))))).toEqual([]);
    const actions = engine.handleDifference(fetch!.request, {
      _: 'updates.difference',
      new_messages: [userMessage(11), userMessage(12)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      state: updatesState(12, { qts: 2, seq: 5 }),
    });
    expect(deliveredPts(actions)).toEqual([11, 12]);
    expect(kinds(actions)).toEqual(['deliver', 'deliver', 'persist', 'wake-at']);
    expect(only(actions, 'persist')[0]!.state.pts).toBe(12);
    expect(deliveredPts(engine.handleUpdates(short(newMessage(13))))).toEqual([13]);
  });

  it('holds pushes that come before the first state and applies those after it', () => {
    const engine = new UpdatesEngine({ clock: new ManualClock(T0) });
    engine.start();
    expect(deliveries(engine.handleUpdates(short(newMessage(51))))).toEqual([]);
    expect(deliveredPts(engine.handleState(updatesState(50)))).toEqual([51]);
  });
});

describe('UpdatesEngine: pts', () => {
  it('applies updates in order and persists after each batch', () => {
    const { engine } = runningEngine();
    const first = engine.handleUpdates(short(newMessage(11)));
    expect(kinds(first)).toEqual(['deliver', 'persist', 'wake-at']);
    expect(deliveredPts(engine.handleUpdates(short(deleteMessages(14, 3))))).toEqual([14]);
    expect(engine.getState().pts).toBe(14);
  });

  it('drops an update already applied (local_pts + pts_count > pts)', () => {
    const { engine } = runningEngine();
    engine.handleUpdates(short(newMessage(11)));
    const again = engine.handleUpdates(short(newMessage(11)));
    expect(deliveries(again)).toEqual([]);
    expect(only(again, 'persist')).toEqual([]);
    expect(deliveries(engine.handleUpdates(short(newMessage(9))))).toEqual([]);
  });

  it('holds an update past a gap and applies both when the missing one arrives within the hold', () => {
    const { clock, engine } = runningEngine();
    const held = engine.handleUpdates(short(newMessage(12)));
    expect(deliveries(held)).toEqual([]);
    expect(only(held, 'wake-at')[0]!.time).toBe(T0 + 500);
    clock.advance(300);
    expect(deliveredPts(engine.handleUpdates(short(newMessage(11))))).toEqual([11, 12]);
    clock.advance(300);
    expect(only(engine.tick(), 'fetch-difference')).toEqual([]);
  });

  it('asks getDifference when the hold ends with the gap still open, then delivers each update once', () => {
    const { clock, engine } = runningEngine();
    engine.handleUpdates(short(newMessage(13)));
    clock.advance(499);
    expect(only(engine.tick(), 'fetch-difference')).toEqual([]);
    clock.advance(1);
    const [fetch] = only(engine.tick(), 'fetch-difference');
    expect(fetch!.reason).toBe('gap');
    expect(fetch!.request.pts).toBe(10);
    // Arrives while the difference is in flight: held, then found covered.
    engine.handleUpdates(short(newMessage(11)));
    const actions = engine.handleDifference(fetch!.request, {
      _: 'updates.difference',
      new_messages: [userMessage(11), userMessage(12), userMessage(13)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      state: updatesState(13),
    });
    expect(deliveredPts(actions)).toEqual([11, 12, 13]);
    expect(deliveredPts(engine.handleUpdates(short(newMessage(13))))).toEqual([]);
    expect(deliveredPts(engine.handleUpdates(short(newMessage(14))))).toEqual([14]);
  });

  it('delivers held updates beyond what the difference covered', () => {
    const { clock, engine } = runningEngine();
    engine.handleUpdates(short(newMessage(12)));
    clock.advance(500);
    const [fetch] = only(engine.tick(), 'fetch-difference');
    engine.handleUpdates(short(newMessage(13)));
    const actions = engine.handleDifference(fetch!.request, {
      _: 'updates.difference',
      new_messages: [userMessage(11)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      state: updatesState(11),
    });
    expect(deliveredPts(actions)).toEqual([11, 12, 13]);
  });

  it('ignores an answer to a request it is not waiting for', () => {
    const { engine } = runningEngine();
    const stale: Api.UpdatesGetDifferenceRequest = { _: 'updates.getDifference', pts: 10, date: 0, qts: 0 };
    const actions = engine.handleDifference(stale, {
      _: 'updates.difference',
      new_messages: [userMessage(11)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      state: updatesState(11),
    });
    expect(deliveries(actions)).toEqual([]);
    expect(engine.getState().pts).toBe(10);
  });
});

describe('UpdatesEngine: qts', () => {
  const stopped = (qts: number): Api.UpdateBotStopped => ({
    _: 'updateBotStopped',
    user_id: USER_ID,
    date: 0,
    stopped: true,
    qts,
  });

  it('applies qts + 1, drops repeats, holds gaps', () => {
    const { engine } = runningEngine({ state: savedState({ qts: 5 }) });
    expect(deliveries(engine.handleUpdates(short(stopped(6))))).toHaveLength(1);
    expect(deliveries(engine.handleUpdates(short(stopped(6))))).toHaveLength(0);
    expect(deliveries(engine.handleUpdates(short(stopped(8))))).toHaveLength(0);
    expect(deliveries(engine.handleUpdates(short(stopped(7))))).toHaveLength(2);
    expect(engine.getState().qts).toBe(8);
  });
});

describe('UpdatesEngine: seq', () => {
  const typing = (): Api.UpdateUserTyping => ({
    _: 'updateUserTyping',
    user_id: USER_ID,
    action: { _: 'sendMessageTypingAction' },
  });

  it('applies seq 0 without a check and local_seq + 1 in order; drops old; updates date', () => {
    const { engine } = runningEngine({ state: savedState({ seq: 3 }) });
    expect(deliveries(engine.handleUpdates(container([typing()], 0)))).toHaveLength(1);
    expect(engine.getState().seq).toBe(3);
    expect(deliveries(engine.handleUpdates(container([typing()], 4, { date: 1_700_000_500 })))).toHaveLength(
      1,
    );
    expect(engine.getState()).toMatchObject({ seq: 4, date: 1_700_000_500 });
    expect(deliveries(engine.handleUpdates(container([typing()], 4)))).toHaveLength(0);
  });

  it('checks updatesCombined by seq_start and holds a gap until it closes', () => {
    const { engine } = runningEngine({ state: savedState({ seq: 3 }) });
    expect(deliveries(engine.handleUpdates(container([typing()], 7, { seqStart: 6 })))).toHaveLength(0);
    const closing = engine.handleUpdates(container([typing(), typing()], 5, { seqStart: 4 }));
    expect(deliveries(closing)).toHaveLength(3);
    expect(engine.getState().seq).toBe(7);
  });

  it('a seq gap that stays open is filled by getDifference', () => {
    const { clock, engine } = runningEngine({ state: savedState({ seq: 3 }) });
    engine.handleUpdates(container([typing()], 5));
    clock.advance(500);
    const [fetch] = only(engine.tick(), 'fetch-difference');
    const actions = engine.handleDifference(fetch!.request, {
      _: 'updates.difference',
      new_messages: [],
      new_encrypted_messages: [],
      other_updates: [typing(), typing()],
      chats: [],
      users: [],
      state: updatesState(10, { seq: 5 }),
    });
    expect(deliveries(actions)).toHaveLength(2);
    expect(engine.getState().seq).toBe(5);
  });

  it('checks the pts updates of a container on their own sequence', () => {
    const { engine } = runningEngine({ state: savedState({ seq: 3 }) });
    // The seq is old (container repeated) but the pts update in it is new: applied by its pts.
    expect(deliveredPts(engine.handleUpdates(container([newMessage(11)], 3)))).toEqual([11]);
  });
});

describe('UpdatesEngine: differences', () => {
  it('updatesTooLong asks getDifference', () => {
    const { engine } = runningEngine();
    expect(only(engine.handleUpdates({ _: 'updatesTooLong' }), 'fetch-difference')[0]!.reason).toBe(
      'too-long',
    );
  });

  it('loops over differenceSlice with the intermediate state until the final difference', () => {
    const { engine } = runningEngine();
    const [first] = only(engine.handleUpdates({ _: 'updatesTooLong' }), 'fetch-difference');
    const slice = engine.handleDifference(first!.request, {
      _: 'updates.differenceSlice',
      new_messages: [userMessage(11), userMessage(12)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      intermediate_state: updatesState(12, { qts: 1 }),
    });
    expect(deliveredPts(slice)).toEqual([11, 12]);
    const [second] = only(slice, 'fetch-difference');
    expect(second!.reason).toBe('slice');
    expect(second!.request).toMatchObject({ pts: 12, qts: 1 });
    expect(only(slice, 'persist')[0]!.state.pts).toBe(12);
    const last = engine.handleDifference(second!.request, {
      _: 'updates.difference',
      new_messages: [userMessage(13)],
      new_encrypted_messages: [],
      other_updates: [deleteMessages(14, 1)],
      chats: [],
      users: [],
      state: updatesState(14, { qts: 1 }),
    });
    expect(deliveredPts(last)).toEqual([13, 14]);
    expect(only(last, 'fetch-difference')).toEqual([]);
  });

  it('differenceEmpty takes date and seq', () => {
    const { engine } = runningEngine();
    const [fetch] = only(engine.handleUpdates({ _: 'updatesTooLong' }), 'fetch-difference');
    engine.handleDifference(fetch!.request, { _: 'updates.differenceEmpty', date: 1_700_009_999, seq: 42 });
    expect(engine.getState()).toMatchObject({ pts: 10, seq: 42, date: 1_700_009_999 });
  });

  it('differenceTooLong signals the gap, resets pts and fetches on from there', () => {
    const { engine } = runningEngine();
    const [fetch] = only(engine.handleUpdates({ _: 'updatesTooLong' }), 'fetch-difference');
    const actions = engine.handleDifference(fetch!.request, { _: 'updates.differenceTooLong', pts: 5000 });
    expect(only(actions, 'gap')).toEqual([{ kind: 'gap', fromPts: 10, toPts: 5000 }]);
    const [next] = only(actions, 'fetch-difference');
    expect(next!.request.pts).toBe(5000);
    const rest = engine.handleDifference(next!.request, {
      _: 'updates.difference',
      new_messages: [userMessage(5001)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      state: updatesState(5001),
    });
    expect(deliveredPts(rest)).toEqual([5001]);
  });

  it('retries a failed getDifference after the retry delay', () => {
    const { clock, engine } = runningEngine();
    engine.handleUpdates({ _: 'updatesTooLong' });
    const failed = engine.handleFetchFailed({ kind: 'difference' });
    expect(only(failed, 'wake-at')[0]!.time).toBe(T0 + 1_000);
    clock.advance(1_000);
    expect(only(engine.tick(), 'fetch-difference')[0]!.reason).toBe('retry');
  });
});

describe('UpdatesEngine: channels', () => {
  function channelEngine(channelPts = 20) {
    const peers = new PeerCache();
    peers.addChats([fullChannel(CHANNEL_ID, 999n)]);
    return {
      peers,
      ...runningEngine({ peers, state: savedState({ channels: { [CHANNEL_ID.toString()]: channelPts } }) }),
    };
  }

  it('applies channel updates by the channel pts, independent of the common pts', () => {
    const { engine } = channelEngine();
    expect(deliveredPts(engine.handleUpdates(container([newChannelMessage(21)], 0)))).toEqual([21]);
    expect(deliveredPts(engine.handleUpdates(container([newChannelMessage(21)], 0)))).toEqual([]);
    expect(engine.getState()).toMatchObject({ pts: 10, channels: { [CHANNEL_ID.toString()]: 21 } });
  });

  it('starts following an unknown channel from its first update', () => {
    const { engine } = runningEngine();
    expect(deliveredPts(engine.handleUpdates(container([newChannelMessage(300, 5n)], 0)))).toEqual([300]);
    expect(engine.getState().channels['5']).toBe(300);
  });

  it('fills a channel gap with getChannelDifference until final', () => {
    const { clock, engine } = channelEngine();
    engine.handleUpdates(container([newChannelMessage(24)], 0));
    clock.advance(500);
    const [fetch] = only(engine.tick(), 'fetch-channel-difference');
    expect(fetch!.channelId).toBe(CHANNEL_ID);
    expect(fetch!.request).toEqual({
      _: 'updates.getChannelDifference',
      channel: { _: 'inputChannel', channel_id: CHANNEL_ID, access_hash: 999n },
      filter: { _: 'channelMessagesFilterEmpty' },
      pts: 20,
      limit: 100,
    });
    const first = engine.handleChannelDifference(CHANNEL_ID, fetch!.request, {
      _: 'updates.channelDifference',
      pts: 22,
      new_messages: [channelMessage(21), channelMessage(22)],
      other_updates: [],
      chats: [],
      users: [],
    });
    expect(deliveredPts(first)).toEqual([21, 22]);
    const [again] = only(first, 'fetch-channel-difference');
    expect(again!.request.pts).toBe(22);
    const last = engine.handleChannelDifference(CHANNEL_ID, again!.request, {
      _: 'updates.channelDifference',
      final: true,
      pts: 23,
      new_messages: [channelMessage(23)],
      other_updates: [],
      chats: [],
      users: [],
    });
    // 24 was held: it follows 23 and is delivered once.
    expect(deliveredPts(last)).toEqual([23, 24]);
    expect(engine.getState().channels[CHANNEL_ID.toString()]).toBe(24);
  });

  it('handles channelDifferenceEmpty and channelDifferenceTooLong', () => {
    const { engine } = channelEngine();
    const tooLong: Api.UpdateChannelTooLong = { _: 'updateChannelTooLong', channel_id: CHANNEL_ID };
    const [fetch] = only(engine.handleUpdates(container([tooLong], 0)), 'fetch-channel-difference');
    expect(fetch!.reason).toBe('too-long');
    const empty = engine.handleChannelDifference(CHANNEL_ID, fetch!.request, {
      _: 'updates.channelDifferenceEmpty',
      final: true,
      pts: 20,
    });
    expect(deliveries(empty)).toEqual([]);
    const [second] = only(engine.handleUpdates(container([tooLong], 0)), 'fetch-channel-difference');
    const dialog: Api.Dialog = {
      _: 'dialog',
      peer: { _: 'peerChannel', channel_id: CHANNEL_ID },
      top_message: 900,
      read_inbox_max_id: 0,
      read_outbox_max_id: 0,
      unread_count: 0,
      unread_mentions_count: 0,
      unread_reactions_count: 0,
      unread_poll_votes_count: 0,
      notify_settings: { _: 'peerNotifySettings' },
      pts: 900,
    };
    const actions = engine.handleChannelDifference(CHANNEL_ID, second!.request, {
      _: 'updates.channelDifferenceTooLong',
      final: true,
      dialog,
      messages: [channelMessage(900)],
      chats: [],
      users: [],
    });
    expect(deliveries(actions)).toEqual([]);
    expect(only(actions, 'gap')[0]).toMatchObject({ channelId: CHANNEL_ID, fromPts: 20, toPts: 900 });
    expect(deliveredPts(engine.handleUpdates(container([newChannelMessage(901)], 0)))).toEqual([901]);
  });

  it('asks for the channel when its access hash is unknown, and fetches once it is known', () => {
    const peers = new PeerCache();
    const { clock, engine } = runningEngine({ peers, state: savedState({ channels: { '55': 1 } }) });
    engine.handleUpdates(container([newChannelMessage(3, 55n)], 0));
    clock.advance(500);
    const tick = engine.tick();
    expect(only(tick, 'needs-peers')).toEqual([
      { kind: 'needs-peers', peers: [{ kind: 'channel', id: 55n }], reason: 'channel-difference' },
    ]);
    peers.addChats([fullChannel(55n, 1234n)]);
    const [fetch] = only(engine.peersChanged(), 'fetch-channel-difference');
    expect(fetch!.request.channel).toEqual({ _: 'inputChannel', channel_id: 55n, access_hash: 1234n });
  });

  it('routes channel updates of a getDifference through the channel sequence', () => {
    const { engine } = channelEngine();
    engine.handleUpdates(container([newChannelMessage(21)], 0));
    const [fetch] = only(engine.handleUpdates({ _: 'updatesTooLong' }), 'fetch-difference');
    const actions = engine.handleDifference(fetch!.request, {
      _: 'updates.difference',
      new_messages: [],
      new_encrypted_messages: [],
      other_updates: [newChannelMessage(21), newChannelMessage(22)],
      chats: [],
      users: [],
      state: updatesState(10),
    });
    expect(deliveredPts(actions)).toEqual([22]);
  });
});

describe('UpdatesEngine: short updates', () => {
  it('expands updateShortMessage and updateShortChatMessage to updateNewMessage', () => {
    const peers = new PeerCache();
    peers.addUsers([fullUser(USER_ID, 1n), fullUser(200n, 2n)]);
    peers.addChats([
      {
        _: 'chat',
        id: 300n,
        title: 'group',
        photo: { _: 'chatPhotoEmpty' },
        participants_count: 2,
        date: 0,
        version: 1,
      },
    ]);
    const clock = new ManualClock(T0);
    const engine = new UpdatesEngine({ clock, state: savedState(), peers, selfUserId: 1n });
    engine.handleDifference(only(engine.start(), 'fetch-difference')[0]!.request, {
      _: 'updates.differenceEmpty',
      date: 0,
      seq: 0,
    });
    const direct = deliveries(
      engine.handleUpdates({
        _: 'updateShortMessage',
        out: true,
        id: 5,
        user_id: USER_ID,
        message: 'hello',
        pts: 11,
        pts_count: 1,
        date: 1_700_000_001,
      }),
    );
    expect(direct[0]!.update).toEqual({
      _: 'updateNewMessage',
      message: {
        _: 'message',
        out: true,
        id: 5,
        from_id: { _: 'peerUser', user_id: 1n },
        peer_id: { _: 'peerUser', user_id: USER_ID },
        date: 1_700_000_001,
        message: 'hello',
      },
      pts: 11,
      pts_count: 1,
    });
    const group = deliveries(
      engine.handleUpdates({
        _: 'updateShortChatMessage',
        id: 6,
        from_id: 200n,
        chat_id: 300n,
        message: 'hi all',
        pts: 12,
        pts_count: 1,
        date: 1_700_000_002,
      }),
    );
    expect(group[0]!.update).toMatchObject({
      _: 'updateNewMessage',
      message: {
        from_id: { _: 'peerUser', user_id: 200n },
        peer_id: { _: 'peerChat', chat_id: 300n },
        message: 'hi all',
      },
    });
    const sent = deliveries(
      engine.handleUpdates(
        { _: 'updateShortSentMessage', out: true, id: 7, pts: 13, pts_count: 1, date: 1_700_000_003 },
        { peer: { _: 'peerUser', user_id: USER_ID }, message: 'sent' },
      ),
    );
    expect(sent[0]!.update).toMatchObject({
      _: 'updateNewMessage',
      message: { id: 7, out: true, message: 'sent' },
      pts: 13,
    });
    // Without its origin the short sent message still moves pts, with nothing to deliver.
    expect(
      deliveries(
        engine.handleUpdates({ _: 'updateShortSentMessage', id: 8, pts: 14, pts_count: 1, date: 0 }),
      ),
    ).toEqual([]);
    expect(engine.getState().pts).toBe(14);
  });

  it('fetches the difference for a short message whose sender is unknown', () => {
    const peers = new PeerCache();
    const { engine } = runningEngine({ peers });
    const actions = engine.handleUpdates({
      _: 'updateShortMessage',
      id: 5,
      user_id: 4242n,
      message: 'who am I',
      pts: 11,
      pts_count: 1,
      date: 0,
    });
    expect(deliveries(actions)).toEqual([]);
    expect(only(actions, 'fetch-difference')[0]!.reason).toBe('incomplete');
    expect(engine.getState().pts).toBe(10);
  });

  it('unwraps updateShort', () => {
    const { engine } = runningEngine();
    const [delivered] = deliveries(engine.handleUpdates(short(newMessage(11), 1_700_000_123)));
    expect(delivered!.context).toEqual({ source: 'push', users: [], chats: [], date: 1_700_000_123 });
  });

  it('reports min users it cannot address', () => {
    const peers = new PeerCache();
    const { engine } = runningEngine({ peers });
    const minUser: Api.User = { _: 'user', min: true, id: 31n, access_hash: 5n };
    const actions = engine.handleUpdates(container([newMessage(11)], 0, { users: [minUser] }));
    expect(only(actions, 'needs-peers')).toEqual([
      { kind: 'needs-peers', peers: [{ kind: 'user', id: 31n }], reason: 'min' },
    ]);
    expect(deliveredPts(actions)).toEqual([11]);
  });
});

describe('UpdatesEngine: liveness', () => {
  it('asks getDifference after 15 minutes without updates', () => {
    const { clock, engine } = runningEngine();
    clock.advance(10 * 60_000);
    const [wake] = only(engine.handleUpdates(short(newMessage(11))), 'wake-at');
    expect(wake!.time).toBe(T0 + 25 * 60_000);
    clock.advance(15 * 60_000 - 1);
    expect(only(engine.tick(), 'fetch-difference')).toEqual([]);
    clock.advance(1);
    const [fetch] = only(engine.tick(), 'fetch-difference');
    expect(fetch!.reason).toBe('liveness');
    expect(fetch!.request.pts).toBe(11);
  });

  it('resync() after a new session asks getDifference', () => {
    const { engine } = runningEngine();
    expect(only(engine.resync(), 'fetch-difference')[0]!.reason).toBe('resync');
  });
});
