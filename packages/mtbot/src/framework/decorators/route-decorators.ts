import type { RoutableChatType } from '../routable-update';
import type { ChatMemberFilter } from '../routing/chat-member-table';
import type { MessageKindFilter } from '../routing/kind-table';
import type { TextPattern } from '../routing/text-pattern-table';
import { appendMetadata, handlersKey, type HandlerMetadata, type RouteSpec } from './metadata-keys';

function routeDecorator(route: RouteSpec): MethodDecorator {
  return (target, method) => {
    appendMetadata<HandlerMetadata>(handlersKey, [{ method, route }], target);
  };
}

function listOf<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * Handles a command, or several aliases: `@Command('start')`, `@Command(['help', 'h'])`. `/start@bot`
 * is taken only when `bot` is this bot; `@Args()` (or `ctx.args`) is the rest of the text, e.g. a
 * deep-link payload of `/start`.
 */
export function Command(names: string | readonly string[]): MethodDecorator {
  return routeDecorator({ type: 'command', names: listOf(names) });
}

/** Handles messages whose whole text is a string, or that a RegExp matches (`@Match()` gives the captures). */
export function Hears(patterns: TextPattern | readonly TextPattern[]): MethodDecorator {
  return routeDecorator({ type: 'hears', patterns: listOf(patterns) });
}

/** Handles messages of a kind (`photo`, `document`, `text`, ... or `message` for any), in some chat types. */
export function On(
  kinds: MessageKindFilter | readonly MessageKindFilter[],
  options: { chatType?: RoutableChatType | readonly RoutableChatType[] } = {},
): MethodDecorator {
  return routeDecorator({ type: 'on', kinds: listOf(kinds), chatType: options.chatType });
}

/** Handles edited messages: any (no argument) or of the kinds given. */
export function EditedMessage(
  kinds: MessageKindFilter | readonly MessageKindFilter[] = 'message',
  options: { chatType?: RoutableChatType | readonly RoutableChatType[] } = {},
): MethodDecorator {
  return routeDecorator({ type: 'editedMessage', kinds: listOf(kinds), chatType: options.chatType });
}

/** Handles button presses whose data matches `item/:id` (`@Param('id')`) or a RegExp (`@Match()`). */
export function CallbackQuery(patterns: TextPattern | readonly TextPattern[]): MethodDecorator {
  return routeDecorator({ type: 'callbackQuery', patterns: listOf(patterns) });
}

/** Handles inline queries: any (no argument), or those equal to a string or matching a RegExp. */
export function InlineQuery(patterns?: TextPattern | readonly TextPattern[]): MethodDecorator {
  return routeDecorator({
    type: 'inlineQuery',
    patterns: patterns === undefined ? undefined : listOf(patterns),
  });
}

/** Handles chat member changes: all, or those matching old/new status filters. */
export function ChatMember(filter?: ChatMemberFilter): MethodDecorator {
  return routeDecorator({ type: 'chatMember', filter });
}

/** Handles every update no other route took (one per bot). */
export function Fallback(): MethodDecorator {
  return routeDecorator({ type: 'fallback' });
}
