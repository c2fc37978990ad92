import { SecurityError } from '../../src/errors/security-error';
import { computeAuthKeyId } from '../../src/crypto/key-exchange-kdf';
import {
  decryptMessage,
  encryptMessage,
  INNER_HEADER_LENGTH,
  type MessageSender,
} from '../../src/crypto/message-encryption';
import { createSeededRandomSource } from '../../src/crypto/random-source';
import { SAMPLE, toHex } from './sample-vectors';

const authKey = SAMPLE.authKey;

/** An inner message: 32-byte header with message_data_length, then the data. */
function innerMessage(data: Uint8Array): Uint8Array {
  const inner = new Uint8Array(INNER_HEADER_LENGTH + data.length);
  inner.set(createSeededRandomSource('header')(28));
  new DataView(inner.buffer).setInt32(28, data.length, true);
  inner.set(data, INNER_HEADER_LENGTH);
  return inner;
}

describe('MTProto 2.0 message encryption', () => {
  const random = createSeededRandomSource('messages');

  it.each<MessageSender>(['client', 'server'])('round-trips messages sent by the %s', (sender) => {
    for (const length of [0, 4, 16, 100, 1024, 4096]) {
      const inner = innerMessage(random(length));
      const envelope = encryptMessage(authKey, inner, sender, random);
      expect(toHex(envelope.subarray(0, 8))).toBe(toHex(computeAuthKeyId(authKey)));
      expect((envelope.length - 24) % 16).toBe(0);
      const padding = envelope.length - 24 - inner.length;
      expect(padding).toBeGreaterThanOrEqual(12);
      expect(padding).toBeLessThanOrEqual(1024);
      expect(toHex(decryptMessage(authKey, envelope, sender))).toBe(toHex(inner));
    }
  });

  it('uses different keys for the two directions', () => {
    const envelope = encryptMessage(authKey, innerMessage(random(40)), 'client', random);
    expect(() => decryptMessage(authKey, envelope, 'server')).toThrow(SecurityError);
  });

  it('is reproducible from a seeded random source and varies the padding', () => {
    const inner = innerMessage(new Uint8Array(20));
    const first = encryptMessage(authKey, inner, 'client', createSeededRandomSource('same'));
    const second = encryptMessage(authKey, inner, 'client', createSeededRandomSource('same'));
    expect(toHex(first)).toBe(toHex(second));
    const lengths = new Set<number>();
    for (let index = 0; index < 40; index++)
      lengths.add(encryptMessage(authKey, inner, 'client', random).length);
    expect(lengths.size).toBeGreaterThan(1);
  });

  it('rejects a tampered msg_key', () => {
    const envelope = encryptMessage(authKey, innerMessage(random(64)), 'client', random);
    envelope[8] ^= 0x80;
    expect(() => decryptMessage(authKey, envelope, 'client')).toThrow(/msg_key/);
  });

  it('rejects a tampered ciphertext anywhere', () => {
    const original = encryptMessage(authKey, innerMessage(random(64)), 'server', random);
    for (const position of [24, 40, original.length - 1]) {
      const envelope = original.slice();
      envelope[position] ^= 1;
      expect(() => decryptMessage(authKey, envelope, 'server')).toThrow(SecurityError);
    }
  });

  it('rejects another auth_key_id, bad lengths and truncation', () => {
    const envelope = encryptMessage(authKey, innerMessage(random(64)), 'client', random);
    const otherId = envelope.slice();
    otherId[0] ^= 1;
    expect(() => decryptMessage(authKey, otherId, 'client')).toThrow(/auth_key_id/);
    expect(() => decryptMessage(authKey, envelope.subarray(0, envelope.length - 1), 'client')).toThrow(
      /bad length/,
    );
    expect(() => decryptMessage(authKey, envelope.subarray(0, 24 + 32), 'client')).toThrow(/bad length/);
  });

  it('rejects a message whose message_data_length does not match its padding', () => {
    // Correctly encrypted (msg_key is right) but the declared length leaves only 4 bytes of padding.
    const inner = innerMessage(new Uint8Array(64));
    new DataView(inner.buffer).setInt32(28, 64 + 12, true);
    const envelope = encryptMessage(authKey, inner, 'client', random, { maxExtraPaddingBlocks: 0 });
    expect(() => decryptMessage(authKey, envelope, 'client')).toThrow(/message_data_length/);
  });
});
