// The acknowledgement-based commit boundary, fed by a real updates engine: deliveries finished out of
// order across pts, qts and channels, held gaps, difference slices, a channel's first update.
import {
  CommitBoundary,
  ManualClock,
  PeerCache,
  UpdatesEngine,
  type Api,
  type PendingDelivery,
  type UpdatesAction,
  type UpdatesState,
} from '../../src/index';
import {
  CHANNEL_ID,
  channelMessage,
  container,
  fullChannel,
  newChannelMessage,
  newMessage,
  only,
  short,
  updatesState,
  userMessage,
  USER_ID,
} from './update-fixtures';

const T0 = 1_700_000_000_000;
const CHANNEL = CHANNEL_ID.toString();

function stored(overrides: Partial<UpdatesState> = {}): UpdatesState {
  return { pts: 10, qts: 5, seq: 3, date: 1_700_000_000, channels: { [CHANNEL]: 20 }, ...overrides };
}

function botStopped(qts: number): Api.UpdateBotStopped {
  return { _: 'updateBotStopped', user_id: USER_ID, date: 0, stopped: true, qts };
}

/**
 * An engine whose actions go through a boundary as the driver carries them out. It has caught up
 * (an empty difference) unless `catchUp` is false: then `started` holds the catch-up request.
 */
function harness(state: UpdatesState = stored(), catchUp = true) {
  const clock = new ManualClock(T0);
  const peers = new PeerCache();
  peers.addChats([fullChannel(CHANNEL_ID, 999n)]);
  const engine = new UpdatesEngine({ clock, state, peers });
  const boundary = new CommitBoundary(state);
  /** Unfinished deliveries by a name: the message id, or `q<qts>` for qts updates. */
  const open = new Map<string, PendingDelivery>();
  const run = (actions: UpdatesAction[]): UpdatesAction[] => {
    for (const action of actions) {
      if (action.kind === 'deliver')
        open.set(nameOf(action.update), boundary.delivered(action.sequence, action.update));
      if (action.kind === 'persist') boundary.reached(action.state);
    }
    return actions;
  };
  const finish = (...names: string[]): UpdatesState => {
    for (const name of names) {
      const pending = open.get(name);
      if (!pending) throw new Error(`nothing delivered as ${name}`);
      boundary.finish(pending);
    }
    return boundary.committed()!;
  };
  const [started] = only(run(engine.start()), 'fetch-difference');
  if (catchUp) {
    run(
      engine.handleDifference(started!.request, {
        _: 'updates.differenceEmpty',
        date: state.date,
        seq: state.seq,
      }),
    );
  }
  return { clock, engine, boundary, run, finish, open, started: started! };
}

function nameOf(update: Api.TypeUpdate): string {
  if (update._ === 'updateBotStopped') return `q${update.qts}`;
  if (update._ === 'updateNewMessage' || update._ === 'updateNewChannelMessage')
    return String(update.message.id);
  return update._;
}

