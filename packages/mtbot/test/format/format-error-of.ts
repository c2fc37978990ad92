import { FormatError } from '../../src/format/format-error';
import { errorOf } from './error-of';

/** The FormatError `run` throws; fails the test when it throws nothing or something else. */
export function formatErrorOf(run: () => unknown): FormatError {
  return errorOf(run, (value) => FormatError.isInstance(value));
}
