// The client half of the loopback benches, run in a worker thread: an MtprotoClient talking to the
// MtprotoServer of loopback-server.ts, which runs in a child process, driven by the main thread through
// a shared counter (see loopback-driver.ts). The harness times operations synchronously; this thread
// does the network work while the main thread waits on the counter.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { workerData } from 'node:worker_threads';
import {
  MemoryStorage,
  MtprotoClient,
  parseRsaPublicKeyPem,
  type ClientTransport,
} from '../../../packages/core/src/index';
import { COMPLETED, FAILED, READY, REQUESTED, STATUS, type LoopbackMode } from './loopback-protocol';
import type { LoopbackServerReady } from './loopback-server';

const { mode, shared, window } = workerData as {
  mode: LoopbackMode;
  shared: SharedArrayBuffer;
  window: number;
};
const counters = new Int32Array(shared);

/** Atomics.waitAsync (Node 16 on) is missing from the ES2022 lib the workspace compiles against. */
const atomicsWithWaitAsync = Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number): { value: Promise<string> | string };
};
const transport: ClientTransport = { kind: 'tcp', framing: 'intermediate' };

/** Starts loopback-server.ts in a child process (through run-ts) and waits for its ready line. */
async function startServerProcess(): Promise<LoopbackServerReady> {
  const root = join(__dirname, '..', '..', '..');
  const child = spawn(
    process.execPath,
    [join(root, 'tools', 'run-ts.js'), join(__dirname, 'loopback-server.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  // The child exits when its stdin closes, which happens when this process ends.
  child.unref();
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    lines.close();
    return JSON.parse(line) as LoopbackServerReady;
  }
  throw new Error(`the loopback server process exited with code ${child.exitCode} before it was ready`);
}

async function main(): Promise<void> {
  const server = await startServerProcess();
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
  let started = 0;
  const complete = (): void => {
    Atomics.add(counters, COMPLETED, 1);
    Atomics.notify(counters, COMPLETED);
  };
  Atomics.store(counters, STATUS, READY);
  Atomics.notify(counters, STATUS);
  for (;;) {
    const requested = Atomics.load(counters, REQUESTED);
    if (started >= requested + (mode === 'pipelined' ? window - 1 : 0)) {
      await atomicsWithWaitAsync.waitAsync(counters, REQUESTED, requested).value;
      continue;
    }
    started += 1;
    if (mode === 'key-exchange') {
      // One whole key exchange on a fresh connection, with a client that has no key stored.
      const fresh = newClient();
      await fresh.connect();
      await fresh.close();
      complete();
    } else if (mode === 'sequential') {
      await call();
      complete();
    } else {
      call().then(complete, fail);
    }
  }
}

function fail(error: unknown): void {
  console.error('[bench] loopback worker failed:', error);
  Atomics.store(counters, STATUS, FAILED);
  Atomics.notify(counters, STATUS);
  Atomics.notify(counters, COMPLETED);
}

main().catch(fail);
