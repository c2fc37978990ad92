/**
 * The DC's RSA key: generated on first start and, with a data dir, kept there so clients that pinned
 * the printed public key keep trusting the DC after a restart. The file is the private key in PEM,
 * mode 0600 (it is a secret).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateRsaKeyPair,
  parseRsaPrivateKeyPem,
  rsaFingerprint,
  type RsaPrivateKey,
} from 'telegram-mtproto-core';
import { createPublicKey } from 'node:crypto';

export const RSA_KEY_FILE = 'rsa-private-key.pem';

export interface DcRsaKey {
  readonly privateKey: RsaPrivateKey;
  /** PKCS#1 `-----BEGIN RSA PUBLIC KEY-----`, as Telegram clients embed it. */
  readonly publicKeyPem: string;
  /** As in resPQ's server_public_key_fingerprints (unsigned 64-bit). */
  readonly fingerprint: bigint;
}

/** Loads the key of `dataDir`, or generates one (and stores it there when a dir is given). */
export async function loadOrCreateRsaKey(dataDir: string | undefined): Promise<DcRsaKey> {
  const path = dataDir === undefined ? undefined : join(dataDir, RSA_KEY_FILE);
  let privateKeyPem = path === undefined ? undefined : await readIfExists(path);
  if (privateKeyPem === undefined) {
    privateKeyPem = generateRsaKeyPair().privateKeyPem;
    if (path !== undefined) {
      await mkdir(dataDir!, { recursive: true, mode: 0o700 });
      await writeFile(path, privateKeyPem, { mode: 0o600, flag: 'wx' });
    }
  }
  const privateKey = parseRsaPrivateKeyPem(privateKeyPem);
  const publicKeyPem = createPublicKey(privateKey.keyObject)
    .export({ type: 'pkcs1', format: 'pem' })
    .toString();
  return { privateKey, publicKeyPem, fingerprint: rsaFingerprint(privateKey.publicKey) };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
