import type { Message } from 'mtbot';

/** `1.5 MB (1,572,864 bytes)`. */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const short = unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
  return unit === 0 ? short : `${short} (${bytes.toLocaleString('en-US')} bytes)`;
}

/**
 * Shows a transfer's progress by editing one status message: "Downloading… 40%". Progress callbacks
 * come far more often than a chat should be edited (Telegram limits edits too), so an edit is made
 * only when the shown percentage moved by `step` points, and never while the previous edit is still
 * on its way; what comes meanwhile is skipped, since a later edit shows more.
 */
export class ProgressMessage {
  private shown = 0;
  private editing: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly status: Message,
    private readonly verb: string,
    private readonly step = 10,
  ) {}

  /** The text of a status at `percent`. */
  static text(verb: string, percent: number): string {
    return `${verb}… ${percent}%`;
  }

  /** Reports `done` of `total` bytes; returns at once (the edit goes on in the background). */
  report(done: number, total: number | undefined): void {
    if (total === undefined || total === 0 || this.busy) return;
    const percent = Math.floor((done / total) * 100);
    // 100% is left to the caller's final edit, which says more than a percentage.
    if (percent - this.shown < this.step || percent >= 100) return;
    this.shown = percent;
    this.busy = true;
    this.editing = this.status
      .edit(ProgressMessage.text(this.verb, percent))
      // A lost progress edit is no failure: the final edit tells the outcome.
      .catch(() => undefined)
      .finally(() => (this.busy = false));
  }

  /** Replaces the status with its final text once the last progress edit is through. */
  async finish(text: string, options: Parameters<Message['edit']>[1] = {}): Promise<void> {
    await this.editing;
    await this.status.edit(text, options);
  }
}
