import { RouteDefinitionError } from '../errors/route-definition-error';
import {
  routableChatTypes,
  routableMediaKinds,
  type RoutableChatType,
  type RoutableMediaKind,
} from '../routable-update';

/** A message kind filter: a media kind, or `message` for any message. */
export type MessageKindFilter = RoutableMediaKind | 'message';

type ChatTypeSlots<T> = Record<RoutableChatType, { value: T; source: string } | undefined>;

function emptySlots<T>(): ChatTypeSlots<T> {
  return { private: undefined, group: undefined, supergroup: undefined, channel: undefined };
}

/**
 * Routes by message kind and chat type through two lookups (kind, then chat type), with the specific
 * kind tried before `message` (any kind). Two routes for the same kind and chat type conflict.
 */
export class KindTable<T> {
  private readonly byKind = new Map<MessageKindFilter, ChatTypeSlots<T>>();

  /** Adds a route; throws {@link RouteDefinitionError} for an unknown kind or chat type, or a conflict. */
  add(
    kinds: readonly MessageKindFilter[],
    chatTypes: readonly RoutableChatType[] | undefined,
    value: T,
    source: string,
  ): void {
    if (kinds.length === 0) throw new RouteDefinitionError(source, 'no message kind given');
    for (const kind of kinds) {
      if (kind !== 'message' && !routableMediaKinds.has(kind)) {
        throw new RouteDefinitionError(
          source,
          `unknown message kind "${String(kind)}"; expected message or one of ${[...routableMediaKinds].join(', ')}`,
        );
      }
    }
    for (const chatType of chatTypes ?? []) {
      if (!routableChatTypes.includes(chatType)) {
        throw new RouteDefinitionError(
          source,
          `unknown chat type "${String(chatType)}"; expected one of ${routableChatTypes.join(', ')}`,
        );
      }
    }
    const types = chatTypes === undefined || chatTypes.length === 0 ? routableChatTypes : chatTypes;
    for (const kind of kinds) {
      const slots = this.byKind.get(kind) ?? emptySlots<T>();
      for (const chatType of types) {
        const existing = slots[chatType];
        if (existing !== undefined) {
          throw new RouteDefinitionError(
            source,
            `${kind} messages in ${chatType} chats are already handled by ${existing.source}`,
          );
        }
      }
      for (const chatType of types) slots[chatType] = { value, source };
      this.byKind.set(kind, slots);
    }
  }

  /** The route for this kind in this chat type, or for any message there, or undefined. */
  lookup(kind: RoutableMediaKind, chatType: RoutableChatType): T | undefined {
    return (this.byKind.get(kind)?.[chatType] ?? this.byKind.get('message')?.[chatType])?.value;
  }
}
