import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage } from '../../../src/client/storage/node/file-storage';
import type { SessionLockHolder } from '../../../src/client/storage/node/session-file-lock';
import { SessionStorageKeys } from '../../../src/client/storage/session-storage-keys';
import { StorageError } from '../../../src/errors/storage-error';
import { deadPid, StorageChild, type ChildAnswer } from './storage-child';

describe('FileStorage session lock', () => {
  let directory: string;
  let path: string;
  let lockPath: string;
  const children: StorageChild[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mtbot-storage-lock-'));
    path = join(directory, 'bot.session.json');
    lockPath = `${path}.lock`;
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.stop()));
    await rm(directory, { recursive: true, force: true });
  });

  async function startChild(): Promise<StorageChild> {
    const child = await StorageChild.start(path);
    children.push(child);
    return child;
  }

  async function writeLock(holder: Partial<SessionLockHolder>): Promise<void> {
    const full = {
      pid: 1,
      hostname: hostname(),
      startedAt: '2026-01-01T00:00:00.000Z',
      token: 'old',
      ...holder,
    };
    await writeFile(lockPath, JSON.stringify(full));
  }

  const lockHolder = async (): Promise<SessionLockHolder> =>
    JSON.parse(await readFile(lockPath, 'utf8')) as SessionLockHolder;

  it('refuses a second FileStorage in the same process with StorageError locked, until the first is closed', async () => {
    const first = await FileStorage.open(path);
    const holder = await lockHolder();
    expect(holder).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Number.isNaN(Date.parse(holder.startedAt))).toBe(false);

    const second = FileStorage.open(path);
    await expect(second).rejects.toThrow(StorageError);
    await expect(second).rejects.toMatchObject({ reason: 'locked' });
    await expect(second).rejects.toThrow(`session file ${path} is in use by pid ${process.pid}`);
    // The refused opener left the lock alone.
    expect((await lockHolder()).token).toBe(holder.token);

    await first.set(SessionStorageKeys.currentDc, 2);
    await first.close();
    expect(await readdir(directory)).toEqual(['bot.session.json']);
    const third = await FileStorage.open(path);
    expect(await third.get(SessionStorageKeys.currentDc)).toBe(2);
    await third.close();
  });

  it('refuses a session held by another process, naming its pid, and the other way round', async () => {
    const child = await startChild();
    expect(await child.command('open')).toEqual({ opened: true, pid: child.pid });
    await expect(FileStorage.open(path)).rejects.toMatchObject({
      reason: 'locked',
      message: expect.stringContaining(`in use by pid ${child.pid} since`),
    });
    await child.command('close');

    const mine = await FileStorage.open(path);
    const answer = await child.command('open');
    expect(answer.error).toBe('locked');
    expect(answer.message).toContain(`in use by pid ${process.pid}`);
    await mine.close();
    expect(await child.command('open')).toMatchObject({ opened: true });
  });

  it('waits for the lock up to timeoutMs: gets it when the holder closes, else fails saying how long it waited', async () => {
    const child = await startChild();
    await child.command('open');
    await expect(FileStorage.open(path, { lock: { timeoutMs: 50, retryIntervalMs: 10 } })).rejects.toThrow(
      /in use by pid \d+ .*\(waited 50 ms\)/,
    );

    const waiting = FileStorage.open(path, { lock: { timeoutMs: 15_000, retryIntervalMs: 10 } });
    await child.command('close');
    const storage = await waiting;
    expect((await lockHolder()).pid).toBe(process.pid);
    await storage.close();
  });

  it('is released when the holding process exits without closing', async () => {
    const child = await startChild();
    await child.command('open');
    child.send('exit');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(await readdir(directory)).toEqual([]);
  });

  it('takes over the lock of a dead process with a warning, and of a previous process that had our pid', async () => {
    const dead = await deadPid();
    await writeLock({ pid: dead, token: 'dead' });
    const warnings: Array<[SessionLockHolder, string]> = [];
    const storage = await FileStorage.open(path, {
      lock: { onStaleLock: (previous, file) => warnings.push([previous, file]) },
    });
    expect(warnings).toEqual([[expect.objectContaining({ pid: dead, token: 'dead' }), lockPath]]);
    expect((await lockHolder()).pid).toBe(process.pid);
    await storage.close();

    // A container restarted with the same pid finds its previous life's lock.
    await writeLock({ pid: process.pid, token: 'earlier-life' });
    const again = await FileStorage.open(path, {
      lock: { onStaleLock: (previous) => warnings.push([previous, '']) },
    });
    expect(warnings[1]?.[0]).toMatchObject({ token: 'earlier-life' });
    await again.close();
  });

  it('emits a process warning for a stale lock when no handler is given', async () => {
    await writeLock({ pid: await deadPid() });
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const storage = await FileStorage.open(path);
      await storage.close();
      expect(emitWarning).toHaveBeenCalledTimes(1);
      expect(emitWarning).toHaveBeenCalledWith(
        expect.stringContaining(`took over the session lock ${lockPath}`),
        {
          type: 'StorageWarning',
          code: 'MTBOT_STALE_SESSION_LOCK',
        },
      );
    } finally {
      emitWarning.mockRestore();
    }
  });

  it('removes the temporary lock files of dead processes, not those of live ones', async () => {
    const live = await startChild();
    const names = [
      `bot.session.json.lock.${await deadPid()}-0a1b.tmp`,
      `bot.session.json.lock.takeover.${await deadPid()}-0a1c.tmp`,
      `bot.session.json.lock.${live.pid}-0a1d.tmp`,
    ];
    await Promise.all(names.map((name) => writeFile(join(directory, name), '{}')));
    const storage = await FileStorage.open(path);
    expect((await readdir(directory)).sort()).toEqual(['bot.session.json.lock', names[2]]);
    await storage.close();
  });

  it('never takes over a lock of another host or a lock file it cannot read', async () => {
    await writeLock({ pid: await deadPid(), hostname: 'elsewhere.example' });
    await expect(FileStorage.open(path)).rejects.toMatchObject({
      reason: 'locked',
      message: expect.stringContaining('on host elsewhere.example'),
    });
    await writeFile(lockPath, 'not json');
    await expect(FileStorage.open(path)).rejects.toMatchObject({
      reason: 'locked',
      message: expect.stringContaining('is not an mtbot lock'),
    });
    expect(await readFile(lockPath, 'utf8')).toBe('not json');
  });

  it('lets exactly one of many concurrent openers in this process win, with or without a stale lock', async () => {
    for (const stale of [false, true]) {
      if (stale) await writeLock({ pid: await deadPid() });
      let takeovers = 0;
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, () =>
          FileStorage.open(path, { lock: { onStaleLock: () => takeovers++ } }),
        ),
      );
      const opened = results.filter((result) => result.status === 'fulfilled');
      const refused = results.filter((result) => result.status === 'rejected');
      expect(opened).toHaveLength(1);
      expect(refused.map((result) => (result.reason as StorageError).reason)).toEqual(
        Array(11).fill('locked'),
      );
      expect(takeovers).toBe(stale ? 1 : 0);
      await (opened[0] as PromiseFulfilledResult<FileStorage>).value.close();
    }
  });

  it('lets exactly one of two processes opening at the same moment win, with or without a stale lock', async () => {
    const racers = [await startChild(), await startChild()];
    for (const stale of [false, true, false, true]) {
      if (stale) await writeLock({ pid: await deadPid() });
      racers.forEach((child) => child.send('open'));
      const answers: ChildAnswer[] = await Promise.all(racers.map((child) => child.next()));
      const winners = answers.filter((answer) => answer.opened);
      const losers = answers.filter((answer) => answer.error !== undefined);
      expect(winners).toHaveLength(1);
      expect(losers).toEqual([
        expect.objectContaining({
          error: 'locked',
          message: expect.stringContaining(`in use by pid ${winners[0]!.pid}`),
        }),
      ]);
      const winner = racers.find((child) => child.pid === winners[0]!.pid)!;
      await winner.command('close');
      expect(await readdir(directory)).toEqual([]);
    }
  });
});
