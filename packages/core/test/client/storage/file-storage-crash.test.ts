// Issue 5: "a crash simulated between write steps leaves a readable store". A child process holding
// the session is killed (SIGKILL) at each step of one write; the next opener must find the old state
// or the new one, whole, take over the dead process's lock and clean up its temporary file.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage } from '../../../src/client/storage/node/file-storage';
import type { SessionLockHolder } from '../../../src/client/storage/node/session-file-lock';
import { SessionStorageKeys } from '../../../src/client/storage/session-storage-keys';
import { CRASH_STEPS, fillerFor, fillerKey, type CrashStep } from './crash-steps';
import { StorageChild } from './storage-child';

/** The state a crash at each step must leave: the old one until the rename, the new one after. */
const expectedAfterCrash: Record<CrashStep, 'old' | 'new'> = {
  'temp-partly-written': 'old',
  'temp-written-not-synced': 'old',
  'temp-synced': 'old',
  renamed: 'new',
  'directory-synced': 'new',
};

describe('FileStorage killed in the middle of a write', () => {
  let directory: string;
  let path: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mtbot-storage-crash-'));
    path = join(directory, 'bot.session.json');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function store(value: number): Promise<void> {
    const storage = await FileStorage.open(path);
    await storage.setMany([
      { key: SessionStorageKeys.timeOffset, value },
      { key: fillerKey, value: fillerFor(value) },
    ]);
    await storage.close();
  }

  it.each(CRASH_STEPS)('leaves a readable store when killed at step "%s"', async (step) => {
    await store(1);
    const child = await StorageChild.start(path, step);
    expect(await child.command('open')).toMatchObject({ opened: true });
    child.send('set 2');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const left = await readdir(directory);
    // The dead process's lock is still there, and before the rename so is its temporary file.
    expect(left).toContain('bot.session.json.lock');
    expect(left.some((name) => name.endsWith('.tmp'))).toBe(expectedAfterCrash[step] === 'old');

    const takenOver: SessionLockHolder[] = [];
    const storage = await FileStorage.open(path, {
      lock: { onStaleLock: (holder) => takenOver.push(holder) },
    });
    expect(takenOver.map((holder) => holder.pid)).toEqual([child.pid]);
    const value = expectedAfterCrash[step] === 'old' ? 1 : 2;
    expect(await storage.get(SessionStorageKeys.timeOffset)).toBe(value);
    expect(await storage.get(fillerKey)).toBe(fillerFor(value));
    expect((await readdir(directory)).sort()).toEqual(['bot.session.json', 'bot.session.json.lock']);

    // And the store goes on working from there.
    await storage.setMany([
      { key: SessionStorageKeys.timeOffset, value: 3 },
      { key: fillerKey, value: fillerFor(3) },
    ]);
    await storage.close();
    const reopened = await FileStorage.open(path);
    expect(await reopened.get(SessionStorageKeys.timeOffset)).toBe(3);
    await reopened.close();
    expect(await readdir(directory)).toEqual(['bot.session.json']);
  });

  it('leaves a readable store when the very first write is killed before the rename (no file yet)', async () => {
    const child = await StorageChild.start(path, 'temp-synced');
    await child.command('open');
    child.send('set 2');
    await child.exited;
    const storage = await FileStorage.open(path, { lock: { onStaleLock: () => undefined } });
    expect(await storage.get(SessionStorageKeys.timeOffset)).toBeUndefined();
    await storage.close();
    expect(await readdir(directory)).toEqual([]);
  });
});
