/** Shared set-up of the BotClient tests: a local DC on loopback and bot options pointing at it. */
import type { LocalDc } from 'mtbot-local-dc';
import type { BotClientOptions } from '../../src/client/bot-client-options';
import type { BotLogger } from '../../src/client/bot-logger';
import type { BotUpdate } from '../../src/updates/bot-update';

/** Options of a BotClient for the DC's default bot (override anything). */
export function botOptions(dc: LocalDc, overrides: Partial<BotClientOptions> = {}): BotClientOptions {
  return {
    apiId: 12345,
    apiHash: '0123456789abcdef0123456789abcdef',
    botToken: dc.info.botToken,
    dc: { host: dc.info.host, port: dc.info.port, dcId: dc.info.dcId, publicKeyPem: dc.info.publicKeyPem },
    requestTimeoutMs: 10_000,
    ...overrides,
  };
}

/** Collects updates and waits for the one a test expects. */
export class UpdateRecorder {
  readonly updates: BotUpdate[] = [];
  private waiters: (() => void)[] = [];

  readonly handler = (update: BotUpdate): void => {
    this.updates.push(update);
    for (const wake of this.waiters.splice(0)) wake();
  };

  /** The first recorded update `predicate` accepts, waiting up to 5 s. */
  async next<T extends BotUpdate>(predicate: (update: BotUpdate) => update is T): Promise<T> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.updates.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('no matching update within 5 s');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** A logger that keeps every line, to check what was (and was not) logged. */
export class RecordingLogger implements BotLogger {
  readonly lines: { level: string; message: string; details: string }[] = [];
  debug = (message: string, details?: Record<string, unknown>) => this.record('debug', message, details);
  info = (message: string, details?: Record<string, unknown>) => this.record('info', message, details);
  warn = (message: string, details?: Record<string, unknown>) => this.record('warn', message, details);
  error = (message: string, details?: Record<string, unknown>) => this.record('error', message, details);

  private record(level: string, message: string, details: Record<string, unknown> | undefined): void {
    this.lines.push({
      level,
      message,
      details: JSON.stringify(details ?? {}, (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      ),
    });
  }
}

export const isMessage = (update: BotUpdate): update is Extract<BotUpdate, { kind: 'message' }> =>
  update.kind === 'message';
