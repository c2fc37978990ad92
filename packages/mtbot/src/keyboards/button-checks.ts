import { KeyboardError } from './keyboard-error';

/** `label` when it is a label Telegram shows (not empty). */
export function checkLabel(label: string): string {
  if (label.length === 0) throw new KeyboardError('a keyboard button needs a label that is not empty');
  return label;
}

/** `url` when it is not empty; Telegram checks the rest. */
export function checkUrl(url: string, label: string): string {
  if (url.length === 0)
    throw new KeyboardError(`button ${JSON.stringify(label)} needs a URL that is not empty`);
  return url;
}

/** The most characters of an input field placeholder (Bot API: 1-64 characters). */
export const MAX_PLACEHOLDER_LENGTH = 64;

/** `placeholder` when Telegram takes it: 1 to 64 characters. */
export function checkPlaceholder(placeholder: string): string {
  if (placeholder.length === 0 || placeholder.length > MAX_PLACEHOLDER_LENGTH) {
    throw new KeyboardError(
      `an input field placeholder has 1 to ${MAX_PLACEHOLDER_LENGTH} characters, got ${placeholder.length}`,
    );
  }
  return placeholder;
}
