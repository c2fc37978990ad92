/**
 * The storage keys of the MTProto client itself. Auth keys are stored as base64 and are never put in
 * error messages or logs.
 */
import {
  bytesToBase64,
  defineStorageKey,
  readArray,
  readBytes,
  readFlag,
  readInteger,
  readLong,
  readObject,
  readString,
  type JsonValue,
  type StorageKey,
} from './storage-key';
import type { PeerCacheState } from '../../peers/peer-cache';
import type { StoredUpdatesState } from '../../updates/updates-state';

/** A permanent auth key (core.telegram.org/mtproto/auth_key): 256 bytes. */
export interface StoredAuthKey {
  readonly key: Uint8Array;
}

/** A temporary auth key (core.telegram.org/api/pfs) and when it expires, in unix seconds. */
export interface StoredTempAuthKey {
  readonly key: Uint8Array;
  readonly expiresAt: number;
}

/**
 * A server salt (core.telegram.org/mtproto/description#server-salt) and its validity window, in unix
 * seconds (the current salt learnt from a message may have validSince 0).
 */
export interface StoredServerSalt {
  readonly salt: bigint;
  readonly validSince: number;
  readonly validUntil: number;
}

/** One address of a DC, as `help.getConfig` lists them (dcOption). */
export interface StoredDcOption {
  readonly id: number;
  readonly host: string;
  readonly port: number;
  readonly ipv6: boolean;
  readonly mediaOnly: boolean;
  readonly tcpoOnly: boolean;
  readonly cdn: boolean;
  readonly isStatic: boolean;
  /** MTProxy-style secret the DC requires, if any. */
  readonly secret?: Uint8Array;
}

const AUTH_KEY_LENGTH = 256;

const authKeys = new Map<number, StorageKey<StoredAuthKey>>();
const tempAuthKeys = new Map<number, StorageKey<StoredTempAuthKey>>();
const serverSalts = new Map<number, StorageKey<readonly StoredServerSalt[]>>();

function perDc<T>(cache: Map<number, StorageKey<T>>, dcId: number, make: () => StorageKey<T>): StorageKey<T> {
  if (!Number.isInteger(dcId)) throw new RangeError(`DC id must be an integer, not ${dcId}`);
  let key = cache.get(dcId);
  if (key === undefined) {
    key = make();
    cache.set(dcId, key);
  }
  return key;
}

function authKeyOf(dcId: number): StorageKey<StoredAuthKey> {
  return perDc(authKeys, dcId, () =>
    defineStorageKey(`mtbot.dc${dcId}.authKey`, {
      encode: (value) => ({ key: bytesToBase64(value.key) }),
      decode: (json) => ({ key: readBytes(readObject(json, 'auth key').key, 'key', AUTH_KEY_LENGTH) }),
    }),
  );
}

function tempAuthKeyOf(dcId: number): StorageKey<StoredTempAuthKey> {
  return perDc(tempAuthKeys, dcId, () =>
    defineStorageKey(`mtbot.dc${dcId}.tempAuthKey`, {
      encode: (value) => ({ key: bytesToBase64(value.key), expiresAt: value.expiresAt }),
      decode: (json) => {
        const object = readObject(json, 'temp auth key');
        return {
          key: readBytes(object.key, 'key', AUTH_KEY_LENGTH),
          expiresAt: readInteger(object.expiresAt, 'expiresAt'),
        };
      },
    }),
  );
}

function serverSaltsOf(dcId: number): StorageKey<readonly StoredServerSalt[]> {
  return perDc(serverSalts, dcId, () =>
    defineStorageKey(`mtbot.dc${dcId}.serverSalts`, {
      encode: (salts) =>
        salts.map((salt) => ({
          salt: salt.salt.toString(),
          validSince: salt.validSince,
          validUntil: salt.validUntil,
        })),
      decode: (json) =>
        readArray(json, 'server salts').map((item, index) => {
          const object = readObject(item, `salt ${index}`);
          return {
            salt: readLong(object.salt, `salt ${index}`),
            validSince: readInteger(object.validSince, `salt ${index} validSince`),
            validUntil: readInteger(object.validUntil, `salt ${index} validUntil`),
          };
        }),
    }),
  );
}

