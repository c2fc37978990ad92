import { RpcError, type Api, type MtprotoServerRequest } from 'telegram-mtproto-core';
import type { World } from '../world/world';
import type { FileStore } from '../world/file-store';
import type { Authorizations } from './authorizations';
import type { DcDirectory } from './dc-directory';

/** How the DC describes itself in help.getConfig and help.getNearestDc. */
export interface DcDescription {
  readonly dcId: number;
  readonly host: string;
  readonly port: number;
}

/** What a method handler gets besides its request. */
export interface CallContext {
  readonly world: World;
  readonly dc: DcDescription;
  readonly authorizations: Authorizations;
  readonly request: MtprotoServerRequest;
  /** At most this many pts events per updates.getDifference answer; past it, a differenceSlice. */
  readonly differenceSliceSize: number;
  /** Uploaded parts and stored media (shared by every DC; each medium knows its DC). */
  readonly files: FileStore;
  /** Every DC of the emulator, accounts' home DCs, exported authorizations. */
  readonly dcs: DcDirectory;
  /** The account the auth key is logged in as; undefined before auth.importBotAuthorization. */
  readonly accountId: bigint | undefined;
}

/** The logged-in account, or 401 AUTH_KEY_UNREGISTERED (core.telegram.org/api/errors). */
export function loggedInAccount(context: CallContext): bigint {
  if (context.accountId === undefined) throw new RpcError(401, 'AUTH_KEY_UNREGISTERED');
  return context.accountId;
}

/** Every method of the API by name. */
export type MethodName = keyof Api.TlMethodByName & keyof Api.TlMethodResults;

/** Answers one method with the result type the schema gives it. */
export type MethodHandler<M extends MethodName> = (
  request: Api.TlMethodByName[M],
  context: CallContext,
) => Api.TlMethodResults[M];

/** A group of handlers, one per method (a namespace's file exports one). */
export type MethodHandlers = { readonly [M in MethodName]?: MethodHandler<M> };
