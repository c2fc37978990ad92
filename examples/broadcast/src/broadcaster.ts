import {
  classifyBroadcastError,
  type BotClient,
  type Broadcaster as BotBroadcaster,
  type BroadcastProgress,
  type BroadcastReport,
  type KeyValueStore,
} from 'mtbot';
import type { Subscribers } from './subscribers';

/** The broadcast under way, stored so that a restarted bot picks it up. */
interface Job {
  readonly id: string;
  readonly text: string;
  /** The subscribers when it started: a resumed run goes through the same list. */
  readonly chatIds: readonly string[];
  readonly adminChatId: string;
  /** The admin's status message, edited with the progress. */
  readonly statusMessageId: number;
}

const JOB_KEY = 'broadcast:current';

const subscribersText = (count: number): string => `${count} subscriber${count === 1 ? '' : 's'}`;

/** What the admin sees while a broadcast runs. */
const progressText = (job: Job, progress: BroadcastProgress): string =>
  `Broadcasting to ${subscribersText(job.chatIds.length)}… ${progress.sent + progress.alreadySent} sent`;

function reportText(job: Job, report: BroadcastReport): string {
  const lines = [
    `Broadcast done: ${report.sent + report.alreadySent} of ${subscribersText(job.chatIds.length)} got it.`,
  ];
  if (report.alreadySent > 0) lines.push(`${report.alreadySent} of them before the bot restarted.`);
  if (report.failed > 0)
    lines.push(`${report.failed} failed: ${report.failures.map((f) => f.reason).join(', ')}.`);
  if (report.uncertain.length > 0)
    lines.push(`${report.uncertain.length} may or may not have got it (a crash).`);
  return lines.join('\n');
}

/**
 * Sends an announcement to every subscriber with the bot's own broadcaster (mtbot's `Broadcaster`,
 * injected): one "sent" mark a chat in the store, so a broadcast cut short by a restart goes on where
 * it stopped and nobody gets it twice. Each message is scheduled once, at `bulk` priority, in the
 * bot's send scheduler: within Telegram's limits, and replies to users go first.
 */
export class Broadcaster {
  private running: Promise<void> | undefined;

  constructor(
    private readonly client: BotClient,
    private readonly bulk: BotBroadcaster,
    private readonly store: KeyValueStore,
    private readonly subscribers: Subscribers,
  ) {}

  /** True while a broadcast runs in this process. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Resolves when no broadcast runs in this process. */
  async idle(): Promise<void> {
    await this.running;
  }

  /**
   * Starts a broadcast of `text` to the current subscribers, reporting in the admin's chat. Resolves
   * once it has started; false when one is already running or waits to be resumed.
   */
  async start(text: string, adminChatId: bigint): Promise<boolean> {
    if (this.busy || (await this.store.get(JOB_KEY)) !== undefined) return false;
    const chatIds = (await this.subscribers.list()).map(String);
    const status = await this.client.sendMessage(
      adminChatId,
      `Broadcasting to ${subscribersText(chatIds.length)}…`,
    );
    const job: Job = {
      id: `${Date.now()}`,
      text,
      chatIds,
      adminChatId: String(adminChatId),
      statusMessageId: status.id,
    };
    await this.store.set(JOB_KEY, JSON.stringify(job));
    this.run(job);
    return true;
  }

  /**
   * Resumes a broadcast a previous process left unfinished, once the client is connected. The
   * application has no start-up hook for services yet, so this watches the client.
   */
  resumeWhenOnline(): void {
    const check = setInterval(() => {
      if (!this.client.isRunning) return;
      clearInterval(check);
      void this.resume();
    }, 100);
    check.unref();
  }

  private async resume(): Promise<void> {
    const stored = await this.store.get(JOB_KEY);
    if (stored === undefined || this.busy) return;
    this.run(JSON.parse(stored) as Job);
  }

  private run(job: Job): void {
    this.running = this.broadcast(job)
      // Nothing awaits a broadcast but idle(): a failure must be told, not left unhandled.
      .catch((error: unknown) => console.error('broadcast failed:', error))
      .finally(() => (this.running = undefined));
  }

  private async broadcast(job: Job): Promise<void> {
    const adminChatId = BigInt(job.adminChatId);
    // Stops handing out sends once the client is gone (the bot is stopping): they stay unmarked and
    // a resumed run sends them.
    const stopping = new AbortController();
    const status = new StatusEdits(this.client, adminChatId, job.statusMessageId);
    let report: BroadcastReport;
    try {
      // The bot's stop stops it too; what it did not send stays for the resumed run.
      report = await this.bulk.broadcast({
        id: job.id,
        chatIds: job.chatIds.map((id) => BigInt(id)),
        text: job.text,
        store: this.store,
        signal: stopping.signal,
        // A send refused because the client stopped never left: retry it after the restart.
        classifyError: (error) => {
          if (this.client.isRunning) return classifyBroadcastError(error);
          stopping.abort();
          return 'retryable';
        },
        onProgress: (progress) => status.show(progressText(job, progress), progress, job.chatIds.length),
      });
    } catch (error) {
      // The store failed: the job stays, and the next start resumes it.
      await status
        .finish(`Broadcast stopped: ${error instanceof Error ? error.message : String(error)}`)
        .catch(() => undefined);
      return;
    }
    if (
      report.aborted ||
      report.interrupted !== undefined ||
      report.failures.some((failure) => failure.kind === 'retryable')
    )
      return;
    await this.store.delete(JOB_KEY);
    // The job is done and forgotten; a stop of the bot may still cut off this last edit's answer.
    await status.finish(reportText(job, report)).catch(() => undefined);
  }
}

/** Edits the admin's status message: never two edits at once, and only every tenth of the way. */
class StatusEdits {
  private shownAt = 0;
  private editing: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly client: BotClient,
    private readonly chatId: bigint,
    private readonly messageId: number,
  ) {}

  show(text: string, progress: BroadcastProgress, total: number): void {
    const done = progress.sent + progress.alreadySent + progress.failed + progress.skipped;
    if (this.busy || done - this.shownAt < Math.max(1, total / 10) || done >= total) return;
    this.shownAt = done;
    this.busy = true;
    this.editing = this.client
      .editMessage(this.chatId, this.messageId, text)
      // A lost progress edit is no failure: the final report says it all.
      .catch(() => undefined)
      .finally(() => (this.busy = false));
  }

  async finish(text: string): Promise<void> {
    await this.editing;
    await this.client.editMessage(this.chatId, this.messageId, text);
  }
}
