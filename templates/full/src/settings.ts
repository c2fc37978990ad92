// The bot's own settings, read from the environment or .env next to mtbot's (API_ID, BOT_TOKEN, ...).
import { env, loadEnvironment, parseEnv, singleton, type EnvValues, type ParseResult } from 'mtbot';

/** Where sessions, conversations, subscribers and broadcast progress are kept. */
export type DataStoreSetting =
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; readonly directory: string }
  | { readonly kind: 'redis'; readonly url: string };

function parseDataStore(text: string): ParseResult<DataStoreSetting> {
  if (text === 'memory') return { ok: true, value: { kind: 'memory' } };
  if (text.startsWith('file:') && text.length > 'file:'.length) {
    return { ok: true, value: { kind: 'file', directory: text.slice('file:'.length) } };
  }
  if (/^rediss?:\/\/./.test(text)) return { ok: true, value: { kind: 'redis', url: text } };
  // The value may be a Redis URL with a password: the problem is worded without repeating it.
  return { ok: false, problem: 'is not memory, file:<directory> or redis://...' };
}

/**
 * The application's variables. runBot validates them together with mtbot's at start-up (one error
 * naming every problem, exit code 2), since src/bot.ts passes them as `schema`.
 */
export const appSchema = {
  ADMIN_ID: env
    .int({ min: 1 })
    .optional()
    .describe('the Telegram user id allowed to /broadcast; the bot tells you yours'),
  DATA_STORE: env
    .custom('memory, file:<directory> or redis://...', parseDataStore)
    .secret()
    .default({ kind: 'file', directory: './data' }),
};

/** The application's settings, read once per process (a tsyringe singleton), when first injected. */
@singleton()
export class Settings {
  readonly values: EnvValues<typeof appSchema>;

  constructor() {
    this.values = parseEnv(appSchema, loadEnvironment());
  }

  /** The admin's user id, if one is configured. */
  get adminId(): bigint | undefined {
    const id = this.values.ADMIN_ID;
    return id === undefined ? undefined : BigInt(id);
  }
}
