// The bot of the updates benches, in a worker thread: core's MtprotoClient + UpdatesDriver logged in as
// the local DC's bot (the DC runs in a child process, updates-dc-process.ts) with a handler that only
// checks and counts. The harness thread asks for phases through shared counters (updates-flood-driver.ts);
// each phase is one flood of messages, and the worker fails the bench if any message is delivered
// twice, out of order within its chat, or not at all.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import {
  MemoryStorage,
  MtprotoClient,
  parseRsaPublicKeyPem,
  UpdatesDriver,
  type Api,
} from 'telegram-mtproto-core';
import { startReadyChild } from '../harness/ready-child-process';
import { WorkerCounters } from '../harness/worker-counters';
import {
  ACTIVE_PHASE,
  DELIVERED,
  DONE_PHASE,
  MEASURED_COUNT,
  MEASURED_PHASE,
  REQUESTED_PHASE,
  STATUS,
  WARMUP_COUNT,
  WARMUP_PHASE,
  type UpdatesDcReady,
  type UpdatesDcSent,
  type UpdatesWorkerData,
} from './updates-protocol';

const { path, shared } = workerData as UpdatesWorkerData;
const worker = new WorkerCounters(shared, STATUS, 'updates worker');
const { counters } = worker;
/** Deliveries between two wake-ups of the harness thread. */
const NOTIFY_EVERY = 64;

/** The DC's process and its answer lines. */
class DcProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: AsyncIterator<string>,
    readonly ready: UpdatesDcReady,
  ) {}

  static async start(): Promise<DcProcess> {
    const { child, ready, lines } = await startReadyChild<UpdatesDcReady>(
      join(__dirname, 'updates-dc-process.ts'),
      'the updates DC process',
    );
    return new DcProcess(child, lines, ready);
  }

  /** Has the DC's users send `count` messages tagged `tag`; resolves once all were sent. */
  async flood(tag: string, count: number): Promise<void> {
    this.child.stdin!.write(`${JSON.stringify({ tag, count })}\n`);
    const answer = await this.lines.next();
    if (answer.done || (JSON.parse(answer.value) as UpdatesDcSent).sent !== count) {
      throw new Error(`the updates DC process did not send the ${tag} flood`);
    }
  }
}

/**
 * Checks one flood as it is delivered: each sequence number once; within a chat (one sender), in
 * increasing order. Counts into the shared DELIVERED slot.
 */
class FloodCheck {
  private readonly seen: Uint8Array;
  private readonly lastPerChat = new Map<bigint, number>();
  delivered = 0;
  private finished: () => void = () => undefined;
  /** Resolves when every message of the flood arrived. */
  readonly complete: Promise<void>;

  constructor(
    readonly tag: string,
    readonly count: number,
  ) {
    this.seen = new Uint8Array(count);
    this.complete = new Promise((resolve) => (this.finished = resolve));
  }

  accept(chat: bigint, sequence: number): void {
    if (!(sequence >= 0 && sequence < this.count))
      throw new Error(`${this.tag}: unknown message ${sequence}`);
    if (this.seen[sequence] === 1) throw new Error(`${this.tag}: message ${sequence} delivered twice`);
    const last = this.lastPerChat.get(chat) ?? -1;
    if (sequence < last) throw new Error(`${this.tag}: message ${sequence} after ${last} in chat ${chat}`);
    this.lastPerChat.set(chat, sequence);
    this.seen[sequence] = 1;
    this.delivered += 1;
    Atomics.store(counters, DELIVERED, this.delivered);
    // Waking the harness thread costs a system call: once per batch is enough for its rounds.
    if (this.delivered % NOTIFY_EVERY === 0 || this.delivered === this.count)
      Atomics.notify(counters, DELIVERED);
    if (this.delivered === this.count) this.finished();
  }
}

let current: FloodCheck | undefined;

/** The handler: no work but the check. Anything not from the current flood fails the bench. */
function handle(update: Api.TypeUpdate): void {
  if (update._ !== 'updateNewMessage' || update.message._ !== 'message' || update.message.out) return;
  const { message } = update;
  const separator = message.message.lastIndexOf(':');
  const tag = message.message.slice(0, separator);
  if (current === undefined || tag !== current.tag) {
    throw new Error(
      `message "${message.message}" delivered outside its flood (now: ${current?.tag ?? 'none'})`,
    );
  }
  const chat = message.peer_id._ === 'peerUser' ? message.peer_id.user_id : -1n;
  current.accept(chat, Number(message.message.slice(separator + 1)));
}

