import type { BenchDefinition } from '../harness/bench-definition';
import { UpdatesFloodDriver } from './updates-flood-driver';
import type { UpdatesPath } from './updates-protocol';

/** Messages in the measured flood (issue 5 suggests 20,000) and in the warm-up flood, by `--quick`. */
const floodSizes = (quick: boolean) =>
  quick ? { warmup: 100, measured: 1_000 } : { warmup: 1_000, measured: 20_000 };

/**
 * Updates per second delivered from the local DC to a handler that does nothing but count, over one
 * connection: the DC (a child process) has its users send a flood of private messages to the bot as
 * fast as it can; the bot is core's MtprotoClient + UpdatesDriver in a worker thread. One operation is
 * one update handled; the rate is the flood over the time from asking for it to its last update. The
 * bench fails if any message is missing, delivered twice or out of order in its chat.
 */
function updatesBench(name: string, path: UpdatesPath): BenchDefinition {
  let quick = false;
  return {
    name,
    unit: 'ops/s',
    fixedOperations: (isQuick) => {
      quick = isQuick;
      return floodSizes(isQuick).measured;
    },
    implementations: () => {
      const driver = new UpdatesFloodDriver(path, () => floodSizes(quick));
      return [{ impl: 'mtbot', role: 'ours', operation: (index) => driver.run(index) }];
    },
  };
}

/** `updates-live`: the bot is running and gets each message pushed (updateShortMessage). */
export const updatesLiveBench = updatesBench('updates-live', 'live');

/**
 * `updates-catch-up`: the flood was sent while the bot was down; timed from the bot's start (connect,
 * then updates.getDifference slice after slice) to the last update handled.
 */
export const updatesCatchUpBench = updatesBench('updates-catch-up', 'catch-up');
