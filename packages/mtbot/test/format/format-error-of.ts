import { FormatError } from '../../src/format/format-error';

/** The FormatError `run` throws; fails the test when it throws nothing or something else. */
export function formatErrorOf(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    if (FormatError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}
