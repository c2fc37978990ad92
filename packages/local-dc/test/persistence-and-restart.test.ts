import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { LocalDcDataError } from '../src/persistence/local-dc-data-error';
import { STATE_FILE } from '../src/persistence/state-file';
import { createClient, loginBot } from './local-dc-harness';

describe('persistence in a data dir, DC restarts and salt rotation, over TCP with MtprotoClient', () => {
  let dataDir: string;
  const clients: MtprotoClient[] = [];
  const dcs: LocalDc[] = [];

  const start = async (port = 0): Promise<LocalDc> => {
    const dc = await LocalDc.start({ port, dataDir, saveDebounceMs: 10 });
    dcs.push(dc);
    return dc;
  };
  const client = (dc: LocalDc, storage = new MemoryStorage()): MtprotoClient => {
    const created = createClient(dc, storage);
    clients.push(created);
    return created;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-dc-persist-'));
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((each) => each.close()));
    await Promise.all(dcs.splice(0).map((dc) => dc.stop()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a new process on the same data dir keeps the token, the login under the stored key, and the messages', async () => {
    const first = await start();
    const alice = first.createUser({ firstName: 'Alice' });
    const storage = new MemoryStorage();
    const bot = client(first, storage);
    await loginBot(bot, first.info.botToken);
    const state = await bot.invoke({ _: 'updates.getState' });
    await bot.close();
    first.sendUserMessage({ fromUserId: alice.id, toUserId: first.defaultBot.id, text: 'while away 1' });
    first.sendUserMessage({ fromUserId: alice.id, toUserId: first.defaultBot.id, text: 'while away 2' });
    const port = first.info.port;
    await first.stop();
    expect((await stat(join(dataDir, STATE_FILE))).mode & 0o777).toBe(0o600);

    const second = await start(port);
    expect(second.info.botToken).toBe(first.info.botToken);
    expect(second.info.fingerprint).toBe(first.info.fingerprint);
    const again = client(second, storage);
    // No login: only the key made before the restart is logged in as the bot (a new key would get
    // 401 AUTH_KEY_UNREGISTERED here).
    const difference = (await again.invoke({
      _: 'updates.getDifference',
      flags: 0,
      pts: state.pts,
      date: state.date,
      qts: state.qts,
    })) as Api.UpdatesDifference;
    expect(difference._).toBe('updates.difference');
    expect(difference.new_messages.map((message) => (message as Api.Message).message)).toEqual([
      'while away 1',
      'while away 2',
    ]);
    // The same token still logs a fresh key in.
    const fresh = client(second);
    await expect(loginBot(fresh, first.info.botToken)).resolves.toMatchObject({ _: 'auth.authorization' });
  });

  it('a restart through the control API: the client reconnects by itself and its next call succeeds', async () => {
    const dc = await start();
    const bot = client(dc);
    await loginBot(bot, dc.info.botToken);
    const before = await bot.invoke({ _: 'updates.getState' });
    const response = await fetch(`${dc.info.controlUrl}/faults/restart`, { method: 'POST' });
    expect(response.status).toBe(200);
    const after = await bot.invoke({ _: 'updates.getState' });
    expect(after.pts).toBe(before.pts);
  });

  it('rotated salts: the client recovers through bad_server_salt and the call succeeds', async () => {
    const dc = await start();
    const bot = client(dc);
    await loginBot(bot, dc.info.botToken);
    await bot.invoke({ _: 'updates.getState' });
    const response = await fetch(`${dc.info.controlUrl}/faults/rotate-salts`, { method: 'POST' });
    expect(response.status).toBe(200);
    await expect(bot.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
  });

  it('a corrupt data file stops the start with LocalDcDataError and is left as it was', async () => {
    const dc = await start();
    await dc.stop();
    const path = join(dataDir, STATE_FILE);
    const good = await readFile(path, 'utf8');
    await writeFile(path, good.slice(0, good.length / 2));
    const error: unknown = await LocalDc.start({ port: 0, dataDir }).catch((caught: unknown) => caught);
    expect(LocalDcDataError.isInstance(error)).toBe(true);
    expect((error as LocalDcDataError).path).toBe(path);
    expect(await readFile(path, 'utf8')).toBe(good.slice(0, good.length / 2));
    await writeFile(path, JSON.stringify({ version: 99 }));
    await expect(LocalDc.start({ port: 0, dataDir })).rejects.toThrow(/version 99/);
  });
});
