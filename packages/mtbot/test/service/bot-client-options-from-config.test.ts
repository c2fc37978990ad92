import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalDc } from 'mtbot-local-dc';
import { ConfigError } from 'telegram-mtproto-core';
import {
  botClientOptionsFromConfig,
  DIRECT_LOCAL_DC_ID,
  redisSessionPrefix,
} from '../../src/service/bot-client-options-from-config';
import { fetchLocalDcInfo } from '../../src/service/local-dc-info';
import { RedisSessionStorage } from '../../src/stores/redis-session-storage';
import { startRedis } from '../stores/redis-server';

const base = {
  apiId: 1,
  apiHash: '0123456789abcdef0123456789abcdef',
  botToken: '123:abcdefghijklmnopqrstuvwxyz0123456789',
  sessionStore: { kind: 'memory' },
  localDc: undefined,
} as const;

describe('botClientOptionsFromConfig', () => {
  it('asks a local DC control URL for its address and key, and its bot token via fetchLocalDcInfo', async () => {
    const dc = await LocalDc.start({ port: 0 });
    try {
      const options = await botClientOptionsFromConfig({
        ...base,
        sessionStore: { kind: 'file', path: '/tmp/x.json' },
        localDc: { kind: 'control', controlUrl: dc.info.controlUrl },
      });
      expect(options.dc).toEqual({
        host: dc.info.host,
        port: dc.info.port,
        dcId: dc.info.dcId,
        publicKeyPem: dc.info.publicKeyPem,
      });
      expect(options.storage).toBe('/tmp/x.json');
      expect(options.botToken).toBe(base.botToken);
      expect((await fetchLocalDcInfo(dc.info.controlUrl)).botToken).toBe(dc.info.botToken);
    } finally {
      await dc.stop();
    }
  });

  it('uses host:port with LOCAL_DC_KEY directly, keeps memory sessions in memory, Telegram when unset', async () => {
    const direct = await botClientOptionsFromConfig({
      ...base,
      localDc: { kind: 'direct', host: '127.0.0.1', port: 4430, publicKey: 'PEM' },
    });
    expect(direct.dc).toEqual({
      host: '127.0.0.1',
      port: 4430,
      dcId: DIRECT_LOCAL_DC_ID,
      publicKeyPem: 'PEM',
    });
    expect(direct.storage).toBeUndefined();
    expect((await botClientOptionsFromConfig(base)).dc).toBeUndefined();
  });

  it('opens a Redis session store per bot at each start, under the bot id, never the token', async () => {
    const redis = await startRedis();
    try {
      const options = await botClientOptionsFromConfig({
        ...base,
        sessionStore: { kind: 'redis', url: redis.url },
      });
      expect(typeof options.storage).toBe('function');
      const storage = await (options.storage as () => Promise<RedisSessionStorage>)();
      try {
        expect(storage).toBeInstanceOf(RedisSessionStorage);
        expect(storage.keyPrefix).toBe('mtbot:bot:123:');
        expect(redisSessionPrefix(base.botToken)).not.toContain(base.botToken.split(':')[1]);
      } finally {
        await storage.close();
      }
    } finally {
      await redis.stop();
    }
  });

  it('a control URL that does not answer, or answers something else, is a ConfigError without its credentials', async () => {
    const server = createServer((_request, response) => response.end('{"hello":"world"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await expect(fetchLocalDcInfo(`http://127.0.0.1:${port}`)).rejects.toThrow(
        /did not answer with a local DC/,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const unreachable = fetchLocalDcInfo(`http://user:secret@127.0.0.1:${port}/?token=abc`, 2_000);
    await expect(unreachable).rejects.toThrow(ConfigError);
    await expect(unreachable).rejects.not.toThrow(/secret|token=abc/);
  });
});
