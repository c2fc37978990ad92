import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readdir, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { StorageError } from '../../../errors/storage-error';

const TOKENS = Symbol.for('mtbot.sessionLock.ownTokens');

/** Who holds a session lock, as written in the lock file (JSON). */
export interface SessionLockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** When the holder took the lock (ISO 8601). */
  readonly startedAt: string;
  /** Names this one acquisition, so a release never removes a lock taken over by someone else. */
  readonly token: string;
}

/** How {@link FileStorage} locks its session file. */
export interface SessionLockOptions {
  /**
   * How long to wait for a lock held by a live process before failing with StorageError `locked`;
   * 0 (the default) fails at once.
   */
  readonly timeoutMs?: number;
  /** Pause between two attempts while waiting (default 100 ms). */
  readonly retryIntervalMs?: number;
  /**
   * Called when the lock of a process that is no longer running (on this host) is taken over. By
   * default a process warning (`process.emitWarning`, code `MTBOT_STALE_SESSION_LOCK`) is emitted.
   */
  readonly onStaleLock?: (previous: SessionLockHolder, lockPath: string) => void;
}

/**
 * Tokens of the locks this process holds or is acquiring: a lock naming our pid is live only if listed.
 * Kept on globalThis so that two copies of this package in one process (duplicate installs) share it.
 */
const ownTokens: Set<string> = ((globalThis as { [TOKENS]?: Set<string> })[TOKENS] ??= new Set<string>());
/** Locks to remove if the process exits without closing its storages. */
const heldLocks = new Map<string, string>();
let exitHookInstalled = false;

/**
 * An exclusive lock on one session file: `<session file>.lock`, holding the holder's pid, host, start
 * time and a random token. The lock file is written in full under a temporary name and then hard
 * linked to its final name: link() fails when the name exists, so creation is atomic and exclusive
 * (like O_EXCL) and nobody ever reads a half-written lock. A lock whose holder is not running any more
 * on this host is stale and is taken over; removals of stale locks are serialised through a second
 * exclusive file (`.lock.takeover`), so two processes racing for the same stale lock cannot both win.
 * Released on {@link release} and, if the process exits without it, by an exit hook; a process killed
 * outright (SIGKILL, power loss) leaves a stale lock, which the next opener takes over.
 */
export class SessionFileLock {
  private released = false;

  private constructor(
    /** Path of the lock file. */
    readonly path: string,
    /** What this lock wrote into the lock file. */
    readonly holder: SessionLockHolder,
  ) {}

  /**
   * Takes the lock of `sessionPath` or throws StorageError `locked` naming the holder (after waiting up
   * to `timeoutMs`), `io` when the lock file cannot be created.
   */
  static async acquire(sessionPath: string, options: SessionLockOptions = {}): Promise<SessionFileLock> {
    const lockPath = `${sessionPath}.lock`;
    const timeoutMs = options.timeoutMs ?? 0;
    const retryIntervalMs = Math.max(1, options.retryIntervalMs ?? 100);
    const deadline = Date.now() + timeoutMs;
    const holder = newHolder();
    // Listed before the attempt: another opener in this process that reads the fresh lock file before
    // our link() returns must see it as live.
    ownTokens.add(holder.token);
    try {
      for (;;) {
        if (await createExclusive(lockPath, holder)) {
          registerHeld(lockPath, holder.token);
          await removeDeadTemporaries(lockPath);
          return new SessionFileLock(lockPath, holder);
        }
        const current = await readHolder(lockPath);
        // Released between our attempt and the read: try again at once.
        if (current === 'missing') continue;
        if (current !== 'unreadable' && isStale(current)) {
          await takeOver(lockPath, current, options);
          continue;
        }
        if (Date.now() >= deadline) throw lockedError(sessionPath, lockPath, current, timeoutMs);
        await sleep(Math.min(retryIntervalMs, Math.max(1, deadline - Date.now())));
      }
    } catch (error) {
      ownTokens.delete(holder.token);
      throw error;
    }
  }

