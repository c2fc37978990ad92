import { env, loadEnvironment, parseEnv, type EnvValues } from 'mtbot';

/**
 * The example's own variables. `runBot` (and `runDevBot`) validate them with mtbot's own at start-up
 * and refuse to start with a message naming what is wrong, so a malformed value never reaches a handler.
 */
export const BROADCAST_ENV = {
  ADMIN_ID: env
    .custom<bigint>('a Telegram user id (digits)', (text) =>
      /^\d{1,20}$/.test(text)
        ? { ok: true, value: BigInt(text) }
        : { ok: false, problem: 'is not a user id' },
    )
    .optional()
    .describe('the user allowed to /broadcast (the bot tells a user their id)'),
  DATA_DIR: env.string().default('.data').describe('where subscribers and broadcast progress are kept'),
};

/** The values of {@link BROADCAST_ENV}, read from the environment and `.env` like runBot reads them. */
export class Settings {
  private readonly values: EnvValues<typeof BROADCAST_ENV> = parseEnv(BROADCAST_ENV, loadEnvironment());

  /** The admin's user id; undefined when ADMIN_ID is not set (nobody may broadcast). */
  get adminId(): bigint | undefined {
    return this.values.ADMIN_ID;
  }

  get dataDirectory(): string {
    return this.values.DATA_DIR;
  }
}
