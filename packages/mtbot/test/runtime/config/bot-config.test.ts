import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from 'telegram-mtproto-core';
import { ConfigValidationError } from '../../../src/runtime/config/config-validation-error';
import { env } from '../../../src/runtime/config/env';
import { loadBotConfig } from '../../../src/runtime/config/bot-config';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9';
const HASH = '0123456789abcdef0123456789ABCDEF';
const VALID = { API_ID: '12345', API_HASH: HASH, BOT_TOKEN: TOKEN };

function failure(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (error) {
    if (ConfigValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

function tempEnvFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mtbot-env-')), '.env');
  writeFileSync(path, text);
  return path;
}

describe('loadBotConfig', () => {
  it('reads a valid environment with defaults', () => {
    const config = loadBotConfig({ env: VALID, envFile: false });
    expect(config).toMatchObject({
      apiId: 12345,
      apiHash: HASH,
      botToken: TOKEN,
      sessionStore: { kind: 'file', path: './bot.session.json' },
      localDc: undefined,
      logLevel: 'info',
      metricsPort: undefined,
      healthPort: undefined,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('lists every missing variable in one error', () => {
    const error = failure(() => loadBotConfig({ env: {}, envFile: false }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues.map((issue) => issue.variable)).toEqual(['API_ID', 'API_HASH', 'BOT_TOKEN']);
    expect(error.message).toContain('3 problems');
    expect(error.message).toContain('API_ID: missing, expected a positive integer (from my.telegram.org)');
    expect(error.message).toContain('BOT_TOKEN: missing');
  });

  it.each([
    ['API_ID', '0', 'is below 1'],
    ['API_ID', 'abc', 'is not an integer'],
    ['API_HASH', 'xyz', 'malformed'],
    ['BOT_TOKEN', '123456:short', 'malformed'],
    ['BOT_TOKEN', TOKEN.replace(':', ''), 'malformed'],
    ['SESSION_STORE', 'ftp://x', 'unknown kind'],
    ['SESSION_STORE', 'file:', 'empty file path'],
    ['LOCAL_DC_URL', 'not a url', 'neither a URL nor host:port'],
    ['LOCAL_DC_URL', 'localhost:99999', 'port outside'],
    ['LOG_LEVEL', 'loud', 'not allowed'],
    ['METRICS_PORT', '70000', 'above 65535'],
    ['HEALTH_PORT', '-1', 'below 0'],
    ['SHUTDOWN_TIMEOUT_MS', '1.5', 'not an integer'],
  ])('%s=%s is refused (%s)', (variable, value, problem) => {
    const error = failure(() => loadBotConfig({ env: { ...VALID, [variable]: value }, envFile: false }));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.variable).toBe(variable);
    expect(error.issues[0]!.problem).toContain(problem);
  });

  it('reports malformed and missing variables together', () => {
    const error = failure(() =>
      loadBotConfig({ env: { API_ID: 'x', BOT_TOKEN: 'nope', LOG_LEVEL: 'loud' }, envFile: false }),
    );
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'API_ID',
      'API_HASH',
      'BOT_TOKEN',
      'LOG_LEVEL',
    ]);
  });

  it('never shows secret values, only a hint', () => {
    const badToken = `${TOKEN}!`;
    const badHash = `${HASH}00`;
    const error = failure(() =>
      loadBotConfig({
        env: { ...VALID, BOT_TOKEN: badToken, API_HASH: badHash, SESSION_STORE: 'redis://:hunter2@' },
        envFile: false,
      }),
    );
    expect(error.message).toContain(`BOT_TOKEN: (set, ${badToken.length} chars, is malformed)`);
    expect(error.message).toContain(`API_HASH: (set, 34 chars, is malformed), expected 32 hex digits`);
    for (const secret of [badToken, TOKEN, badHash, HASH, 'hunter2', 'AAHdqTcv']) {
      expect(error.message).not.toContain(secret);
    }
  });

  it('parses the session store and local DC forms', () => {
    const memory = loadBotConfig({ env: { ...VALID, SESSION_STORE: 'memory' }, envFile: false });
    expect(memory.sessionStore).toEqual({ kind: 'memory' });
    const redis = loadBotConfig({
      env: { ...VALID, SESSION_STORE: 'redis://127.0.0.1:6379/2' },
      envFile: false,
    });
    expect(redis.sessionStore).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379/2' });
    const control = loadBotConfig({
      env: { ...VALID, LOCAL_DC_URL: 'http://127.0.0.1:4000/' },
      envFile: false,
    });
    expect(control.localDc).toEqual({ kind: 'control', controlUrl: 'http://127.0.0.1:4000/' });
    const direct = loadBotConfig({
      env: { ...VALID, LOCAL_DC_URL: '[::1]:4430', LOCAL_DC_KEY: '-----BEGIN RSA PUBLIC KEY-----' },
      envFile: false,
    });
    expect(direct.localDc).toEqual({
      kind: 'direct',
      host: '::1',
      port: 4430,
      publicKey: '-----BEGIN RSA PUBLIC KEY-----',
    });
  });

  it('needs LOCAL_DC_KEY with a host:port local DC', () => {
    const error = failure(() =>
      loadBotConfig({ env: { ...VALID, LOCAL_DC_URL: '127.0.0.1:4430' }, envFile: false }),
    );
    expect(error.issues).toEqual([
      { variable: 'LOCAL_DC_KEY', problem: 'missing, required when LOCAL_DC_URL is host:port' },
    ]);
  });

  it('loads .env for what the environment lacks, never overriding it', () => {
    const envFile = tempEnvFile(`API_ID=777\nAPI_HASH=${HASH}\nBOT_TOKEN="${TOKEN}"\nLOG_LEVEL=debug\n`);
    const environment: Record<string, string | undefined> = { API_ID: '42' };
    const config = loadBotConfig({ env: environment, envFile });
    expect(config.apiId).toBe(42);
    expect(config.botToken).toBe(TOKEN);
    expect(config.logLevel).toBe('debug');
    expect(environment).toEqual({ API_ID: '42' });
  });

  it('populates the environment from .env only where unset when asked', async () => {
    const { loadEnvironment } = await import('../../../src/runtime/config/load-environment');
    const envFile = tempEnvFile('A=file\nB=file\n');
    const environment: Record<string, string | undefined> = { A: 'process' };
    loadEnvironment({ env: environment, envFile, populate: true });
    expect(environment).toEqual({ A: 'process', B: 'file' });
  });

  it('skips a missing default .env but refuses a missing explicit one', () => {
    expect(() => loadBotConfig({ env: VALID, envFile: join(tmpdir(), 'no-such-dir-mtbot', '.env') })).toThrow(
      /cannot read env file/,
    );
    const cwd = process.cwd();
    process.chdir(mkdtempSync(join(tmpdir(), 'mtbot-noenv-')));
    try {
      expect(loadBotConfig({ env: VALID }).apiId).toBe(12345);
    } finally {
      process.chdir(cwd);
    }
  });

  it('validates the application schema with the bot variables in one error', () => {
    const app = {
      ADMIN_ID: env.int({ min: 1 }),
      GREETING: env.string().default('hello'),
      BETA: env.bool().default(false),
      WEBHOOK: env.url({ protocols: ['https'] }).optional(),
      MODE: env.enum(['polling', 'push'] as const).default('polling'),
    };
    const config = loadBotConfig({
      env: { ...VALID, ADMIN_ID: '7', BETA: 'yes', WEBHOOK: 'https://example.org/hook' },
      envFile: false,
      app,
    });
    expect(config.app).toEqual({
      ADMIN_ID: 7,
      GREETING: 'hello',
      BETA: true,
      WEBHOOK: new URL('https://example.org/hook'),
      MODE: 'polling',
    });
    const error = failure(() =>
      loadBotConfig({
        env: { API_ID: '1', BETA: 'maybe', WEBHOOK: 'http://x', MODE: 'pull' },
        envFile: false,
        app,
      }),
    );
    expect(error.issues.map((issue) => `${issue.variable}: ${issue.problem}`)).toEqual([
      'API_HASH: missing, expected 32 hex digits (from my.telegram.org)',
      'BOT_TOKEN: missing, expected <digits>:<about 35 letters, digits, _ or -> (from @BotFather)',
      'ADMIN_ID: missing, expected a positive integer',
      'BETA: "maybe" is not a boolean, expected true or false',
      'WEBHOOK: "http://x" has scheme http, expected a https URL',
      'MODE: "pull" is not allowed, expected one of polling, push',
    ]);
  });
});
