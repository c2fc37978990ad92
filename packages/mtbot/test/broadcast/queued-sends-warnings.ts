/**
 * Run as a child process by queued-sends-warnings.test.ts (`node tools/run-ts.js <this file>`): jest
 * gives tests a copy of `process` that never sees Node's own warnings, so this runs outside it. It
 * queues 100 sends on one AbortSignal twice, through a Broadcast and (the control) straight into the
 * scheduler, aborts both, and prints one JSON line with the warnings each raised and the outcome.
 */
import { Broadcast } from '../../src/broadcast/broadcast';
import { ManualTimers } from '../../src/concurrency/manual-timers';
import type { ChatId } from '../../src/rate-limit/chat-kind';
import { SendScheduler } from '../../src/rate-limit/send-scheduler';
import { MemoryKeyValueStore } from '../../src/stores/memory-key-value-store';

const SENDS = 100;

const warnings: string[] = [];
process.on('warning', (warning) => warnings.push(warning.name));
/** Lets the process emit what it queued (warnings arrive on a later tick). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One send a minute overall: all but the first wait in the queue. */
function slowScheduler(timers: ManualTimers): SendScheduler {
  return new SendScheduler({
    clock: timers.clock,
    timers,
    limits: { global: [{ limit: 1, windowMs: 60_000 }] },
  });
}

async function broadcastRun() {
  const timers = new ManualTimers();
  const scheduler = slowScheduler(timers);
  const controller = new AbortController();
  const sent: ChatId[] = [];
  const broadcast = new Broadcast({
    id: 'many',
    chatIds: Array.from({ length: SENDS }, (_, index) => index + 1),
    scheduler,
    store: new MemoryKeyValueStore(),
    signal: controller.signal,
    send: async (chatId) => void sent.push(chatId),
  });
  const running = broadcast.run();
  for (let turn = 0; turn < 1_000 && scheduler.stats.queued < SENDS - 1; turn++) await nextTurn();
  const queued = scheduler.stats.queued;
  await nextTurn();
  controller.abort();
  const report = await running;
  await timers.advance(10 * 60_000);
  await nextTurn();
  return {
    queued,
    sent: sent.length,
    failed: report.failed,
    aborted: report.aborted,
    left: scheduler.stats.queued,
  };
}

async function controlRun() {
  const timers = new ManualTimers();
  const scheduler = slowScheduler(timers);
  const controller = new AbortController();
  const sends = Array.from({ length: SENDS }, (_, index) =>
    scheduler.schedule(async () => undefined, { chatId: index + 1, signal: controller.signal }),
  );
  await nextTurn();
  controller.abort();
  await Promise.allSettled(sends);
  await nextTurn();
}

async function main(): Promise<void> {
  const outcome = await broadcastRun();
  const broadcastWarnings = warnings.splice(0);
  await controlRun();
  process.stdout.write(`${JSON.stringify({ ...outcome, broadcastWarnings, controlWarnings: warnings })}\n`);
}

void main();
