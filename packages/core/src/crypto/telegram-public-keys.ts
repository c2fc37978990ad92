/**
 * Telegram's published server RSA keys (core.telegram.org/mtproto/auth_key, "RSA public keys"): the
 * production key and the key of the test DCs. A client picks from resPQ's
 * server_public_key_fingerprints the one it knows; the fingerprints here are checked by a test
 * against the values computed from the keys.
 */
import { parseRsaPublicKeyPem, type RsaPublicKey } from './rsa-public-key';

/** One of Telegram's server keys. */
export interface TelegramPublicKey {
  readonly environment: 'production' | 'test';
  readonly pem: string;
  /** Fingerprint as it appears in resPQ (unsigned 64-bit). */
  readonly fingerprint: bigint;
}

/** The keys as published, PEM PKCS#1. */
export const TELEGRAM_PUBLIC_KEYS: readonly TelegramPublicKey[] = [
  {
    environment: 'production',
    fingerprint: 0xd09d1d85de64fd85n,
    pem: `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA6LszBcC1LGzyr992NzE0ieY+BSaOW622Aa9Bd4ZHLl+TuFQ4lo4g
5nKaMBwK/BIb9xUfg0Q29/2mgIR6Zr9krM7HjuIcCzFvDtr+L0GQjae9H0pRB2OO
62cECs5HKhT5DZ98K33vmWiLowc621dQuwKWSQKjWf50XYFw42h21P2KXUGyp2y/
+aEyZ+uVgLLQbRA1dEjSDZ2iGRy12Mk5gpYc397aYp438fsJoHIgJ2lgMv5h7WY9
t6N/byY9Nw9p21Og3AoXSL2q/2IJ1WRUhebgAdGVMlV1fkuOQoEzR7EdpqtQD9Cs
5+bfo3Nhmcyvk5ftB0WkJ9z6bNZ7yxrP8wIDAQAB
-----END RSA PUBLIC KEY-----
`,
  },
  {
    environment: 'test',
    fingerprint: 0xb25898df208d2603n,
    pem: `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAyMEdY1aR+sCR3ZSJrtztKTKqigvO/vBfqACJLZtS7QMgCGXJ6XIR
yy7mx66W0/sOFa7/1mAZtEoIokDP3ShoqF4fVNb6XeqgQfaUHd8wJpDWHcR2OFwv
plUUI1PLTktZ9uW2WE23b+ixNwJjJGwBDJPQEQFBE+vfmH0JP503wr5INS1poWg/
j25sIWeYPHYeOrFp/eXaqhISP6G+q2IeTaWTXpwZj4LzXq5YOpk4bYEQ6mvRq7D1
aHWfYmlEGepfaYR8Q0YqvvhYtMte3ITnuSJs171+GDqpdKcSwHnd6FudwGO4pcCO
j4WcDuXc2CTHgH8gFTNhp/Y8/SpDOhvn9QIDAQAB
-----END RSA PUBLIC KEY-----
`,
  },
];

const parsed = new Map<bigint, RsaPublicKey>();

/**
 * The Telegram key with this fingerprint, parsed, or undefined when it is not one of Telegram's (a
 * client then must not continue the exchange with that fingerprint).
 */
export function findTelegramPublicKey(fingerprint: bigint): RsaPublicKey | undefined {
  const cached = parsed.get(fingerprint);
  if (cached !== undefined) return cached;
  const entry = TELEGRAM_PUBLIC_KEYS.find((candidate) => candidate.fingerprint === fingerprint);
  if (entry === undefined) return undefined;
  const key = parseRsaPublicKeyPem(entry.pem);
  parsed.set(fingerprint, key);
  return key;
}