describe('CommitBoundary', () => {
  it('holds each sequence at its oldest unfinished update when they finish out of order', () => {
    const { engine, run, finish, boundary } = harness();
    run(
      engine.handleUpdates(
        container([newMessage(11), botStopped(6), newChannelMessage(21), newMessage(12)], 4, {
          date: 1_700_000_050,
        }),
      ),
    );
    expect(boundary.pending).toBe(4);
    // Nothing finished: the sequences (and the date) stay where they were; seq had nothing to deliver.
    expect(boundary.committed()).toEqual(stored({ seq: 4 }));
    // pts 12 before pts 11: the common pts stays before 11.
    expect(finish('12')).toMatchObject({ pts: 10, qts: 5, channels: { [CHANNEL]: 20 } });
    expect(finish('21')).toMatchObject({ pts: 10, qts: 5, channels: { [CHANNEL]: 21 } });
    expect(finish('q6')).toMatchObject({ pts: 10, qts: 6, channels: { [CHANNEL]: 21 } });
    expect(finish('11')).toEqual({
      pts: 12,
      qts: 6,
      seq: 4,
      date: 1_700_000_050,
      channels: { [CHANNEL]: 21 },
    });
    expect(boundary.pending).toBe(0);
  });

  it('keeps the other sequences moving while one has an unfinished update', () => {
    const { engine, run, finish, boundary } = harness();
    run(engine.handleUpdates(short(newChannelMessage(21))));
    for (let pts = 11; pts <= 15; pts++) {
      run(engine.handleUpdates(short(newMessage(pts))));
      finish(String(pts));
    }
    run(engine.handleUpdates(short(botStopped(6))));
    finish('q6');
    expect(boundary.committed()).toMatchObject({ pts: 15, qts: 6, channels: { [CHANNEL]: 20 } });
    expect(finish('21')).toMatchObject({ channels: { [CHANNEL]: 21 } });
  });

  it('a gap held and filled delivers in order; the boundary follows the oldest unfinished', () => {
    const { engine, run, finish, boundary } = harness();
    // 13 and 12 arrive before 11: held, then delivered 11, 12, 13 when 11 comes.
    expect(only(run(engine.handleUpdates(short(newMessage(13)))), 'deliver')).toHaveLength(0);
    expect(only(run(engine.handleUpdates(short(newMessage(12)))), 'deliver')).toHaveLength(0);
    expect(only(run(engine.handleUpdates(short(newMessage(11)))), 'deliver')).toHaveLength(3);
    expect(finish('13', '12').pts).toBe(10);
    expect(finish('11').pts).toBe(13);
    expect(boundary.pending).toBe(0);
  });

  /** A catch-up in two slices: 11, 12 and qts 6 up to pts 12, then 13 and 14 up to pts 14. */
  function slicedCatchUp() {
    const setup = harness(stored(), false);
    const { engine, run, started } = setup;
    const [second] = only(
      run(
        engine.handleDifference(started.request, {
          _: 'updates.differenceSlice',
          new_messages: [userMessage(11), userMessage(12)],
          new_encrypted_messages: [],
          other_updates: [botStopped(6)],
          chats: [],
          users: [],
          intermediate_state: updatesState(12, { qts: 6, seq: 4, date: 1_700_000_100 }),
        }),
      ),
      'fetch-difference',
    );
    return { ...setup, second: second! };
  }

  it('difference slices: nothing counts while an update of the oldest slice is unfinished', () => {
    const { engine, run, finish, second } = slicedCatchUp();
    run(
      engine.handleDifference(second.request, {
        _: 'updates.difference',
        new_messages: [userMessage(13), userMessage(14)],
        new_encrypted_messages: [],
        other_updates: [],
        chats: [],
        users: [],
        state: updatesState(14, { qts: 6, seq: 5, date: 1_700_000_200 }),
      }),
    );
    // Everything of the second slice finished, the first slice not: the stored state stays at the start.
    expect(finish('13', '14')).toMatchObject({ pts: 10, qts: 5, date: 1_700_000_000 });
    expect(finish('11', 'q6')).toMatchObject({ pts: 10, qts: 6 });
    // The first slice done: everything, up to the final state.
    expect(finish('12')).toEqual({
      pts: 14,
      qts: 6,
      seq: 5,
      date: 1_700_000_200,
      channels: { [CHANNEL]: 20 },
    });
  });

  it('a finished first slice counts up to its intermediate state while the second is unfinished', () => {
    const { engine, run, finish, boundary, second } = slicedCatchUp();
    expect(finish('12', 'q6').pts).toBe(10);
    expect(finish('11')).toMatchObject({ pts: 12, qts: 6, date: 1_700_000_100 });
    run(
      engine.handleDifference(second.request, {
        _: 'updates.difference',
        new_messages: [userMessage(13)],
        new_encrypted_messages: [],
        other_updates: [],
        chats: [],
        users: [],
        state: updatesState(13, { qts: 6, seq: 5, date: 1_700_000_200 }),
      }),
    );
    expect(boundary.committed()!.pts).toBe(12);
    expect(finish('13').pts).toBe(13);
  });

  it('channel differences are held per channel', () => {
    const { clock, engine, run, finish } = harness();
    run(engine.handleUpdates(short(newChannelMessage(24))));
    clock.advance(500);
    const [fetch] = only(run(engine.tick()), 'fetch-channel-difference');
    run(
      engine.handleChannelDifference(CHANNEL_ID, fetch!.request, {
        _: 'updates.channelDifference',
        final: true,
        pts: 23,
        new_messages: [channelMessage(21), channelMessage(22), channelMessage(23)],
        other_updates: [],
        chats: [],
        users: [],
      }),
    );
    expect(finish('22', '23', '24').channels[CHANNEL]).toBe(20);
    expect(finish('21').channels[CHANNEL]).toBe(24);
  });

  it("a channel's first update is held before its own pts", () => {
    const { engine, run, finish, boundary } = harness(stored({ channels: {} }));
    run(engine.handleUpdates(short({ ...newChannelMessage(300, 5n), pts_count: 2 })));
    expect(boundary.committed()!.channels['5']).toBe(298);
    expect(finish('300').channels['5']).toBe(300);
  });

  it('updates outside pts and qts hold seq and date', () => {
    const { engine, run, open, boundary } = harness();
    const typing: Api.UpdateUserTyping = {
      _: 'updateUserTyping',
      user_id: USER_ID,
      action: { _: 'sendMessageTypingAction' },
    };
    run(engine.handleUpdates(container([typing], 4, { date: 1_700_000_050 })));
    expect(boundary.committed()).toMatchObject({ seq: 3, date: 1_700_000_000 });
    boundary.finish(open.get('updateUserTyping')!);
    expect(boundary.committed()).toMatchObject({ seq: 4, date: 1_700_000_050 });
  });

  it('finishing twice counts once; without a state there is nothing to store', () => {
    const boundary = new CommitBoundary();
    const pending = boundary.delivered('pts', newMessage(11));
    expect(boundary.committed()).toBeUndefined();
    expect(boundary.finish(pending)).toBe(true);
    expect(boundary.finish(pending)).toBe(false);
    expect(boundary.pending).toBe(0);
  });
});
