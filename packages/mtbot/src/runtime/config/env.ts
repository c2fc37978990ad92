import { EnvVariable, type ParseResult, type ValueParser } from './env-variable';

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (problem: string): ParseResult<never> => ({ ok: false, problem });

/** Options of {@link env.string}. */
export interface StringOptions {
  /** The whole value must match. */
  readonly pattern?: RegExp;
  /** Words for what `pattern` wants, shown in messages (default: `text matching <pattern>`). */
  readonly expected?: string;
}

/** Options of {@link env.int}. */
export interface IntOptions {
  readonly min?: number;
  readonly max?: number;
}

/** Options of {@link env.url}. */
export interface UrlOptions {
  /** Accepted schemes without the colon, e.g. `['http', 'https']` (default: any). */
  readonly protocols?: readonly string[];
}

function parseInteger(text: string, options: IntOptions): ParseResult<number> {
  if (!/^[-+]?\d+$/.test(text)) return fail('is not an integer');
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return fail('is too large');
  if (options.min !== undefined && value < options.min) return fail(`is below ${options.min}`);
  if (options.max !== undefined && value > options.max) return fail(`is above ${options.max}`);
  return ok(value);
}

function describeRange(options: IntOptions): string {
  if (options.min === 1 && options.max === undefined) return 'a positive integer';
  if (options.min !== undefined && options.max !== undefined)
    return `an integer from ${options.min} to ${options.max}`;
  if (options.min !== undefined) return `an integer >= ${options.min}`;
  if (options.max !== undefined) return `an integer <= ${options.max}`;
  return 'an integer';
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/**
 * Builders for the variables of an environment schema. Each gives an {@link EnvVariable} that is
 * required until `.default(...)` or `.optional()` says otherwise.
 *
 * @example
 * ```ts
 * const schema = {
 *   GREETING: env.string().default('hello'),
 *   MAX_USERS: env.int({ min: 1 }).default(100),
 *   BETA: env.bool().default(false),
 *   WEBHOOK: env.url({ protocols: ['https'] }).optional(),
 *   MODE: env.enum(['polling', 'push'] as const).default('polling'),
 * }
 * const config = parseEnv(schema, process.env) // typed: { GREETING: string; MAX_USERS: number; ... }
 * ```
 */
export const env = {
  /** Any non-empty text, or text matching `pattern`. */
  string(options: StringOptions = {}): EnvVariable<string> {
    const { pattern } = options;
    const expected =
      options.expected ?? (pattern === undefined ? 'a non-empty string' : `text matching ${pattern}`);
    return EnvVariable.of(expected, (text) => {
      if (pattern === undefined) return ok(text);
      pattern.lastIndex = 0;
      const match = pattern.exec(text);
      return match !== null && match[0] === text ? ok(text) : fail('is malformed');
    });
  },

  /** A decimal integer within `min`..`max`. */
  int(options: IntOptions = {}): EnvVariable<number> {
    return EnvVariable.of(describeRange(options), (text) => parseInteger(text, options));
  },

  /** `true/false`, `1/0`, `yes/no`, `on/off` (any case). */
  bool(): EnvVariable<boolean> {
    return EnvVariable.of('true or false', (text) => {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return ok(true);
      if (FALSE_WORDS.has(word)) return ok(false);
      return fail('is not a boolean');
    });
  },

  /** An absolute URL, optionally limited to some schemes; the value is a `URL`. */
  url(options: UrlOptions = {}): EnvVariable<URL> {
    const protocols = options.protocols;
    const expected = protocols === undefined ? 'an absolute URL' : `a ${protocols.join(' or ')} URL`;
    return EnvVariable.of(expected, (text) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return fail('is not a URL');
      }
      if (protocols !== undefined && !protocols.includes(url.protocol.slice(0, -1))) {
        return fail(`has scheme ${url.protocol.slice(0, -1)}`);
      }
      return ok(url);
    });
  },

  /** One of a fixed set of words (case-sensitive). */
  enum<const V extends string>(values: readonly V[]): EnvVariable<V> {
    const allowed = new Set<string>(values);
    return EnvVariable.of(`one of ${values.join(', ')}`, (text) =>
      allowed.has(text) ? ok(text as V) : fail('is not allowed'),
    );
  },

  /** A variable with a parser of the application's own. */
  custom<T>(expected: string, parse: ValueParser<T>): EnvVariable<T> {
    return EnvVariable.of(expected, parse);
  },
};
