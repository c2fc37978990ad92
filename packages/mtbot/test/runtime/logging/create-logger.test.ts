import { createLogger, type CreateLoggerOptions } from '../../../src/runtime/logging/create-logger';
import { loggerForUpdate, toMinimalLogger } from '../../../src/runtime/logging/minimal-logger';
import { REDACTED, REDACTED_TOKEN } from '../../../src/runtime/logging/redact';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9';
const API_HASH = '0123456789abcdef0123456789abcdef';
const AUTH_KEY = 'c0ffee'.repeat(20);

function capture(options: CreateLoggerOptions = {}) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'trace',
    ...options,
    destination: { write: (line) => lines.push(line) },
  });
  const text = () => lines.join('');
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, text, records };
}

function expectNoSecret(text: string): void {
  for (const secret of [TOKEN, 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9', API_HASH, AUTH_KEY]) {
    expect(text).not.toContain(secret);
  }
}

describe('createLogger redaction', () => {
  it('writes JSON lines with level, message and fields', () => {
    const { logger, records } = capture();
    logger.info({ chatId: 5 }, 'hello');
    expect(records()).toEqual([{ level: 30, time: expect.any(Number), chatId: 5, msg: 'hello' }]);
  });

  it('redacts secret-named fields at any depth', () => {
    const { logger, records, text } = capture();
    logger.info(
      {
        botToken: TOKEN,
        config: { api_hash: API_HASH, nested: [{ authKey: AUTH_KEY, session_secret: 'x' }] },
        headers: { Authorization: 'Bearer abc', accept: 'json' },
        accessHash: '123',
      },
      'settings',
    );
    expectNoSecret(text());
    expect(records()[0]).toMatchObject({
      botToken: REDACTED,
      config: { api_hash: REDACTED, nested: [{ authKey: REDACTED, session_secret: REDACTED }] },
      headers: { Authorization: REDACTED, accept: 'json' },
      accessHash: REDACTED,
    });
  });

  it('cuts bot tokens out of messages, URLs, format arguments and error messages and stacks', () => {
    const { logger, text, records } = capture();
    logger.warn(`GET https://api.telegram.org/bot${TOKEN}/getMe failed`);
    logger.info('token is %s', TOKEN);
    logger.error(new Error(`login with ${TOKEN} refused`));
    logger.error({ err: new Error(`bad token ${TOKEN}`, { cause: new Error(`cause ${TOKEN}`) }) }, 'wrapped');
    logger.info({ note: `a url /bot${TOKEN}/x` }, 'nested string');
    expectNoSecret(text());
    const [url, format, error, wrapped, nested] = records();
    expect(url!['msg']).toBe(`GET https://api.telegram.org/bot${REDACTED_TOKEN}/getMe failed`);
    expect(format!['msg']).toBe(`token is ${REDACTED_TOKEN}`);
    expect(error!['msg']).toBe(`login with ${REDACTED_TOKEN} refused`);
    expect(error!['err']).toMatchObject({ type: 'Error', message: `login with ${REDACTED_TOKEN} refused` });
    expect(String((error!['err'] as { stack: string }).stack)).toContain(REDACTED_TOKEN);
    expect(wrapped!['err']).toMatchObject({ cause: { message: `cause ${REDACTED_TOKEN}` } });
    expect(nested!['note']).toBe(`a url /bot${REDACTED_TOKEN}/x`);
  });

  it('cuts configured literal secrets from every line', () => {
    const { logger, text } = capture({ secrets: [API_HASH] });
    logger.info(`hash ${API_HASH} in a message`);
    logger.info({ detail: { text: `x${API_HASH}y` } }, 'in a field');
    expectNoSecret(text());
    expect(text()).toContain(`hash ${REDACTED} in a message`);
  });

  it('redacts child bindings and keeps update bindings', () => {
    const { logger, records, text } = capture();
    const child = loggerForUpdate(logger.child({ token: TOKEN }), {
      updateId: 7,
      chatId: -100123n,
      handler: 'Start.run',
    });
    child.info('handled');
    expectNoSecret(text());
    expect(records()[0]).toMatchObject({
      token: REDACTED,
      updateId: 7,
      chatId: '-100123',
      handler: 'Start.run',
    });
  });

  it('survives cycles, bigints and bytes', () => {
    const { logger, records } = capture();
    const looped: Record<string, unknown> = { id: 1n, bytes: new Uint8Array(4) };
    looped['self'] = looped;
    logger.info(looped, 'odd');
    expect(records()[0]).toMatchObject({ id: '1', bytes: '[Uint8Array 4 bytes]', self: '[Circular]' });
  });

  it('adapts to the minimal logger interface with levels and fields', () => {
    const { logger, records, text } = capture({ level: 'info' });
    const minimal = toMinimalLogger(logger);
    minimal.debug('hidden');
    minimal.info('shown', { chatId: 1 });
    minimal.warn('careful');
    minimal.error('failed', { bot_token: TOKEN });
    expectNoSecret(text());
    expect(records().map((record) => [record['level'], record['msg']])).toEqual([
      [30, 'shown'],
      [40, 'careful'],
      [50, 'failed'],
    ]);
    expect(records()[0]!['chatId']).toBe(1);
  });

  it('writes readable lines when pretty, still redacted', () => {
    const { logger, text } = capture({ pretty: true });
    logger.info({ chatId: 3, token: TOKEN }, `sent with ${TOKEN}`);
    logger.error(new Error('boom'));
    expect(text()).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}sent with \[redacted bot token\] chatId=3 token=\[redacted\]\n/,
    );
    expect(text()).toMatch(/ERROR boom\n {4}Error: boom\n/);
    expectNoSecret(text());
  });
});
