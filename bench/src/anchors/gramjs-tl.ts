import bigInt from 'big-integer';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import type { EntitySpec, MessageHistory, UserSpec } from '../fixtures/message-history';

function long(value: bigint): bigInt.BigInteger {
  return bigInt(value.toString());
}

function entity(spec: EntitySpec): Api.TypeMessageEntity {
  switch (spec.kind) {
    case 'bold':
      return new Api.MessageEntityBold({ offset: spec.offset, length: spec.length });
    case 'mention':
      return new Api.MessageEntityMention({ offset: spec.offset, length: spec.length });
    case 'url':
      return new Api.MessageEntityUrl({ offset: spec.offset, length: spec.length });
    case 'textUrl':
      return new Api.MessageEntityTextUrl({ offset: spec.offset, length: spec.length, url: spec.url });
  }
}

function user(spec: UserSpec): Api.User {
  const status =
    spec.status.kind === 'online'
      ? new Api.UserStatusOnline({ expires: spec.status.expires })
      : spec.status.kind === 'offline'
        ? new Api.UserStatusOffline({ wasOnline: spec.status.wasOnline })
        : new Api.UserStatusRecently({});
  return new Api.User({
    id: long(BigInt(spec.id)),
    bot: spec.isBot || undefined,
    botInfoVersion: spec.isBot ? 1 : undefined,
    accessHash: long(spec.accessHash),
    firstName: spec.firstName,
    lastName: spec.lastName,
    username: spec.username,
    photo:
      spec.photo === undefined
        ? undefined
        : new Api.UserProfilePhoto({ photoId: long(spec.photo.photoId), dcId: spec.photo.dcId }),
    status,
  });
}

/**
 * The history as GramJS's `messages.Messages` (telegram 2.26.22, layer 198). Its constructors
 * differ from layer 227's (message, user, messages.messages), so its bytes differ too; the
 * content is the same.
 */
export function gramjsMessagesObject(history: MessageHistory): Api.messages.Messages {
  const chatId = long(BigInt(history.chat.id));
  return new Api.messages.Messages({
    messages: history.messages.map(
      (message) =>
        new Api.Message({
          id: message.id,
          fromId: new Api.PeerUser({ userId: long(BigInt(message.fromUserId)) }),
          peerId: new Api.PeerChat({ chatId }),
          replyTo:
            message.replyToMessageId === undefined
              ? undefined
              : new Api.MessageReplyHeader({ replyToMsgId: message.replyToMessageId }),
          date: message.date,
          message: message.text,
          entities: message.entities.length === 0 ? undefined : message.entities.map(entity),
        }),
    ),
    chats: [
      new Api.Chat({
        id: chatId,
        title: history.chat.title,
        photo: new Api.ChatPhotoEmpty(),
        participantsCount: history.chat.participantsCount,
        date: history.chat.date,
        version: history.chat.version,
      }),
    ],
    users: history.users.map(user),
  });
}

/** Serialises a GramJS TL object the way GramJS sends it. */
export function gramjsEncode(object: { getBytes(): Buffer }): Buffer {
  return object.getBytes();
}

/** Deserialises a boxed TL object with GramJS's reader. */
export function gramjsDecode(bytes: Buffer): unknown {
  return new BinaryReader(bytes).tgReadObject();
}
