/*
 * The tg:// links that formatting turns into entities of their own (core.telegram.org/api/links):
 * tg://user?id=N mentions a user by id (messageEntityMentionName) and tg://emoji?id=N names a custom
 * emoji (messageEntityCustomEmoji).
 */

const USER_LINK = /^tg:\/\/user\?id=(\d{1,19})$/i;
const EMOJI_LINK = /^tg:\/\/emoji\?id=(\d{1,19})$/i;
const MAX_INT64 = (1n << 63n) - 1n;

/** The user id of a `tg://user?id=N` link, or undefined when `url` is not one. */
export function userIdOfLink(url: string): bigint | undefined {
  const match = USER_LINK.exec(url);
  return match ? positiveInt64(match[1]!) : undefined;
}

/** The document id of a `tg://emoji?id=N` link, or undefined when `url` is not one. */
export function emojiIdOfLink(url: string): bigint | undefined {
  const match = EMOJI_LINK.exec(url);
  return match ? positiveInt64(match[1]!) : undefined;
}

/** `digits` as a positive 64-bit id, or undefined when it is 0 or too big. */
export function positiveInt64(digits: string): bigint | undefined {
  if (!/^\d{1,19}$/.test(digits)) return undefined;
  const value = BigInt(digits);
  return value > 0n && value <= MAX_INT64 ? value : undefined;
}
