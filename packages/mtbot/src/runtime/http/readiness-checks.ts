/**
 * One readiness check: `true` when ready, otherwise `false` or a reason (`"not connected"`). It may be
 * async; a throw counts as not ready with the error's message as reason.
 */
export type ReadinessCheck = () => boolean | string | Promise<boolean | string>;

/** Result of {@link ReadinessChecks.evaluate}. */
export interface ReadinessReport {
  readonly ready: boolean;
  /** One entry per failing check: its name and why. */
  readonly reasons: readonly { readonly check: string; readonly reason: string }[];
}

/** Options of {@link ReadinessChecks}. */
export interface ReadinessChecksOptions {
  /** How long one check may take before it counts as failed (default 2,000 ms). */
  readonly checkTimeoutMs?: number;
}

/**
 * The named conditions under which the service is ready for traffic (e.g. `connected`,
 * `caught-up`). /ready answers 200 only when all pass; a check that hangs fails after a timeout, so
 * a probe always gets an answer.
 *
 * @example
 * ```ts
 * readiness.add('connected', () => client.isConnected || 'client not connected')
 * ```
 */
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly checkTimeoutMs: number;

  constructor(options: ReadinessChecksOptions = {}) {
    this.checkTimeoutMs = options.checkTimeoutMs ?? 2000;
  }

  /** Adds (or replaces) the check called `name`. */
  add(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Removes the check called `name`. */
  remove(name: string): void {
    this.checks.delete(name);
  }

  /** Runs every check concurrently and reports which failed and why. */
  async evaluate(): Promise<ReadinessReport> {
    const results = await Promise.all(
      [...this.checks].map(async ([check, run]) => ({ check, reason: await this.failureOf(run) })),
    );
    const reasons = results.filter(
      (result): result is { check: string; reason: string } => result.reason !== undefined,
    );
    return { ready: reasons.length === 0, reasons };
  }

  private async failureOf(check: ReadinessCheck): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`timed out after ${this.checkTimeoutMs} ms`), this.checkTimeoutMs);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(check), timeout]);
      if (outcome === true) return undefined;
      return outcome === false ? 'not ready' : outcome;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
    }
  }
}
