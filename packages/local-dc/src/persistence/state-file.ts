/**
 * The state file of a data dir (`state.json`, mode 0600): loaded at start, written atomically when
 * the state changed (debounced: at most one write per `debounceMs`, a write in flight and one more
 * queued at most) and once more at stop. A file that exists but cannot be read as a snapshot stops the
 * start with {@link LocalDcDataError}: starting empty would overwrite it at the first save.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { LocalDcDataError } from './local-dc-data-error';
import { parseSnapshot, stringifySnapshot } from './snapshot-json';
import { snapshotProblem, type LocalDcSnapshot } from './world-snapshot';

export const STATE_FILE = 'state.json';

/** The snapshot in `dataDir`; undefined when there is none yet. */
export async function loadSnapshot(dataDir: string): Promise<LocalDcSnapshot | undefined> {
  const path = join(dataDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LocalDcDataError(path, 'it cannot be read', { cause: error });
  }
  let value: unknown;
  try {
    value = parseSnapshot(text);
  } catch (error) {
    throw new LocalDcDataError(path, `it is not valid JSON (${String(error)})`, { cause: error });
  }
  const problem = snapshotProblem(value);
  if (problem !== undefined) throw new LocalDcDataError(path, problem);
  return value as LocalDcSnapshot;
}

export class StateFile {
  private readonly path: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastWritten: string | undefined;

  constructor(
    dataDir: string,
    private readonly snapshot: () => LocalDcSnapshot,
    private readonly options: { readonly debounceMs: number; readonly log: (line: string) => void },
  ) {
    this.path = join(dataDir, STATE_FILE);
  }

  /** Something changed: save within `debounceMs`. */
  changed(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save().catch((error: unknown) => this.options.log(`saving ${this.path} failed: ${String(error)}`));
    }, this.options.debounceMs);
    this.timer.unref?.();
  }

  /** Writes the state now (after any write in flight); skipped when nothing changed since the last. */
  save(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.writing.then(async () => {
      const text = stringifySnapshot(this.snapshot());
      if (text === this.lastWritten) return;
      await writeFileAtomic(this.path, text);
      this.lastWritten = text;
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
