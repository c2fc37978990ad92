/**
 * The permanent auth keys each DC has made, kept outside core's server so that a restarted server (a
 * fault, or a new process with a data dir) knows them again: clients keep their keys and their logins,
 * with no new key exchange (core.telegram.org/mtproto/auth_key). Keys are per DC, as on Telegram.
 */
import type { ServerAuthKey } from 'telegram-mtproto-core';
import { keyName } from './authorizations';

export class DcAuthKeys {
  private readonly byDc = new Map<number, Map<string, Uint8Array>>();

  /** Records a new key of `dcId` (core's onAuthKeyCreated). */
  add(dcId: number, key: ServerAuthKey): void {
    let keys = this.byDc.get(dcId);
    if (keys === undefined) {
      keys = new Map();
      this.byDc.set(dcId, keys);
    }
    keys.set(keyName(key.authKeyId), key.authKey.slice());
  }

  /** The 256-byte keys of `dcId`, for MtprotoServer's `authKeys`. */
  keysOf(dcId: number): Uint8Array[] {
    return [...(this.byDc.get(dcId)?.values() ?? [])];
  }

  /** Every key as [dcId, key], for persistence. */
  entries(): Array<[number, Uint8Array]> {
    return [...this.byDc].flatMap(([dcId, keys]) =>
      [...keys.values()].map((key): [number, Uint8Array] => [dcId, key]),
    );
  }

  get size(): number {
    return [...this.byDc.values()].reduce((sum, keys) => sum + keys.size, 0);
  }
}
