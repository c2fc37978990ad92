/**
 * The encryption of server_DH_inner_data and client_DH_inner_data (core.telegram.org/mtproto/auth_key,
 * steps 5 and 6): AES-IGE under tmp_aes_key of "SHA1(data) + data + padding". Both roles run each
 * direction: the server encrypts what the client decrypts and the other way round.
 */
import { SecurityError } from '../errors/security-error';
import { aesIgeDecrypt, aesIgeEncrypt } from '../crypto/aes-ige';
import type { TemporaryAesKey } from '../crypto/key-exchange-kdf';
import type { RandomSource } from '../crypto/random-source';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { encodeMtproto } from '../tl/tl-codec';
import { frameWithHash, readExpected, unframeWithHash } from './key-exchange-messages';

/** Encrypts `value` (server_DH_inner_data or client_DH_inner_data) under tmp_aes_key. */
export function encryptInnerData(
  value: Mtproto.TlAnyObject,
  temporaryKey: TemporaryAesKey,
  random: RandomSource,
): Uint8Array {
  return aesIgeEncrypt(frameWithHash(encodeMtproto(value), random), temporaryKey.key, temporaryKey.iv);
}

/**
 * Decrypts inner data encrypted under tmp_aes_key and reads the object `name` from it, checking its
 * hash and padding. Throws a SecurityError, worded by `notWholeBlocks` when `encrypted` is not whole
 * AES blocks.
 */
export function decryptInnerData<K extends Mtproto.TlAnyObject['_']>(
  encrypted: Uint8Array,
  temporaryKey: TemporaryAesKey,
  name: K,
  notWholeBlocks: (length: number) => string,
): Extract<Mtproto.TlAnyObject, { _: K }> {
  if (encrypted.length === 0 || encrypted.length % 16 !== 0) {
    throw new SecurityError(notWholeBlocks(encrypted.length));
  }
  return unframeWithHash(aesIgeDecrypt(encrypted, temporaryKey.key, temporaryKey.iv), name, (reader) =>
    readExpected(reader, name),
  );
}
