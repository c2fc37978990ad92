/**
 * The DCs of one emulator and what crosses between them (core.telegram.org/api/datacenter): their
 * addresses for help.getConfig, each account's home DC, and authorizations exported with
 * auth.exportAuthorization for auth.importAuthorization on another DC.
 */
import { secureRandomSource, systemClock, type Clock, type RandomSource } from 'telegram-mtproto-core';
import { keyName } from './authorizations';

/** Where clients reach one DC. */
export interface DcAddress {
  readonly dcId: number;
  readonly host: string;
  readonly port: number;
}

/** What {@link DcDirectory} keeps between runs. */
export interface DcDirectoryState {
  readonly homes: ReadonlyArray<readonly [bigint, number]>;
  readonly importedKeys: readonly string[];
}

/** How long exported authorization bytes may be imported. */
export const EXPORTED_AUTHORIZATION_LIFETIME_MS = 5 * 60 * 1000;

interface ExportedAuthorization {
  readonly accountId: bigint;
  readonly targetDcId: number;
  readonly expiresAt: number;
}

export class DcDirectory {
  private readonly listening = new Map<number, DcAddress>();
  private readonly homes = new Map<bigint, number>();
  private readonly exported = new Map<string, ExportedAuthorization>();
  private readonly importedKeys = new Set<string>();

  constructor(
    /** Every DC id, the main one included. */
    readonly dcIds: readonly number[],
    /** The DC of the ready line: home of accounts created without one. */
    readonly mainDcId: number,
    private readonly random: RandomSource = secureRandomSource,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Records where a DC listens, once its server is up. */
  setAddress(address: DcAddress): void {
    this.listening.set(address.dcId, address);
  }

  /** The DCs that are listening, by id. */
  get addresses(): readonly DcAddress[] {
    return [...this.listening.values()].sort((a, b) => a.dcId - b.dcId);
  }

  has(dcId: number): boolean {
    return this.dcIds.includes(dcId);
  }

  /** Makes `dcId` the home of an account (where it logs in and its uploads from the control API live). */
  setHome(accountId: bigint, dcId: number): void {
    if (!this.has(dcId))
      throw new RangeError(`no DC ${dcId} in this emulator (DCs: ${this.dcIds.join(', ')})`);
    this.homes.set(accountId, dcId);
  }

  homeOf(accountId: bigint): number {
    return this.homes.get(accountId) ?? this.mainDcId;
  }

  /** Home DCs and imported keys, for persistence (exported bytes live minutes: not kept). */
  exportState(): DcDirectoryState {
    return { homes: [...this.homes], importedKeys: [...this.importedKeys] };
  }

  importState(state: DcDirectoryState): void {
    for (const [accountId, dcId] of state.homes) if (this.has(dcId)) this.homes.set(accountId, dcId);
    for (const key of state.importedKeys) this.importedKeys.add(key);
  }

  /** auth.exportAuthorization: bytes that log `accountId` in on `targetDcId`, for a while. */
  exportAuthorization(accountId: bigint, targetDcId: number): Uint8Array {
    this.prune();
    const bytes = this.random(32);
    this.exported.set(keyName(bytes), {
      accountId,
      targetDcId,
      expiresAt: this.clock.now() + EXPORTED_AUTHORIZATION_LIFETIME_MS,
    });
    return bytes;
  }

  /**
   * auth.importAuthorization on `dcId`: true when the bytes are known, meant for this DC, not expired
   * and exported by `accountId`; then `authKeyId` counts as an imported key.
   */
  importAuthorization(accountId: bigint, bytes: Uint8Array, dcId: number, authKeyId: Uint8Array): boolean {
    this.prune();
    const exported = this.exported.get(keyName(bytes));
    if (exported === undefined || exported.targetDcId !== dcId || exported.accountId !== accountId)
      return false;
    this.importedKeys.add(keyName(authKeyId));
    return true;
  }

  /**
   * Whether an auth key was logged in by auth.importAuthorization. Such keys serve a client's extra
   * DC connections (files, mostly); updates go to the sessions on the account's home DC only.
   */
  isImportedKey(authKeyId: Uint8Array): boolean {
    return this.importedKeys.has(keyName(authKeyId));
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [key, exported] of this.exported) {
      if (exported.expiresAt <= now) this.exported.delete(key);
    }
  }
}