  /** Removes the lock file if it is still ours. Idempotent. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    heldLocks.delete(this.path);
    try {
      const current = await readHolder(this.path);
      if (current !== 'missing' && current !== 'unreadable' && current.token === this.holder.token) {
        await unlink(this.path);
      }
    } catch {
      // Removal is best effort: a lock left behind names this pid, which is then seen as stale.
    } finally {
      ownTokens.delete(this.holder.token);
    }
  }
}

function newHolder(): SessionLockHolder {
  return {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
  };
}

/**
 * Creates `path` holding `holder` unless it exists (false then). The content goes to a temporary
 * file first (fsynced), then link() gives it the final name in one step.
 */
async function createExclusive(path: string, holder: SessionLockHolder): Promise<boolean> {
  const temporary = `${path}.${holder.pid}-${holder.token}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(holder) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temporary, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new StorageError('io', `cannot create the lock file ${path}: ${describe(error)}`, {
      cause: error,
    });
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Removes the temporary lock files (`<lock>.<pid>-<token>.tmp`, also the takeover guard's) of processes
 * killed between writing and linking them. Those of live processes are left: they may be mid-attempt.
 */
async function removeDeadTemporaries(lockPath: string): Promise<void> {
  const directory = dirname(lockPath);
  const pattern = new RegExp(
    `^${escapeRegExp(basename(lockPath))}(?:\\.takeover)?\\.(\\d+)-[0-9a-f]+\\.tmp$`,
  );
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN);
    if (Number.isSafeInteger(pid) && pid !== process.pid && !isProcessAlive(pid)) {
      await unlink(join(directory, name)).catch(() => undefined);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function readHolder(path: string): Promise<SessionLockHolder | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw new StorageError('io', `cannot read the lock file ${path}: ${describe(error)}`, { cause: error });
  }
  return parseHolder(text);
}

function parseHolder(text: string): SessionLockHolder | 'unreadable' {
  try {
    const value = JSON.parse(text) as Partial<SessionLockHolder>;
    if (
      typeof value === 'object' &&
      value !== null &&
      Number.isSafeInteger(value.pid) &&
      typeof value.hostname === 'string' &&
      typeof value.startedAt === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as SessionLockHolder;
    }
  } catch {
    // Falls through: not ours to interpret.
  }
  return 'unreadable';
}

/**
 * A holder is stale when it ran on this host and its process is gone. Our own pid counts as gone
 * unless the token is one of ours: a container restarted with the same pid (often 1) must not be
 * locked out by its previous life. Holders on other hosts are never judged (their pids mean nothing
 * here).
 */
function isStale(holder: SessionLockHolder): boolean {
  if (holder.hostname !== hostname()) return false;
  if (holder.pid === process.pid) return !ownTokens.has(holder.token);
  return !isProcessAlive(holder.pid);
}

function isProcessAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Removes the stale lock `stale` if it is still the one at `lockPath`. Only the holder of the
 * takeover guard may compare and remove, so a racer cannot remove the lock another racer has just
 * created after removing the stale one.
 */
async function takeOver(
  lockPath: string,
  stale: SessionLockHolder,
  options: SessionLockOptions,
): Promise<void> {
  const guardPath = `${lockPath}.takeover`;
  const guard = newHolder();
  ownTokens.add(guard.token);
  try {
    if (!(await createExclusive(guardPath, guard))) {
      const other = await readHolder(guardPath);
      // A guard left by a process that died inside these few steps would block every opener.
      if (other !== 'missing' && other !== 'unreadable' && isStale(other)) {
        await unlink(guardPath).catch(() => undefined);
      } else {
        await sleep(10);
      }
      return;
    }
    try {
      const current = await readHolder(lockPath);
      if (current !== 'missing' && current !== 'unreadable' && current.token === stale.token) {
        await unlink(lockPath);
        (options.onStaleLock ?? warnStaleLock)(stale, lockPath);
      }
    } finally {
      await unlink(guardPath).catch(() => undefined);
    }
  } finally {
    ownTokens.delete(guard.token);
  }
}

function warnStaleLock(previous: SessionLockHolder, lockPath: string): void {
  process.emitWarning(
    `took over the session lock ${lockPath} of pid ${previous.pid} on ${previous.hostname} (since ${previous.startedAt}), which is no longer running`,
    { type: 'StorageWarning', code: 'MTBOT_STALE_SESSION_LOCK' },
  );
}

function lockedError(
  sessionPath: string,
  lockPath: string,
  holder: SessionLockHolder | 'unreadable',
  timeoutMs: number,
): StorageError {
  const waited = timeoutMs > 0 ? ` (waited ${timeoutMs} ms)` : '';
  if (holder === 'unreadable') {
    return new StorageError(
      'locked',
      `session file ${sessionPath} is locked${waited}: the lock file ${lockPath} is not an mtbot lock; delete it if no process uses this session`,
    );
  }
  const where = holder.hostname === hostname() ? '' : ` on host ${holder.hostname}`;
  const self = holder.pid === process.pid ? ' (this process: close the other FileStorage first)' : '';
  return new StorageError(
    'locked',
    `session file ${sessionPath} is in use by pid ${holder.pid}${where} since ${holder.startedAt}${self}${waited}; two clients on one session make Telegram answer AUTH_KEY_DUPLICATED. Lock file: ${lockPath}`,
  );
}

function registerHeld(lockPath: string, token: string): void {
  heldLocks.set(lockPath, token);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous; storages never closed still leave no lock behind.
  process.on('exit', releaseHeldLocksSync);
}

function releaseHeldLocksSync(): void {
  for (const [lockPath, token] of heldLocks) {
    try {
      const current = parseHolder(readFileSync(lockPath, 'utf8'));
      if (current !== 'unreadable' && current.token === token) unlinkSync(lockPath);
    } catch {
      // Nothing more can be done while exiting; the next opener sees a stale lock.
    }
  }
  heldLocks.clear();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
