/**
 * What `MtprotoClient` keeps in its {@link SessionStorage} for one DC: the permanent auth key, the
 * bound temporary key (core.telegram.org/api/pfs), the server salt and the clock offset. One place
 * for these keys, so the client and its PFS lifecycle write them the same way.
 */
import type { AuthKeyExchangeResult } from '../auth/auth-key-exchange-result';
import type { Clock } from '../crypto/clock';
import type { ClientSession } from '../session/client-session';
import type { SessionStorage } from './storage/session-storage';
import { SessionStorageKeys, type StoredTempAuthKey } from './storage/session-storage-keys';
import { storageEntry, type StorageEntry } from './storage/storage-key';

/** A salt is stored as good for 30 minutes of server time, as the first one is (core.telegram.org/mtproto/auth_key). */
const SALT_VALIDITY_SECONDS = 1800;

/** The permanent key and session parameters found in storage; salt 0 and offset 0 when none were kept. */
export interface StoredSessionState {
  readonly authKey: Uint8Array | undefined;
  readonly serverSalt: bigint;
  readonly timeOffsetSeconds: number;
}

/**
 * Reads and writes the client's storage entries. Writes a key depends on (a new key, before it is
 * used) are returned for the caller to await; background writes (salts, deletions) are tracked so
 * `settled()` can wait for them, and their failures go to `onError` instead of being lost.
 */
export class ClientSessionStore {
  private backgroundWrites: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: SessionStorage,
    private readonly dcId: number,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {}

  async load(): Promise<StoredSessionState> {
    const [stored, salts, timeOffset] = await Promise.all([
      this.storage.get(SessionStorageKeys.authKey(this.dcId)),
      this.storage.get(SessionStorageKeys.serverSalts(this.dcId)),
      this.storage.get(SessionStorageKeys.timeOffset),
    ]);
    return { authKey: stored?.key, serverSalt: salts?.[0]?.salt ?? 0n, timeOffsetSeconds: timeOffset ?? 0 };
  }

  /** A new permanent key is stored before it is used, so a crash right after cannot orphan the server's copy. */
  storeAuthKey(result: AuthKeyExchangeResult, serverSalt: bigint): Promise<void> {
    return this.storage.setMany([
      storageEntry(SessionStorageKeys.authKey(this.dcId), { key: result.authKey }),
      ...this.sessionEntries(serverSalt, result.serverTime, result.timeOffset),
      storageEntry(SessionStorageKeys.currentDc, this.dcId),
    ]);
  }

  loadTemporaryKey(): Promise<StoredTempAuthKey | undefined> {
    return this.storage.get(SessionStorageKeys.tempAuthKey(this.dcId));
  }

  /** PFS: a temporary key is stored only once bound, so a stored one is known to the server. */
  storeTemporaryKey(
    temporary: StoredTempAuthKey,
    serverSalt: bigint,
    result: AuthKeyExchangeResult,
  ): Promise<void> {
    return this.storage.setMany([
      storageEntry(SessionStorageKeys.tempAuthKey(this.dcId), {
        key: temporary.key,
        expiresAt: temporary.expiresAt,
      }),
      ...this.sessionEntries(serverSalt, result.serverTime, result.timeOffset),
    ]);
  }

  /** Keeps the session's current salt and clock offset, so a restart does not start with bad_server_salt. */
  persistSession(session: ClientSession): void {
    const serverNow = Math.floor(this.clock.now() / 1000) + session.timeOffsetSeconds;
    this.track(
      this.storage.setMany(this.sessionEntries(session.serverSalt, serverNow, session.timeOffsetSeconds)),
    );
  }

  /** Transport error -404: the server does not know the permanent key any more. */
  forgetAuthKey(): void {
    this.track(this.storage.delete(SessionStorageKeys.authKey(this.dcId)));
  }

  /** PFS, transport error -404: the server does not know the temporary key any more. */
  forgetTemporaryKey(): void {
    this.track(this.storage.delete(SessionStorageKeys.tempAuthKey(this.dcId)));
  }

  /** Resolves once every background write has finished (failed ones were reported). */
  settled(): Promise<void> {
    return this.backgroundWrites;
  }

  private sessionEntries(
    serverSalt: bigint,
    serverNowSeconds: number,
    timeOffsetSeconds: number,
  ): StorageEntry[] {
    return [
      storageEntry(SessionStorageKeys.serverSalts(this.dcId), [
        {
          salt: serverSalt,
          validSince: serverNowSeconds,
          validUntil: serverNowSeconds + SALT_VALIDITY_SECONDS,
        },
      ]),
      storageEntry(SessionStorageKeys.timeOffset, timeOffsetSeconds),
    ];
  }

  private track(write: Promise<void>): void {
    const reported = write.catch((error: unknown) => this.onError(error));
    this.backgroundWrites = this.backgroundWrites.then(() => reported);
  }
}
