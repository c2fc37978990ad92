// A seeded stream of updates is pushed shuffled, with duplicates and drops; a fake server answers
// getDifference from its log (in slices). Every update must come out exactly once, in pts order.
import { ManualClock, UpdatesEngine, type Api, type UpdatesAction, type UpdatesState } from '../../src/index';
import {
  container,
  deleteMessages,
  deliveredPts,
  newMessage,
  short,
  updatesState,
  userMessage,
} from './update-fixtures';

/** mulberry32: a small seeded generator, enough for test data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type LoggedUpdate = Api.UpdateNewMessage | Api.UpdateDeleteMessages;

function generateLog(count: number, random: () => number, startPts: number): LoggedUpdate[] {
  const log: LoggedUpdate[] = [];
  let pts = startPts;
  for (let i = 0; i < count; i++) {
    if (random() < 0.2) {
      const n = 1 + Math.floor(random() * 3);
      pts += n;
      log.push(deleteMessages(pts, n));
    } else {
      pts += 1;
      log.push(newMessage(pts));
    }
  }
  return log;
}

/** The server: knows the first `happened` events of the log and answers getDifference in slices of one kind. */
class FakeServer {
  happened = 0;
  differences = 0;
  constructor(
    private readonly log: LoggedUpdate[],
    private readonly startPts: number,
    private readonly sliceSize: number,
  ) {}

  getDifference(request: Api.UpdatesGetDifferenceRequest): Api.TypeUpdatesDifference {
    this.differences++;
    const known = this.log.slice(0, this.happened);
    const pending = known.filter((update) => update.pts > request.pts);
    if (pending.length === 0) return { _: 'updates.differenceEmpty', date: 1_700_000_000, seq: 0 };
    const slice: LoggedUpdate[] = [];
    for (const update of pending) {
      if (slice.length === this.sliceSize || (slice.length > 0 && slice[0]!._ !== update._)) break;
      slice.push(update);
    }
    const state = updatesState(slice[slice.length - 1]!.pts);
    const body = {
      new_messages: slice.flatMap((update) =>
        update._ === 'updateNewMessage' ? [userMessage(update.pts)] : [],
      ),
      new_encrypted_messages: [],
      other_updates: slice.filter((update) => update._ === 'updateDeleteMessages'),
      chats: [],
      users: [],
    };
    return slice.length < pending.length
      ? { _: 'updates.differenceSlice', ...body, intermediate_state: state }
      : { _: 'updates.difference', ...body, state };
  }

  get lastPts(): number {
    return this.happened === 0 ? this.startPts : this.log[this.happened - 1]!.pts;
  }
}

function runScenario(seed: number, count: number, restartAt?: number) {
  const random = seededRandom(seed);
  const startPts = 1000;
  const log = generateLog(count, random, startPts);
  const server = new FakeServer(log, startPts, 1 + Math.floor(random() * 15));
  const clock = new ManualClock(1_700_000_000_000);
  let persisted: UpdatesState = { pts: startPts, qts: 0, seq: 0, date: 0, channels: {} };
  let engine = new UpdatesEngine({ clock, state: persisted });
  const delivered: UpdatesAction[] = [];
  let wakeAt: number | undefined;

  // Carries out actions like a client would; fetches are answered at once by the fake server.
  const run = (actions: UpdatesAction[]): void => {
    const queue = [...actions];
    while (queue.length > 0) {
      const action = queue.shift()!;
      switch (action.kind) {
        case 'deliver':
          delivered.push(action);
          break;
        case 'fetch-difference':
          queue.push(...engine.handleDifference(action.request, server.getDifference(action.request)));
          break;
        case 'wake-at':
          wakeAt = action.time;
          break;
        case 'persist':
          persisted = action.state;
          break;
        default:
          throw new Error(`unexpected action ${action.kind}`);
      }
    }
  };
  const advance = (milliseconds: number): void => {
    clock.advance(milliseconds);
    if (wakeAt !== undefined && clock.now() >= wakeAt) run(engine.tick());
  };

  run(engine.start());
  // Pushes: each event happens on the server, then its push is dropped, repeated or delayed a little.
  const inFlight: { at: number; update: LoggedUpdate }[] = [];
  for (const [index, update] of log.entries()) {
    if (index === restartAt) {
      // The process stops (pushes in flight are lost with the connection) and starts from storage.
      inFlight.length = 0;
      engine = new UpdatesEngine({ clock, state: persisted });
      wakeAt = undefined;
      run(engine.start());
    }
    server.happened++;
    const roll = random();
    const copies = roll < 0.1 ? 0 : roll < 0.2 ? 2 : 1;
    for (let c = 0; c < copies; c++) inFlight.push({ at: clock.now() + Math.floor(random() * 400), update });
    advance(Math.floor(random() * 60));
    inFlight.sort((a, b) => a.at - b.at);
    while (inFlight.length > 0 && inFlight[0]!.at <= clock.now()) {
      const { update: pushed } = inFlight.shift()!;
      run(engine.handleUpdates(random() < 0.5 ? short(pushed) : container([pushed], 0)));
    }
  }
  for (const { update } of inFlight) run(engine.handleUpdates(short(update)));
  // A dropped tail leaves no gap to see: the liveness check finds it.
  advance(1_000);
  advance(15 * 60_000);
  return { log, delivered, persistedPts: persisted.pts, server, engine };
}

describe('UpdatesEngine: randomized stream', () => {
  it.each([1, 2, 3, 42, 1234, 99999])('seed %i: every update exactly once, in pts order', (seed) => {
    const { log, delivered, persistedPts, server, engine } = runScenario(seed, 400);
    expect(deliveredPts(delivered)).toEqual(log.map((update) => update.pts));
    expect(engine.getState().pts).toBe(server.lastPts);
    expect(persistedPts).toBe(server.lastPts);
    // The stream had drops, so some gaps had to be filled by the server.
    expect(server.differences).toBeGreaterThan(1);
  });

  it.each([7, 8, 9])(
    'seed %i with a restart from the persisted state halfway: still exactly once, in order',
    (seed) => {
      const { log, delivered, persistedPts, server } = runScenario(seed, 300, 150);
      expect(deliveredPts(delivered)).toEqual(log.map((update) => update.pts));
      expect(persistedPts).toBe(server.lastPts);
    },
  );
});
