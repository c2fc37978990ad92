import { RouteDefinitionError } from '../errors/route-definition-error';

/** A text pattern: a whole-text literal, or a RegExp tested against the text. */
export type TextPattern = string | RegExp;

interface RegExpEntry<T> {
  readonly pattern: RegExp;
  readonly value: T;
  readonly source: string;
}

/** What a text pattern matched: the value and, for a RegExp, its match (with captures). */
export interface TextPatternMatch<T> {
  readonly value: T;
  readonly match: RegExpExecArray | undefined;
}

/**
 * Text patterns grouped so that only those that can match are tested: literals (the whole text) are
 * one Map lookup; RegExps are tried in registration order only when no literal matched.
 */
export class TextPatternTable<T> {
  private readonly literals = new Map<string, { value: T; source: string }>();
  private readonly regExps: RegExpEntry<T>[] = [];

  /** Adds a pattern; throws {@link RouteDefinitionError} when it is already taken or is a stateful RegExp. */
  add(pattern: TextPattern, value: T, source: string, what: string): void {
    if (typeof pattern === 'string') {
      const existing = this.literals.get(pattern);
      if (existing !== undefined) {
        throw new RouteDefinitionError(
          source,
          `${what} "${pattern}" is already handled by ${existing.source}`,
        );
      }
      this.literals.set(pattern, { value, source });
      return;
    }
    if (!(pattern instanceof RegExp)) {
      throw new RouteDefinitionError(source, `a ${what} must be a string or a RegExp, got ${typeof pattern}`);
    }
    if (pattern.global || pattern.sticky) {
      // exec() on a /g or /y RegExp keeps lastIndex between updates, so it would miss every other one.
      throw new RouteDefinitionError(source, `${what} ${String(pattern)} has the g or y flag; drop it`);
    }
    const existing = this.regExps.find(
      (entry) => entry.pattern.source === pattern.source && entry.pattern.flags === pattern.flags,
    );
    if (existing !== undefined) {
      throw new RouteDefinitionError(
        source,
        `${what} ${String(pattern)} is already handled by ${existing.source}`,
      );
    }
    this.regExps.push({ pattern, value, source });
  }

  /** The first pattern that matches `text`, or undefined. */
  match(text: string): TextPatternMatch<T> | undefined {
    const literal = this.literals.get(text);
    if (literal !== undefined) return { value: literal.value, match: undefined };
    const regExps = this.regExps;
    for (let index = 0; index < regExps.length; index += 1) {
      const match = regExps[index].pattern.exec(text);
      if (match !== null) return { value: regExps[index].value, match };
    }
    return undefined;
  }

  /** True when nothing was added. */
  get isEmpty(): boolean {
    return this.literals.size === 0 && this.regExps.length === 0;
  }
}
