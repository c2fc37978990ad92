import type { Api } from 'telegram-mtproto-core';

/**
 * Text with its formatting as Telegram stores it: plain text plus entities whose offsets and lengths
 * count UTF-16 code units (core.telegram.org/api/entities), which is what JavaScript strings count too.
 */
export interface FormattedText {
  readonly text: string;
  readonly entities: Api.TypeMessageEntity[];
}
