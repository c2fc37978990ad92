import { ConfigError, type Api, type PeerCache } from 'telegram-mtproto-core';
import { PeerNotFoundError } from '../errors/peer-not-found-error';
import type { FormattedText } from '../format/formatted-text';
import type { ParseMode, TextOptions } from './message-options';

/** Turns marked-up text into plain text and entities. */
export type TextParser = (source: string) => FormattedText;

/** The parsers behind the parse modes. */
export interface TextParsers {
  readonly html: TextParser;
  readonly markdown: TextParser;
}

/**
 * The text of a message or caption: a string (read by the parse mode) or an already formatted text,
 * such as the `html` and `md` templates give.
 */
export type MessageText = string | FormattedText;

/**
 * The text and entities to send: a {@link FormattedText} goes as it is (no parse mode applies), else
 * `entities` as given win, else the parse mode (the call's, else the client's default) parses `text`,
 * else the text goes as is.
 *
 * @throws {ConfigError} when the text is neither, or a FormattedText comes with `parseMode` or
 *   `entities` (two sources of formatting for one text).
 */
export function formatText(
  text: MessageText,
  options: TextOptions,
  defaultParseMode: ParseMode,
  parsers: TextParsers,
): FormattedText {
  if (typeof text === 'object' && text !== null) return formattedAsIs(text, options);
  if (typeof text !== 'string') {
    throw new ConfigError('the message text must be a string or a formatted text ({ text, entities })');
  }
  if (options.entities !== undefined) return { text, entities: [...options.entities] };
  const mode = 'parseMode' in options ? options.parseMode : defaultParseMode;
  switch (mode) {
    case undefined:
      return { text, entities: [] };
    case 'html':
      return parsers.html(text);
    case 'markdown':
      return parsers.markdown(text);
    default:
      throw new ConfigError(`unknown parse mode ${String(mode)}: use 'html', 'markdown' or none`);
  }
}

function formattedAsIs(text: FormattedText, options: TextOptions): FormattedText {
  if (typeof text.text !== 'string' || !Array.isArray(text.entities)) {
    throw new ConfigError('a formatted message text must have a string text and an entities array');
  }
  // The client's default parse mode does not apply, but one asked for in the call is a contradiction.
  if (options.parseMode !== undefined) {
    throw new ConfigError(
      `the text is already formatted (html/md template or { text, entities }): drop parseMode '${String(options.parseMode)}'`,
    );
  }
  if (options.entities !== undefined) {
    throw new ConfigError(
      'the text is already formatted (html/md template or { text, entities }) and carries its entities: drop the entities option',
    );
  }
  return { text: text.text, entities: [...text.entities] };
}

/**
 * Entities as requests take them: a mention of a user by id (`messageEntityMentionName`, what
 * `tg://user?id=N` links become) must name the user with its access hash
 * (`inputMessageEntityMentionName`), taken from the peer cache.
 */
export function toInputEntities(
  entities: readonly Api.TypeMessageEntity[],
  peers: PeerCache,
): Api.TypeMessageEntity[] {
  return entities.map((entity) => {
    if (entity._ !== 'messageEntityMentionName') return entity;
    const user = peers.inputUser({ kind: 'user', id: entity.user_id });
    if (user === undefined) {
      throw new PeerNotFoundError(
        `user ${entity.user_id}`,
        'a tg://user?id= mention names a user the bot has not met (no access hash)',
      );
    }
    return {
      _: 'inputMessageEntityMentionName',
      offset: entity.offset,
      length: entity.length,
      user_id: user,
    };
  });
}
