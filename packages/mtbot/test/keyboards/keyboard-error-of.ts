import { KeyboardError } from '../../src/keyboards/keyboard-error';
import { errorOf } from '../format/error-of';

/** The message of the KeyboardError `run` throws; fails the test when it throws nothing or something else. */
export function keyboardErrorOf(run: () => unknown): string {
  return errorOf(run, (value) => KeyboardError.isInstance(value)).message;
}
