import { computeAuthKeyId } from '../crypto/key-exchange-kdf';

/** An auth key the server knows, as a key exchange created it. */
export interface ServerAuthKey {
  /** 256 bytes. Secret: never log it. */
  readonly authKey: Uint8Array;
  /** auth_key_id as its 8 wire bytes. */
  readonly authKeyId: Uint8Array;
  /** For a temporary key, its expiry in unix seconds. */
  readonly expiresAt?: number;
  /** The DC named in p_q_inner_data_dc, if any. */
  readonly dcId?: number;
}

/**
 * Called when a key exchange made a new key, before dh_gen_ok goes out: the key must be usable (and,
 * where persisted, stored) before the client can send its first encrypted message under it.
 */
export type AuthKeyPersistHook = (key: ServerAuthKey) => void | Promise<void>;

/** The server's auth keys by auth_key_id, in memory; a hook persists new ones. */
export class ServerAuthKeys {
  private readonly keys = new Map<bigint, ServerAuthKey>();

  constructor(initial: readonly Uint8Array[] = []) {
    for (const authKey of initial) this.add({ authKey, authKeyId: computeAuthKeyId(authKey) });
  }

  get size(): number {
    return this.keys.size;
  }

  add(key: ServerAuthKey): void {
    this.keys.set(authKeyIdValue(key.authKeyId), key);
  }

  /** The key with the given auth_key_id wire bytes. */
  find(authKeyId: Uint8Array): ServerAuthKey | undefined {
    return this.keys.get(authKeyIdValue(authKeyId));
  }

  has(authKeyId: Uint8Array): boolean {
    return this.keys.has(authKeyIdValue(authKeyId));
  }

  remove(authKeyId: Uint8Array): boolean {
    return this.keys.delete(authKeyIdValue(authKeyId));
  }
}

/** auth_key_id's 8 wire bytes as one little-endian number, for map keys. */
export function authKeyIdValue(authKeyId: Uint8Array): bigint {
  return new DataView(authKeyId.buffer, authKeyId.byteOffset, 8).getBigUint64(0, true);
}
