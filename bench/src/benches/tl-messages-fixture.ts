import type { tl } from '@mtcute/core';
import type { Api } from 'telegram';
import { gramjsEncode, gramjsMessagesObject } from '../anchors/gramjs-tl';
import { mtcuteEncode, mtcuteMessagesObject } from '../anchors/mtcute-tl';
import { messageHistory } from '../fixtures/message-history';

/** The payloads the TL benches work on, built once per bench from the same history. */
export interface TlMessagesFixture {
  /** `messages.messages` at layer 227, written by mtcute; ours decodes these same bytes. */
  readonly layer227Bytes: Uint8Array;
  /** The equivalent `messages.messages` at GramJS's layer 198, written by GramJS. */
  readonly layer198Bytes: Buffer;
}

/** Builds both payloads from the deterministic 100-message, 100-user history. */
export function tlMessagesFixture(): TlMessagesFixture {
  const history = messageHistory();
  return {
    layer227Bytes: mtcuteEncode(mtcuteMessagesObject(history)),
    layer198Bytes: gramjsEncode(gramjsMessagesObject(history)),
  };
}

function countOf(decoded: unknown, field: 'messages' | 'users'): number | undefined {
  const value = typeof decoded === 'object' && decoded !== null ? Reflect.get(decoded, field) : undefined;
  return Array.isArray(value) ? value.length : undefined;
}

/** Throws unless a decoded `messages.messages` has the 100 messages and 100 users it should. */
export function assertMessageCounts(impl: string, decoded: unknown): void {
  const messages = countOf(decoded, 'messages');
  const users = countOf(decoded, 'users');
  if (messages !== 100 || users !== 100) {
    throw new Error(`${impl} decoded ${messages} messages and ${users} users, expected 100 and 100`);
  }
}

/** Throws unless re-encoding gave back the input bytes exactly. */
export function assertRoundTrip(impl: string, input: Uint8Array, output: Uint8Array): void {
  if (!Buffer.from(input).equals(Buffer.from(output))) {
    throw new Error(
      `${impl} re-encoded ${output.length} bytes that differ from the ${input.length} it decoded`,
    );
  }
}

/** mtcute's and GramJS's decoded forms, named for readability at the call sites. */
export type MtcuteMessages = tl.messages.RawMessages;
export type GramjsMessages = Api.messages.Messages;
