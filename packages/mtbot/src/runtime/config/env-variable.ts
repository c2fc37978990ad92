import { describeSecret, quoteValue } from './secret-hint';

/** What a variable's parser gives back: the value, or why the text was refused. */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Turns the variable's text into a value, or says what is wrong with it (without repeating it). */
export type ValueParser<T> = (text: string) => ParseResult<T>;

interface VariableSpec<T> {
  readonly parse: ValueParser<T>;
  /** Text shown after "expected", e.g. `a positive integer`. */
  readonly expected: string;
  readonly hasDefault: boolean;
  readonly defaultValue?: T;
  readonly optional: boolean;
  readonly secret: boolean;
  readonly description?: string;
}

/**
 * One environment variable of a schema: how to parse it, whether it is required, its default and
 * whether it is a secret (secrets are never shown in messages). Build it with the `env` helpers and
 * refine it with the chainable methods; each returns a new variable.
 *
 * @example
 * ```ts
 * const schema = { PORT: env.int({ min: 1, max: 65535 }).default(8080), ADMIN_TOKEN: env.string().secret() }
 * ```
 */
export class EnvVariable<T> {
  constructor(private readonly spec: VariableSpec<T>) {}

  /** Value used when the variable is unset or empty. */
  default(value: T): EnvVariable<T> {
    return new EnvVariable<T>({ ...this.spec, hasDefault: true, defaultValue: value });
  }

  /** Lets the variable be unset: its value is then `undefined`. */
  optional(): EnvVariable<T | undefined> {
    return new EnvVariable<T | undefined>({ ...this.spec, optional: true });
  }

  /** Marks the value as a secret: messages describe it (`(set, 46 chars, ...)`) and never show it. */
  secret(): EnvVariable<T> {
    return new EnvVariable<T>({ ...this.spec, secret: true });
  }

  /** A short hint appended to "missing" messages, e.g. where to get the value. */
  describe(description: string): EnvVariable<T> {
    return new EnvVariable<T>({ ...this.spec, description });
  }

  /** True for variables marked with {@link secret}. */
  get isSecret(): boolean {
    return this.spec.secret;
  }

  /**
   * Reads the variable's raw text (undefined or empty meaning unset) and returns its value or the
   * problem, worded for a message that names the variable.
   */
  read(raw: string | undefined): ParseResult<T> {
    const text = raw?.trim();
    if (text === undefined || text === '') {
      if (this.spec.hasDefault) return { ok: true, value: this.spec.defaultValue as T };
      if (this.spec.optional) return { ok: true, value: undefined as T };
      const hint = this.spec.description === undefined ? '' : ` (${this.spec.description})`;
      return { ok: false, problem: `missing, expected ${this.spec.expected}${hint}` };
    }
    const result = this.spec.parse(text);
    if (result.ok) return result;
    const shown = this.spec.secret
      ? describeSecret(text, result.problem)
      : `${quoteValue(text)} ${result.problem}`;
    return { ok: false, problem: `${shown}, expected ${this.spec.expected}` };
  }

  /** Builds a variable from a parser; the `env` helpers use it, applications may too. */
  static of<T>(expected: string, parse: ValueParser<T>): EnvVariable<T> {
    return new EnvVariable<T>({ parse, expected, hasDefault: false, optional: false, secret: false });
  }
}
