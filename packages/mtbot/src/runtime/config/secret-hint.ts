/**
 * Describes a value without showing it, for error messages about secrets:
 * `(set, 46 chars, malformed)`. Only the length leaks, which is what a person needs to spot a
 * truncated paste or a stray quote.
 */
export function describeSecret(value: string, problem: string): string {
  return `(set, ${value.length} chars, ${problem})`;
}

/** Shows a non-secret value in a message, quoted and cut to a readable length. */
export function quoteValue(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(shown);
}
