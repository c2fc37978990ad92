import { ConfigError } from 'telegram-mtproto-core';
import { BotClient } from '../../src/client/bot-client';
import type { BotClientOptions } from '../../src/client/bot-client-options';

const good: BotClientOptions = {
  apiId: 12345,
  apiHash: '0123456789abcdef0123456789abcdef',
  botToken: '7000000001:AAEhBOweik9ai2o4',
};

describe('BotClient options', () => {
  it.each([
    ['apiId 0', { apiId: 0 }, /apiId/],
    ['apiId not an integer', { apiId: 1.5 }, /apiId/],
    ['apiHash too short', { apiHash: 'abc' }, /apiHash/],
    ['apiHash not hex', { apiHash: 'z'.repeat(32) }, /apiHash/],
    ['token without a colon', { botToken: '7000000001AAEh' }, /botToken/],
    ['token with a non-numeric id', { botToken: 'bot:AAEh' }, /botToken/],
    [
      'dc with a bad port',
      { dc: { host: '127.0.0.1', port: 70000, dcId: 2, publicKeyPem: '-----BEGIN RSA PUBLIC KEY-----' } },
      /dc\.port/,
    ],
    [
      'dc without a key',
      { dc: { host: '127.0.0.1', port: 443, dcId: 2, publicKeyPem: 'nope' } },
      /publicKeyPem/,
    ],
    ['no transports', { transports: [] }, /transports/],
    ['a bad parse mode', { defaultParseMode: 'rtf' as never }, /defaultParseMode/],
    ['a zero timeout', { requestTimeoutMs: 0 }, /requestTimeoutMs/],
  ])('refuses %s with a ConfigError', (_name, change, message) => {
    const create = () => new BotClient({ ...good, ...change });
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(message);
  });

  it('never quotes the token or the hash in its errors', () => {
    const secret = 'S3cr3t-token_part';
    let error: unknown;
    try {
      new BotClient({ ...good, botToken: `x${secret}`, apiHash: 'not-a-hash-deadbeef' });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain(secret);
    expect((error as Error).message).not.toContain('deadbeef');
  });

  it('accepts good options without touching the network, and API calls before start() fail clearly', async () => {
    const bot = new BotClient(good);
    expect(bot.isRunning).toBe(false);
    await expect(bot.getMe()).rejects.toThrow(/not started/);
  });
});