/** The bot: a client and its driver over one MemoryStorage, stopped and started again as needed. */
class Bot {
  private readonly storage = new MemoryStorage();
  private client: MtprotoClient | undefined;
  private driver: UpdatesDriver | undefined;
  private loggedIn = false;
  private failure: Error | undefined;

  constructor(private readonly dc: UpdatesDcReady) {}

  get error(): Error | undefined {
    return this.failure;
  }

  async start(): Promise<void> {
    const client = new MtprotoClient({
      host: this.dc.host,
      port: this.dc.port,
      dcId: this.dc.dcId,
      transports: [{ kind: 'tcp', framing: 'intermediate' }],
      publicKeys: [parseRsaPublicKeyPem(this.dc.publicKeyPem)],
      storage: this.storage,
      defaultTimeoutMs: 30_000,
    });
    if (!this.loggedIn) {
      await client.invoke({
        _: 'auth.importBotAuthorization',
        flags: 0,
        api_id: 12345,
        api_hash: '0123456789abcdef0123456789abcdef',
        bot_auth_token: this.dc.botToken,
      });
      this.loggedIn = true;
    }
    const driver = new UpdatesDriver({
      client,
      storage: this.storage,
      handler: handle,
      onError: (error) => (this.failure ??= error),
    });
    this.client = client;
    this.driver = driver;
    await driver.start();
  }

  async stop(): Promise<void> {
    await this.driver?.stop();
    await this.client?.close();
    this.client = undefined;
    this.driver = undefined;
  }

  /**
   * After a flood: one updates.getState round trip on the same connection. Its answer comes after
   * every push the DC sent before it, so a late duplicate would have reached the handler by now.
   */
  async settle(): Promise<void> {
    await this.client!.invoke({ _: 'updates.getState' });
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runFlood(check: FloodCheck, bot: Bot, send: () => Promise<void>): Promise<void> {
  current = check;
  Atomics.store(counters, DELIVERED, 0);
  Atomics.store(counters, ACTIVE_PHASE, Atomics.load(counters, REQUESTED_PHASE));
  Atomics.notify(counters, ACTIVE_PHASE);
  await send();
  await Promise.race([check.complete, failureOf(bot)]);
  await bot.settle();
  if (bot.error !== undefined) throw bot.error;
  if (check.delivered !== check.count) throw new Error(`${check.tag}: ${check.delivered} of ${check.count}`);
}

/** Rejects as soon as the driver reports an error (a handler that threw: a failed check). */
async function failureOf(bot: Bot): Promise<never> {
  for (;;) {
    if (bot.error !== undefined) throw bot.error;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const dc = await DcProcess.start();
  const bot = new Bot(dc.ready);
  await bot.start();
  worker.ready();

  for (let phase = WARMUP_PHASE; phase <= MEASURED_PHASE; phase++) {
    while (Atomics.load(counters, REQUESTED_PHASE) < phase) {
      await worker.changed(REQUESTED_PHASE, phase - 1);
    }
    const measuredMessages = Atomics.load(counters, MEASURED_COUNT);
    const count = phase === WARMUP_PHASE ? Atomics.load(counters, WARMUP_COUNT) : measuredMessages;
    const check = new FloodCheck(`phase${phase}`, count);
    if (path === 'live') {
      await runFlood(check, bot, () => dc.flood(check.tag, count));
    } else if (phase === WARMUP_PHASE) {
      // Catch-up warm-up: a flood while the bot is down, caught up on start.
      await bot.stop();
      await dc.flood(check.tag, count);
      await runFlood(check, bot, () => bot.start());
      // The measured flood is sent now, before the measured phase starts: only catching up is timed.
      await bot.stop();
      await dc.flood(`phase${MEASURED_PHASE}`, measuredMessages);
    } else {
      await runFlood(check, bot, () => bot.start());
    }
    Atomics.store(counters, DONE_PHASE, phase);
    Atomics.notify(counters, DONE_PHASE);
    Atomics.notify(counters, DELIVERED);
  }
  await bot.stop();
}

main().catch(worker.fail);
