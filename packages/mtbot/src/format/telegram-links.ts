/*
 * The tg:// links that formatting turns into entities of their own (core.telegram.org/api/links):
 * tg://user?id=N mentions a user by id (messageEntityMentionName) and tg://emoji?id=N names a custom
 * emoji (messageEntityCustomEmoji). Read as Telegram reads them: any letter case, `tg:` with or without
 * `//`, a `/` after the host allowed, other parameters and a #fragment ignored.
 */

const MAX_INT64 = (1n << 63n) - 1n;

/** The user id of a `tg://user?id=N` link, or undefined when `url` is not one. */
export function userIdOfLink(url: string): bigint | undefined {
  return idOfLink(url, 'user');
}

/** The document id of a `tg://emoji?id=N` link, or undefined when `url` is not one. */
export function emojiIdOfLink(url: string): bigint | undefined {
  return idOfLink(url, 'emoji');
}

/** `digits` as a positive 64-bit id, or undefined when it is 0, too big or not all digits. */
export function positiveInt64(digits: string): bigint | undefined {
  if (!/^\d{1,19}$/.test(digits)) return undefined;
  const value = BigInt(digits);
  return value > 0n && value <= MAX_INT64 ? value : undefined;
}

function idOfLink(url: string, host: string): bigint | undefined {
  const match = new RegExp(`^tg:(?://)?${host}/?\\?([^#]*)`, 'i').exec(url);
  if (!match) return undefined;
  const id = match[1]!.split('&').find((parameter) => parameter.toLowerCase().startsWith('id='));
  return id === undefined ? undefined : positiveInt64(id.slice(3));
}
