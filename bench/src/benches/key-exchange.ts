import type { BenchDefinition } from '../harness/bench-definition';
import { LoopbackDriver } from './loopback-driver';

/**
 * `key-exchange`: microseconds for one whole auth key exchange (core.telegram.org/mtproto/auth_key)
 * over TCP loopback: connect, req_pq_multi, req_DH_params (RSA_PAD), set_client_DH_params, close;
 * MtprotoClient in a worker thread against MtprotoServer in a child process. A fixed set of 20 exchanges (5 with
 * `--quick`), each timed alone; the median exchange is reported. No anchor runs a server, so no ratio.
 */
export const keyExchangeBench: BenchDefinition = {
  name: 'key-exchange',
  unit: 'us/op',
  fixedOperations: (quick) => (quick ? 5 : 20),
  medianOfOperations: true,
  implementations: () => {
    const driver = new LoopbackDriver('key-exchange');
    return [{ impl: 'mtbot', role: 'ours', operation: () => driver.run() }];
  },
};
