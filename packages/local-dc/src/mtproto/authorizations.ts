/**
 * Which account each auth key is logged in as. An auth key starts unregistered (every call but the
 * login ones gets 401 AUTH_KEY_UNREGISTERED, core.telegram.org/api/errors#401-unauthorized) and is bound
 * to an account by auth.importBotAuthorization. Updates for an account go to all of its auth keys.
 */
export class Authorizations {
  private readonly accountByKey = new Map<string, bigint>();
  private readonly keysByAccount = new Map<bigint, Map<string, Uint8Array>>();

  bind(authKeyId: Uint8Array, accountId: bigint): void {
    const key = keyName(authKeyId);
    const previous = this.accountByKey.get(key);
    if (previous !== undefined) this.keysByAccount.get(previous)?.delete(key);
    this.accountByKey.set(key, accountId);
    let keys = this.keysByAccount.get(accountId);
    if (keys === undefined) {
      keys = new Map();
      this.keysByAccount.set(accountId, keys);
    }
    keys.set(key, authKeyId.slice());
  }

  accountOf(authKeyId: Uint8Array): bigint | undefined {
    return this.accountByKey.get(keyName(authKeyId));
  }

  /** Every login as [auth_key_id, account], for persistence. */
  entries(): Array<[Uint8Array, bigint]> {
    return [...this.keysByAccount].flatMap(([accountId, keys]) =>
      [...keys.values()].map((authKeyId): [Uint8Array, bigint] => [authKeyId, accountId]),
    );
  }

  /** The auth keys logged in as `accountId`. */
  keysOf(accountId: bigint): readonly Uint8Array[] {
    return [...(this.keysByAccount.get(accountId)?.values() ?? [])];
  }
}

/** A map key for an auth_key_id (its 8 bytes as hex). */
export function keyName(authKeyId: Uint8Array): string {
  return Array.from(authKeyId, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
