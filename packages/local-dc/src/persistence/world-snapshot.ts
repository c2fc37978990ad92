/**
 * The emulator's state as one snapshot (what `--data-dir` keeps between runs): the world (accounts,
 * bot tokens, message boxes with their ids and pts, groups and channels, qts logs), stored media, home
 * DCs, the servers' auth keys, which account each key is logged in as, and the bots' command lists,
 * inline settings and answers and chat_instances. Taking a snapshot reads the
 * live state; restoring puts it back into fresh objects before any client connects.
 */
import { computeAuthKeyId } from 'telegram-mtproto-core';
import type { Authorizations } from '../mtproto/authorizations';
import type { DcAuthKeys } from '../mtproto/dc-auth-keys';
import type { DcDirectory, DcDirectoryState } from '../mtproto/dc-directory';
import type { FileStore } from '../world/file-store';
import type { StoredMedia } from '../world/media-records';
import type { World, WorldState } from '../world/world';
import {
  exportBotInteractions,
  importBotInteractions,
  type BotInteractionsState,
} from '../bots/bot-interactions';

/** Bumped when the layout changes in a way older files cannot be read as. */
export const SNAPSHOT_VERSION = 1;

export interface LocalDcSnapshot {
  readonly version: number;
  /** The bot of the ready line. */
  readonly defaultBotId: bigint;
  readonly world: WorldState;
  readonly media: readonly StoredMedia[];
  readonly dcs: DcDirectoryState;
  /** [dcId, 256-byte auth key]. */
  readonly authKeys: ReadonlyArray<readonly [number, Uint8Array]>;
  /** [auth_key_id, account id]: bot logins. */
  readonly logins: ReadonlyArray<readonly [Uint8Array, bigint]>;
  /** Command lists, inline settings and answers, chat_instances (absent in older files). */
  readonly bots?: BotInteractionsState;
}

/** The live state a snapshot is taken from and restored into. */
export interface SnapshotParts {
  readonly world: World;
  readonly files: FileStore;
  readonly dcs: DcDirectory;
  readonly authKeys: DcAuthKeys;
  readonly authorizations: Authorizations;
}

export function takeSnapshot(parts: SnapshotParts, defaultBotId: bigint): LocalDcSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    defaultBotId,
    world: parts.world.exportState(),
    media: parts.files.allMedia(),
    dcs: parts.dcs.exportState(),
    authKeys: parts.authKeys.entries(),
    logins: parts.authorizations.entries(),
    bots: exportBotInteractions(parts.world),
  };
}

/** Puts a snapshot into fresh parts; returns the default bot's id. */
export function restoreSnapshot(parts: SnapshotParts, snapshot: LocalDcSnapshot): bigint {
  parts.world.importState(snapshot.world);
  parts.files.restoreMedia(snapshot.media);
  parts.dcs.importState(snapshot.dcs);
  for (const [dcId, authKey] of snapshot.authKeys) {
    parts.authKeys.add(dcId, { authKey, authKeyId: computeAuthKeyId(authKey) });
  }
  for (const [authKeyId, accountId] of snapshot.logins) parts.authorizations.bind(authKeyId, accountId);
  if (snapshot.bots !== undefined) importBotInteractions(parts.world, snapshot.bots);
  return snapshot.defaultBotId;
}

/**
 * Checks the outline of parsed JSON (what a damaged or foreign file gets wrong); returns a reason when
 * it is not a snapshot, undefined when it is.
 */
export function snapshotProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const snapshot = value as Partial<Record<keyof LocalDcSnapshot, unknown>>;
  if (snapshot.version !== SNAPSHOT_VERSION) {
    return `version ${String(snapshot.version)} is not the supported ${SNAPSHOT_VERSION}`;
  }
  if (typeof snapshot.defaultBotId !== 'bigint') return 'no defaultBotId';
  const world = snapshot.world as Partial<Record<keyof WorldState, unknown>> | undefined;
  if (typeof world !== 'object' || world === null) return 'no world';
  for (const field of ['accounts', 'botSecrets', 'boxes'] as const) {
    if (!Array.isArray(world[field])) return `world.${field} is not a list`;
  }
  if ((world.accounts as unknown[]).length !== (world.boxes as unknown[]).length) {
    return 'world.accounts and world.boxes differ in length';
  }
  if (typeof world.groups !== 'object' || world.groups === null) return 'no world.groups';
  if (typeof world.ids !== 'object' || world.ids === null) return 'no world.ids';
  for (const field of ['media', 'authKeys', 'logins'] as const) {
    if (!Array.isArray(snapshot[field])) return `${field} is not a list`;
  }
  if (typeof snapshot.dcs !== 'object' || snapshot.dcs === null) return 'no dcs';
  return undefined;
}
