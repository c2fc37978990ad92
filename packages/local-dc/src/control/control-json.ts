/**
 * The control API's JSON: records out (64-bit ids as decimal strings, since JSON numbers cannot hold
 * them), and checked fields in. A field that is missing or of the wrong type is a {@link ControlInputError}.
 */
import type { StoredMessage, UserRecord } from '../world/records';
import { tlJson } from './tl-json';

/** A request the control API cannot act on: answered 400 with the message. */
export class ControlInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlInputError';
  }
}

export function userJson(user: UserRecord) {
  return {
    id: user.id.toString(),
    accessHash: user.accessHash.toString(),
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    bot: user.bot,
  };
}

export function messageJson(message: StoredMessage) {
  return {
    id: message.id,
    ownerId: message.ownerId.toString(),
    peerId: message.peerId.toString(),
    fromId: message.fromId.toString(),
    out: message.out,
    text: message.text,
    date: message.date,
    editDate: message.editDate,
    replyMarkup: message.replyMarkup === undefined ? undefined : tlJson(message.replyMarkup),
    viaBotId: message.viaBotId?.toString(),
    entities: message.entities === undefined ? undefined : tlJson(message.entities),
    replyToMessageId: message.replyToMessageId,
    forwardedFrom:
      message.forwardedFrom === undefined
        ? undefined
        : { fromId: message.forwardedFrom.fromId.toString(), date: message.forwardedFrom.date },
  };
}

type Fields = Readonly<Record<string, unknown>>;

export function requiredString(fields: Fields, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string') throw new ControlInputError(`"${name}" must be a string`);
  return value;
}

export function optionalString(fields: Fields, name: string): string | undefined {
  return fields[name] === undefined ? undefined : requiredString(fields, name);
}

/** A 64-bit id given as a decimal string (or a safe integer). */
export function requiredId(fields: Fields, name: string): bigint {
  const value = fields[name];
  if (typeof value === 'string' && /^\d{1,19}$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new ControlInputError(`"${name}" must be an id (a decimal string)`);
}

/** A non-negative integer given as a number or a decimal string (query parameters are strings). */
export function optionalInteger(fields: Fields, name: string, max: number): number | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0 || number > max) {
    throw new ControlInputError(`"${name}" must be an integer from 0 to ${max}`);
  }
  return number;
}
