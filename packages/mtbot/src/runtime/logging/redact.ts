/** Put in place of a value whose key names a secret. */
export const REDACTED = '[redacted]';
/** Put in place of a bot token found inside a string. */
export const REDACTED_TOKEN = '[redacted bot token]';

// Keys whose values are credentials wherever they appear (bot_token, apiHash, access_hash,
// authKey, x-api-key, Authorization, ...).
const SECRET_KEY = /token|hash|secret|passw|authorization|auth_?key|api_?key|cookie|credential/i;

// `<bot id>:<secret>`, also inside URLs (`/bot123:AAH.../sendMessage`) where no word boundary helps.
const BOT_TOKEN_IN_TEXT = /(?<!\d)\d{3,20}:[A-Za-z0-9_-]{30,64}/g;

const MAX_DEPTH = 8;

/** True when a field of that name holds a secret and its value must never be logged. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Replaces bot tokens and the given literal secrets inside a text. */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  let result = text.replace(BOT_TOKEN_IN_TEXT, REDACTED_TOKEN);
  for (const secret of secrets) {
    if (secret.length > 0 && result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}

/**
 * A copy of `value` safe to log: fields named like secrets are replaced by {@link REDACTED}, bot
 * tokens and `secrets` inside strings are cut out, errors become plain objects (type, message, stack,
 * cause and their own fields, all scrubbed). Cycles and depth are bounded, so any input is safe.
 */
export function redactSecrets(value: unknown, secrets: readonly string[] = []): unknown {
  return copy(value, secrets, new WeakSet(), 0);
}

function copy(value: unknown, secrets: readonly string[], seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (typeof value !== 'object' || value === null)
    return typeof value === 'bigint' ? value.toString() : value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return `[${value.constructor.name} ${value.length} bytes]`;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => copy(item, secrets, seen, depth + 1));
    const result: Record<string, unknown> = {};
    if (value instanceof Error) {
      result['type'] = value.name;
      result['message'] = scrubText(value.message, secrets);
      if (value.stack !== undefined) result['stack'] = scrubText(value.stack, secrets);
      if (value.cause !== undefined) result['cause'] = copy(value.cause, secrets, seen, depth + 1);
    }
    for (const [key, field] of Object.entries(value)) {
      result[key] = isSecretKey(key) ? REDACTED : copy(field, secrets, seen, depth + 1);
    }
    return result;
  } finally {
    seen.delete(value);
  }
}
