import type {
  RoutableCallbackQuery,
  RoutableChat,
  RoutableChatType,
  RoutableCommand,
  RoutableMediaKind,
  RoutableMemberStatus,
  RoutableMessage,
  RoutableUpdate,
  RoutableUser,
} from '../../src/framework';

/** What the fake update objects were asked to do, in order. */
export interface CallLog {
  readonly calls: string[];
}

export function newLog(): CallLog {
  return { calls: [] };
}

export interface MessageSpec {
  readonly chatType?: RoutableChatType;
  readonly chatId?: bigint;
  readonly senderId?: bigint;
  readonly mediaKind?: RoutableMediaKind;
}

const commandPattern = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/;

/** Parses `/name@bot args` as the bot client's Message does from its bot_command entity. */
function parseCommand(text: string): RoutableCommand | undefined {
  const match = commandPattern.exec(text);
  if (match === null) return undefined;
  return { name: match[1], botName: match[2], args: match[3] ?? '' };
}

function user(id: bigint): RoutableUser {
  return { id, isBot: false, firstName: `user${id}` };
}

export function fakeMessage(text: string, spec: MessageSpec, log: CallLog): RoutableMessage {
  const chat: RoutableChat = { id: spec.chatId ?? 100n, type: spec.chatType ?? 'private' };
  return {
    id: 1,
    chat,
    sender: user(spec.senderId ?? 7n),
    text,
    mediaKind: spec.mediaKind ?? 'text',
    command: parseCommand(text),
    reply: async (replyText) => {
      log.calls.push(`reply:${replyText}`);
      return undefined;
    },
    edit: async (editText) => {
      log.calls.push(`edit:${editText}`);
      return undefined;
    },
  };
}

export function messageUpdate(text: string, log: CallLog, spec: MessageSpec = {}): RoutableUpdate {
  const message = fakeMessage(text, spec, log);
  return { kind: 'message', message, chatId: message.chat.id, senderId: message.sender?.id };
}

export function editedMessageUpdate(text: string, log: CallLog, spec: MessageSpec = {}): RoutableUpdate {
  const message = fakeMessage(text, spec, log);
  return { kind: 'editedMessage', message, chatId: message.chat.id, senderId: message.sender?.id };
}

export function callbackUpdate(
  data: string | undefined,
  log: CallLog,
  spec: MessageSpec = {},
): RoutableUpdate {
  const message = fakeMessage('menu', spec, log);
  const callbackQuery: RoutableCallbackQuery = {
    id: 9n,
    from: user(spec.senderId ?? 7n),
    data,
    message,
    chat: message.chat,
    answer: async (options) => {
      log.calls.push(`answer:${options?.text ?? ''}`);
    },
  };
  return { kind: 'callbackQuery', callbackQuery, chatId: message.chat.id, senderId: callbackQuery.from.id };
}

export function inlineUpdate(query: string, log: CallLog): RoutableUpdate {
  return {
    kind: 'inlineQuery',
    inlineQuery: {
      id: 5n,
      from: user(7n),
      query,
      offset: '',
      answer: async (results) => {
        log.calls.push(`inline:${results.length}`);
      },
    },
    chatId: undefined,
    senderId: 7n,
  };
}

export function chatMemberUpdate(
  oldStatus: RoutableMemberStatus,
  newStatus: RoutableMemberStatus,
): RoutableUpdate {
  const chat: RoutableChat = { id: -200n, type: 'group' };
  return {
    kind: 'chatMember',
    chatMember: { chat, from: user(1n), user: user(2n), oldStatus, newStatus },
    chatId: chat.id,
    senderId: 1n,
  };
}
