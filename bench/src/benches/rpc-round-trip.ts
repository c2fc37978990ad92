import type { BenchDefinition } from '../harness/bench-definition';
import { LoopbackDriver } from './loopback-driver';

/** Calls kept in flight by the pipelined bench. */
const PIPELINE_WINDOW = 100;

/**
 * `rpc-round-trip-sequential`: help.getNearestDc calls per second over TCP loopback (intermediate
 * framing, encrypted session), one at a time: each call waits for the previous answer.
 */
export const rpcSequentialBench: BenchDefinition = {
  name: 'rpc-round-trip-sequential',
  unit: 'ops/s',
  implementations: () => {
    const driver = new LoopbackDriver('sequential');
    return [{ impl: 'mtbot', role: 'ours', operation: () => driver.run() }];
  },
};

/**
 * `rpc-round-trip-pipelined`: help.getNearestDc calls answered per second with 100 in flight (they
 * travel in containers), same setup. One operation is one more call answered.
 */
export const rpcPipelinedBench: BenchDefinition = {
  name: 'rpc-round-trip-pipelined',
  unit: 'ops/s',
  implementations: () => {
    const driver = new LoopbackDriver('pipelined', PIPELINE_WINDOW);
    return [{ impl: 'mtbot', role: 'ours', operation: () => driver.run() }];
  },
};
