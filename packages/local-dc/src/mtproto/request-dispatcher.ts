/**
 * Routes each decrypted RPC to its method handler, after the login check. A method this emulator
 * does not implement gets `400 METHOD_INVALID` (core.telegram.org/api/errors#400-bad-request), never a
 * crash; a constructor that is not a method at all already got `400 INPUT_METHOD_INVALID` from core.
 */
import {
  RpcError,
  TlWriter,
  writeApiObject,
  type Api,
  type MtprotoHandlerResult,
  type MtprotoRequestHandler,
  type MtprotoServerRequest,
} from 'telegram-mtproto-core';
import type { FileStore } from '../world/file-store';
import type { World } from '../world/world';
import type { Authorizations } from './authorizations';
import type { DcDirectory } from './dc-directory';
import type { CallContext, DcDescription, MethodHandlers, MethodName } from './call-context';
import { authMethods } from './handlers/auth-methods';
import { channelsMethods } from './handlers/channels-methods';
import { helpMethods } from './handlers/help-methods';
import { messagesMethods } from './handlers/messages-methods';
import { updatesMethods } from './handlers/updates-methods';
import { usersMethods } from './handlers/users-methods';
import { profileMethods } from './handlers/profile-methods';
import { typingMethods } from './handlers/typing-methods';
import { deleteMethods } from './handlers/delete-methods';
import { uploadMethods } from './handlers/upload-methods';
import { mediaMethods } from './handlers/media-methods';
import { dcTransferMethods } from './handlers/dc-transfer-methods';
import { botMethods } from './handlers/bot-methods';
import { groupModerationMethods } from './handlers/group-moderation-methods';
import { groupFullMethods } from './handlers/group-full-methods';
import { inlineMessageMethods } from './handlers/inline-message-methods';
import { defaultRightsMethods } from './handlers/default-rights-methods';

/** Every implemented method, grouped by namespace in its own file. */
const HANDLERS: MethodHandlers = {
  ...helpMethods,
  ...authMethods,
  ...usersMethods,
  ...profileMethods,
  ...typingMethods,
  ...deleteMethods,
  ...updatesMethods,
  ...messagesMethods,
  ...channelsMethods,
  ...uploadMethods,
  ...mediaMethods,
  ...dcTransferMethods,
  ...botMethods,
  ...groupModerationMethods,
  ...groupFullMethods,
  ...inlineMessageMethods,
  ...defaultRightsMethods,
};

/** Methods an auth key may call before it is logged in. */
const METHODS_WITHOUT_LOGIN: ReadonlySet<string> = new Set<MethodName>([
  'help.getConfig',
  'help.getNearestDc',
  'auth.importBotAuthorization',
  'auth.importAuthorization',
]);

/**
 * Methods only users may call: a bot gets `400 BOT_METHOD_INVALID` (core.telegram.org/api/errors),
 * not METHOD_INVALID. The users' side of these (pressing a button, an inline query, history) is the
 * JS and control API here.
 */
const USER_ONLY_METHODS: ReadonlySet<string> = new Set([
  'messages.getBotCallbackAnswer',
  'messages.getInlineBotResults',
  'messages.sendInlineBotResult',
  'messages.getDialogs',
  'messages.getHistory',
  'messages.readHistory',
  'messages.startBot',
  'messages.createChat',
  'messages.migrateChat',
  'channels.createChannel',
  'channels.joinChannel',
  'channels.readHistory',
  'contacts.getContacts',
]);

export interface RequestDispatcherOptions {
  readonly world: World;
  readonly authorizations: Authorizations;
  readonly dc: () => DcDescription;
  readonly differenceSliceSize: number;
  readonly files: FileStore;
  readonly dcs: DcDirectory;
  /** Told about each call of a method the emulator does not implement (for the log). */
  readonly onUnsupportedMethod?: (method: string) => void;
}

type AnyMethodHandler = (request: never, context: CallContext) => unknown;

export function createRequestDispatcher(options: RequestDispatcherOptions): MtprotoRequestHandler {
  return (request) => dispatch(options, request);
}

function dispatch(options: RequestDispatcherOptions, request: MtprotoServerRequest): MtprotoHandlerResult {
  const accountId = options.authorizations.accountOf(request.authKeyId);
  if (accountId === undefined && !METHODS_WITHOUT_LOGIN.has(request.method)) {
    throw new RpcError(401, 'AUTH_KEY_UNREGISTERED');
  }
  const handler = (HANDLERS as Readonly<Record<string, AnyMethodHandler | undefined>>)[request.method];
  if (handler === undefined && USER_ONLY_METHODS.has(request.method) && accountId !== undefined) {
    if (options.world.account(accountId)?.bot === true) throw new RpcError(400, 'BOT_METHOD_INVALID');
  }
  if (handler === undefined) {
    options.onUnsupportedMethod?.(request.method);
    throw new RpcError(400, 'METHOD_INVALID');
  }
  const result: unknown = handler(request.object as never, {
    world: options.world,
    dc: options.dc(),
    authorizations: options.authorizations,
    request,
    accountId,
    differenceSliceSize: options.differenceSliceSize,
    files: options.files,
    dcs: options.dcs,
  });
  if (Array.isArray(result)) return encodeVector(result as readonly Api.TlObject[]);
  if (typeof result === 'boolean') return encodeBool(result);
  return result as MtprotoHandlerResult;
}

/** A `Bool` result: boolTrue or boolFalse (core.telegram.org/mtproto/serialize). */
function encodeBool(value: boolean): Uint8Array {
  const writer = new TlWriter();
  writer.writeBool(value);
  return writer.finish();
}

/** A `Vector<T>` result, boxed, as the server replies with it (core.telegram.org/mtproto/serialize). */
function encodeVector(items: readonly Api.TlObject[]): Uint8Array {
  const writer = new TlWriter();
  writer.writeVectorHeader(items.length);
  for (const item of items) writeApiObject(writer, item);
  return writer.finish();
}
