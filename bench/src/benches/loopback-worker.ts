// The client half of the loopback benches, run in a worker thread: an MtprotoClient talking to the
// MtprotoServer of loopback-server.ts, which runs in a child process, driven by the main thread through
// a shared counter (see loopback-driver.ts). The harness times operations synchronously; this thread
// does the network work while the main thread waits on the counter.
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import {
  MemoryStorage,
  MtprotoClient,
  parseRsaPublicKeyPem,
  type ClientTransport,
} from '../../../packages/core/src/index';
import { startReadyChild } from '../harness/ready-child-process';
import { operationCounters, serveOperations } from '../harness/worker-counters';
import type { LoopbackMode } from './loopback-protocol';
import type { LoopbackServerReady } from './loopback-server';

const { mode, shared, window } = workerData as {
  mode: LoopbackMode;
  shared: SharedArrayBuffer;
  window: number;
};
const worker = operationCounters(shared, 'loopback worker');
const transport: ClientTransport = { kind: 'tcp', framing: 'intermediate' };

async function main(): Promise<void> {
  const { ready: server } = await startReadyChild<LoopbackServerReady>(
    join(__dirname, 'loopback-server.ts'),
    'the loopback server process',
  );
  const publicKey = parseRsaPublicKeyPem(server.publicKeyPem);
  const newClient = (): MtprotoClient =>
    new MtprotoClient({
      host: server.host,
      port: server.port,
      dcId: 2,
      transports: [transport],
      publicKeys: [publicKey],
      storage: new MemoryStorage(),
    });
  const client = mode === 'key-exchange' ? undefined : newClient();
  await client?.connect();
  const call = async (): Promise<void> => {
    const answer = await client!.invoke({ _: 'help.getNearestDc' });
    if (answer.nearest_dc !== 2) throw new Error(`wrong answer ${JSON.stringify(answer)}`);
  };
  const operation = async (): Promise<void> => {
    if (mode === 'key-exchange') {
      // One whole key exchange on a fresh connection, with a client that has no key stored.
      const fresh = newClient();
      await fresh.connect();
      await fresh.close();
    } else {
      await call();
    }
  };
  await serveOperations(worker, operation, {
    ahead: mode === 'pipelined' ? window - 1 : 0,
    awaitEach: mode !== 'pipelined',
  });
}

main().catch(worker.fail);
