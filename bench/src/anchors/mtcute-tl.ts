import { Long, type tl } from '@mtcute/core';
import { TlBinaryReader, TlBinaryWriter, __tlReaderMap, __tlWriterMap } from '@mtcute/core/utils.js';
import type { EntitySpec, MessageHistory, UserSpec } from '../fixtures/message-history';

function long(value: bigint): Long {
  return Long.fromString(BigInt.asIntN(64, value).toString());
}

function entity(spec: EntitySpec): tl.TypeMessageEntity {
  switch (spec.kind) {
    case 'bold':
      return { _: 'messageEntityBold', offset: spec.offset, length: spec.length };
    case 'mention':
      return { _: 'messageEntityMention', offset: spec.offset, length: spec.length };
    case 'url':
      return { _: 'messageEntityUrl', offset: spec.offset, length: spec.length };
    case 'textUrl':
      return { _: 'messageEntityTextUrl', offset: spec.offset, length: spec.length, url: spec.url };
  }
}

function user(spec: UserSpec): tl.RawUser {
  const status: tl.TypeUserStatus =
    spec.status.kind === 'online'
      ? { _: 'userStatusOnline', expires: spec.status.expires }
      : spec.status.kind === 'offline'
        ? { _: 'userStatusOffline', wasOnline: spec.status.wasOnline }
        : { _: 'userStatusRecently' };
  return {
    _: 'user',
    id: spec.id,
    bot: spec.isBot || undefined,
    botInfoVersion: spec.isBot ? 1 : undefined,
    accessHash: long(spec.accessHash),
    firstName: spec.firstName,
    lastName: spec.lastName,
    username: spec.username,
    photo:
      spec.photo === undefined
        ? undefined
        : { _: 'userProfilePhoto', photoId: long(spec.photo.photoId), dcId: spec.photo.dcId },
    status,
  };
}

/** The history as mtcute's `messages.messages` object (mtcute 0.30.3, layer 227). */
export function mtcuteMessagesObject(history: MessageHistory): tl.messages.RawMessages {
  return {
    _: 'messages.messages',
    messages: history.messages.map((message): tl.RawMessage => ({
      _: 'message',
      id: message.id,
      fromId: { _: 'peerUser', userId: message.fromUserId },
      peerId: { _: 'peerChat', chatId: history.chat.id },
      replyTo:
        message.replyToMessageId === undefined
          ? undefined
          : { _: 'messageReplyHeader', replyToMsgId: message.replyToMessageId },
      date: message.date,
      message: message.text,
      entities: message.entities.length === 0 ? undefined : message.entities.map(entity),
    })),
    topics: [],
    chats: [
      {
        _: 'chat',
        id: history.chat.id,
        title: history.chat.title,
        photo: { _: 'chatPhotoEmpty' },
        participantsCount: history.chat.participantsCount,
        date: history.chat.date,
        version: history.chat.version,
      },
    ],
    users: history.users.map(user),
  };
}

/** Serialises any TL object with mtcute's generated writers. */
export function mtcuteEncode(object: tl.TlObject): Uint8Array {
  return TlBinaryWriter.serializeObject(__tlWriterMap, object);
}

/** Deserialises a boxed TL object with mtcute's generated readers. */
export function mtcuteDecode<T>(bytes: Uint8Array): T {
  return TlBinaryReader.deserializeObject<T>(__tlReaderMap, bytes);
}