function encodeDcOption(option: StoredDcOption): JsonValue {
  return {
    id: option.id,
    host: option.host,
    port: option.port,
    ipv6: option.ipv6,
    mediaOnly: option.mediaOnly,
    tcpoOnly: option.tcpoOnly,
    cdn: option.cdn,
    isStatic: option.isStatic,
    ...(option.secret === undefined ? {} : { secret: bytesToBase64(option.secret) }),
  };
}

function decodeDcOption(json: JsonValue, index: number): StoredDcOption {
  const object = readObject(json, `DC option ${index}`);
  const port = readInteger(object.port, `DC option ${index} port`);
  if (port < 1 || port > 65535) throw new Error(`DC option ${index} port is out of range`);
  return {
    id: readInteger(object.id, `DC option ${index} id`),
    host: readString(object.host, `DC option ${index} host`),
    port,
    ipv6: readFlag(object.ipv6, 'ipv6'),
    mediaOnly: readFlag(object.mediaOnly, 'mediaOnly'),
    tcpoOnly: readFlag(object.tcpoOnly, 'tcpoOnly'),
    cdn: readFlag(object.cdn, 'cdn'),
    isStatic: readFlag(object.isStatic, 'isStatic'),
    ...(object.secret === undefined ? {} : { secret: readBytes(object.secret, 'secret') }),
  };
}

/** The format of the stored updates state: 2 adds `behindChannels`; 1 (no `version`) loads without. */
const UPDATES_STATE_VERSION = 2;

function encodeUpdatesState(state: StoredUpdatesState): JsonValue {
  return {
    version: UPDATES_STATE_VERSION,
    pts: state.pts,
    qts: state.qts,
    seq: state.seq,
    date: state.date,
    channels: { ...state.channels },
    ...(state.behindChannels !== undefined &&
      state.behindChannels.length > 0 && { behindChannels: [...state.behindChannels] }),
  };
}

function decodeUpdatesState(json: JsonValue): StoredUpdatesState {
  const object = readObject(json, 'updates state');
  const version = object.version === undefined ? 1 : readInteger(object.version, 'version');
  if (version !== 1 && version !== UPDATES_STATE_VERSION)
    throw new Error(`updates state version ${version} is not supported (1 or ${UPDATES_STATE_VERSION})`);
  const channelsObject = readObject(object.channels ?? {}, 'channels');
  const channels: Record<string, number> = {};
  for (const [id, pts] of Object.entries(channelsObject)) {
    if (!/^\d{1,20}$/.test(id)) throw new Error('a channel id is not decimal');
    channels[id] = readInteger(pts, 'channel pts');
  }
  return {
    pts: readInteger(object.pts, 'pts'),
    qts: readInteger(object.qts, 'qts'),
    seq: readInteger(object.seq, 'seq'),
    date: readInteger(object.date, 'date'),
    channels,
    ...(version >= 2 &&
      object.behindChannels !== undefined && {
        behindChannels: readArray(object.behindChannels, 'behindChannels').map((id) => {
          const key = readString(id, 'behind channel id');
          if (channels[key] === undefined) throw new Error('a behind channel has no pts');
          return key;
        }),
      }),
  };
}

function readOptionalLong(json: JsonValue | undefined, field: string): string | undefined {
  return json === undefined ? undefined : readLong(json, field).toString();
}

function readUsernames(json: JsonValue | undefined): string[] | undefined {
  return json === undefined
    ? undefined
    : readArray(json, 'usernames').map((name) => readString(name, 'username'));
}

function optionalString(json: JsonValue | undefined, field: string): string | undefined {
  return json === undefined ? undefined : readString(json, field);
}

