/**
 * Encryption of whole session messages under one auth key (core.telegram.org/mtproto/description,
 * "Encrypted Message"): the inner message layout around crypto/message-encryption's MTProto 2.0
 * envelope. Each side encrypts with its own x (client 0, server 8) and decrypts the other's.
 */
import { ConfigError } from '../errors/config-error';
import { computeAuthKeyId } from '../crypto/key-exchange-kdf';
import { decryptMessage, encryptMessage, type MessageSender } from '../crypto/message-encryption';
import type { RandomSource } from '../crypto/random-source';
import { decodeInnerMessage, encodeInnerMessage, trimEnvelope, type InnerMessage } from './inner-message';

export class SessionEnvelope {
  /** auth_key_id: the low 64 bits of SHA1(auth_key), as sent in front of every envelope. */
  readonly authKeyId: Uint8Array;
  private readonly peer: MessageSender;

  constructor(
    private readonly authKey: Uint8Array,
    /** Which side this session is: it encrypts as this sender and decrypts the other one. */
    private readonly sender: MessageSender,
    private readonly random: RandomSource,
  ) {
    if (authKey.length !== 256) throw new ConfigError(`auth key must be 256 bytes, got ${authKey.length}`);
    this.authKeyId = computeAuthKeyId(authKey);
    this.peer = sender === 'client' ? 'server' : 'client';
  }

  /** Encrypts an inner message into an envelope ready for the transport. */
  seal(message: InnerMessage): Uint8Array {
    return encryptMessage(this.authKey, encodeInnerMessage(message), this.sender, this.random, {
      authKeyId: this.authKeyId,
    });
  }

  /**
   * Decrypts an envelope from the peer (transport junk after the last AES block is cut off first).
   * Throws a SecurityError for a wrong auth_key_id, msg_key or length; a TlDecodeError for a
   * plaintext whose header does not fit.
   */
  open(payload: Uint8Array): InnerMessage {
    return decodeInnerMessage(decryptMessage(this.authKey, trimEnvelope(payload), this.peer, this.authKeyId));
  }

  /** Whether an envelope is addressed to this auth key (compares auth_key_id only). */
  matchesAuthKey(payload: Uint8Array): boolean {
    if (payload.length < 8) return false;
    for (let index = 0; index < 8; index++) if (payload[index] !== this.authKeyId[index]) return false;
    return true;
  }
}
