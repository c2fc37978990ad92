// A bot client whose session lives in Redis, against a local DC over real sockets and a real
// redis-server: a restart reuses the auth key and the login, and two processes cannot share it.
import { Redis } from 'ioredis';
import { LocalDc } from 'mtbot-local-dc';
import { SessionStorageKeys, StorageError } from 'telegram-mtproto-core';
import { BotClient } from '../../src/client/bot-client';
import { redisSessionPrefix } from '../../src/service/bot-client-options-from-config';
import { RedisSessionStorage } from '../../src/stores/redis-session-storage';
import { botOptions, isMessage, RecordingLogger, UpdateRecorder } from '../client/bot-client-harness';
import { startRedis, type TestRedis } from './redis-server';

describe('BotClient with its session in Redis', () => {
  let dc: LocalDc;
  let redis: TestRedis;
  let raw: Redis;
  const clients: BotClient[] = [];
  const client = (options: Parameters<typeof botOptions>[1]) => {
    const made = new BotClient(botOptions(dc, options));
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    [dc, redis] = await Promise.all([LocalDc.start({ port: 0 }), startRedis()]);
    raw = new Redis(redis.port, '127.0.0.1');
  });
  afterAll(async () => {
    // Stopping twice is harmless: this only matters when an assertion failed half-way.
    await Promise.all(clients.map((made) => made.stop()));
    raw?.disconnect();
    await Promise.all([dc?.stop(), redis?.stop()]);
  });

  it('logs in once: a new client on the same Redis reuses the auth key, and a second one at once is refused', async () => {
    const keyPrefix = redisSessionPrefix(dc.info.botToken);
    const storage = () => RedisSessionStorage.open({ url: redis.url, keyPrefix });
    const firstLogger = new RecordingLogger();
    const first = client({ storage, logger: firstLogger });
    const recorder = new UpdateRecorder();
    first.onUpdate(recorder.handler);
    await first.start();
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hello' });
    await recorder.next(isMessage);
    await first.sendMessage(alice.id, 'before the restart');

    // Another process with the same session while the first runs: refused before it touches the DC.
    const intruder = client({ storage });
    const refused = await intruder.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(StorageError.isInstance(refused) && refused.reason).toBe('locked');
    await first.stop();
    expect(await raw.exists(`${keyPrefix}lock`)).toBe(0);

    const check = await RedisSessionStorage.open({ url: redis.url, keyPrefix, lock: false });
    const storedKey = (await check.get(SessionStorageKeys.authKey(dc.info.dcId)))?.key;
    await check.close();
    expect(storedKey).toHaveLength(256);

    const secondLogger = new RecordingLogger();
    const second = client({ storage, logger: secondLogger });
    await second.start();
    // The stored peers let it write to Alice at once.
    await second.sendMessage(alice.id, 'after the restart');
    await second.stop();

    const messages = (logger: RecordingLogger) => logger.lines.map((line) => line.message);
    expect(messages(firstLogger)).toContain('bot authorization imported');
    expect(messages(secondLogger)).not.toContain('bot authorization imported');
    const reopened = await RedisSessionStorage.open({ url: redis.url, keyPrefix, lock: false });
    expect((await reopened.get(SessionStorageKeys.authKey(dc.info.dcId)))?.key).toEqual(storedKey);
    await reopened.close();
    expect(
      dc
        .history(alice.id, dc.defaultBot.id)
        .filter((message) => !message.out)
        .map((message) => message.text),
    ).toEqual(['before the restart', 'after the restart']);

    // No secret in a key, a lock or a log line: keys name the bot id only.
    const secret = dc.info.botToken.split(':')[1]!;
    const apiHash = botOptions(dc).apiHash;
    const keys = await raw.keys('*');
    expect(keys.sort()).toEqual([`${keyPrefix}session`]);
    const logged = JSON.stringify([...firstLogger.lines, ...secondLogger.lines]);
    for (const text of [keys.join(' '), logged, String(refused)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(apiHash);
    }
    const fields = await raw.hkeys(`${keyPrefix}session`);
    expect(fields.join(' ')).not.toContain(secret);
  });
});