/** Validates the JSON form of a PeerCache (see PeerCache.exportState). */
function decodePeers(json: JsonValue): PeerCacheState {
  const object = readObject(json, 'peers');
  if (object.version !== 1) throw new Error('peers version is not 1');
  const users = readArray(object.users, 'users').map((item) => {
    const user = readObject(item, 'user');
    const accessHash = readOptionalLong(user.accessHash, 'user accessHash');
    const usernames = readUsernames(user.usernames);
    const firstName = optionalString(user.firstName, 'firstName');
    const lastName = optionalString(user.lastName, 'lastName');
    return {
      id: readLong(user.id, 'user id').toString(),
      ...(accessHash !== undefined && { accessHash }),
      ...(usernames !== undefined && { usernames }),
      ...(readFlag(user.bot, 'bot') && { bot: true }),
      ...(firstName !== undefined && { firstName }),
      ...(lastName !== undefined && { lastName }),
    };
  });
  const chats = readArray(object.chats, 'chats').map((item) => {
    const chat = readObject(item, 'chat');
    return { id: readLong(chat.id, 'chat id').toString(), title: readString(chat.title, 'chat title') };
  });
  const channels = readArray(object.channels, 'channels').map((item) => {
    const channel = readObject(item, 'channel');
    const accessHash = readOptionalLong(channel.accessHash, 'channel accessHash');
    const usernames = readUsernames(channel.usernames);
    return {
      id: readLong(channel.id, 'channel id').toString(),
      ...(accessHash !== undefined && { accessHash }),
      ...(usernames !== undefined && { usernames }),
      title: readString(channel.title, 'channel title'),
      ...(readFlag(channel.megagroup, 'megagroup') && { megagroup: true }),
    };
  });
  return { version: 1, users, chats, channels };
}

/**
 * The client's own keys. Per-DC keys are functions of the DC id.
 *
 * @example
 * ```ts
 * await storage.set(SessionStorageKeys.authKey(2), { key: authKey });
 * const salts = await storage.get(SessionStorageKeys.serverSalts(2));
 * ```
 */
export const SessionStorageKeys = {
  /** The permanent auth key of a DC. */
  authKey: authKeyOf,
  /** The temporary (PFS) auth key of a DC with its expiry. */
  tempAuthKey: tempAuthKeyOf,
  /** Known server salts of a DC, current first (from the last message and get_future_salts). */
  serverSalts: serverSaltsOf,
  /** Server time minus local time, in seconds (core.telegram.org/mtproto/description#message-identifier-msg-id). */
  timeOffset: defineStorageKey<number>('mtbot.timeOffset', {
    encode: (value) => value,
    decode: (json) => readInteger(json, 'time offset'),
  }),
  /** The DC the account lives on (changed by *_MIGRATE_X errors). */
  currentDc: defineStorageKey<number>('mtbot.currentDc', {
    encode: (value) => value,
    decode: (json) => readInteger(json, 'current DC'),
  }),
  /** The DC list from help.getConfig. */
  dcOptions: defineStorageKey<readonly StoredDcOption[]>('mtbot.dcOptions', {
    encode: (options) => options.map(encodeDcOption),
    decode: (json) => readArray(json, 'DC options').map(decodeDcOption),
  }),
  /**
   * The updates state (pts, qts, seq, date, channel pts) the updates driver resumes from; stored
   * only after the updates it covers were handled (core.telegram.org/api/updates), with the channels
   * that were behind (format version 2; version 1 loads without them).
   */
  updatesState: defineStorageKey<StoredUpdatesState>('mtbot.updatesState', {
    encode: encodeUpdatesState,
    decode: decodeUpdatesState,
  }),
  /** The peer cache: users, chats and channels with their access hashes. */
  peers: defineStorageKey<PeerCacheState>('mtbot.peers', {
    encode: (state) => JSON.parse(JSON.stringify(state)) as JsonValue,
    decode: decodePeers,
  }),
} as const;
