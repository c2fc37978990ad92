import { createDecipheriv, createHash } from 'node:crypto';
import { ConfigError } from '../../src/errors/config-error';
import { TransportError } from '../../src/errors/transport-error';
import {
  createObfuscatedClientInit,
  isReservedInitStart,
  obfuscationDcId,
  parseMtproxySecret,
  parseObfuscatedClientInit,
  type ObfuscatedFramingKind,
} from '../../src/transport/obfuscation';
import { concatBytes, hexBytes, seededRandom, thrownBy } from './transport-test-helpers';

const SECRET_HEX = '00112233445566778899aabbccddeeff';

/** AES-256-CTR keystream applied with node's own cipher, as an independent check of the wire bytes. */
function ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createDecipheriv('aes-256-ctr', key, iv).update(data));
}

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** Starts an init may never have, spelled out from the spec rather than taken from the code. */
function startsLikeAnotherProtocol(init: Uint8Array): boolean {
  const first4 = Buffer.from(init.subarray(0, 4)).toString('latin1');
  return (
    init[0] === 0xef ||
    ['HEAD', 'POST', 'GET ', 'OPTI'].includes(first4) ||
    Buffer.from(init.subarray(0, 4)).toString('hex') === '16030102' ||
    init.subarray(0, 4).every((byte) => byte === 0xdd) ||
    init.subarray(0, 4).every((byte) => byte === 0xee) ||
    init.subarray(4, 8).every((byte) => byte === 0)
  );
}

/** A random source that first returns the given 64-byte inits, then a valid one. */
function randomReturning(...inits: Uint8Array[]): (length: number) => Uint8Array {
  return (length) => {
    expect(length).toBe(64);
    return inits.shift() ?? seededRandom('fallback')(64);
  };
}

function initStartingWith(prefix: Uint8Array): Uint8Array {
  const init = seededRandom(Buffer.from(prefix).toString('hex'))(64);
  init.set(prefix);
  return init;
}

describe('MTProxy secrets', () => {
  it('reads a plain 16-byte secret from hex or bytes', () => {
    expect(parseMtproxySecret(SECRET_HEX)).toEqual({ key: hexBytes(SECRET_HEX), paddingRequired: false });
    expect(parseMtproxySecret(hexBytes(SECRET_HEX))).toEqual({
      key: hexBytes(SECRET_HEX),
      paddingRequired: false,
    });
  });

  it('reads a dd secret as requiring padded intermediate', () => {
    expect(parseMtproxySecret(`dd${SECRET_HEX}`)).toEqual({
      key: hexBytes(SECRET_HEX),
      paddingRequired: true,
    });
  });

  it.each([
    ['a fake-TLS secret', `ee${SECRET_HEX}6578616d706c652e636f6d`],
    ['a short secret', '0011'],
    ['17 bytes not starting with dd', `ab${SECRET_HEX}`],
    ['non-hex text', 'zz'.repeat(16)],
  ])('refuses %s with a ConfigError', (_name, secret) => {
    expect(ConfigError.isInstance(thrownBy(() => parseMtproxySecret(secret)))).toBe(true);
  });
});

describe('obfuscationDcId', () => {
  it('adds 10000 for test DCs and negates media DCs', () => {
    expect(obfuscationDcId(2)).toBe(2);
    expect(obfuscationDcId(2, { test: true })).toBe(10002);
    expect(obfuscationDcId(4, { media: true })).toBe(-4);
    expect(obfuscationDcId(1, { media: true, test: true })).toBe(-10001);
  });
});

describe('obfuscation init', () => {
  it.each([
    ['0xef first', Uint8Array.of(0xef, 1, 2, 3)],
    ['HEAD', new TextEncoder().encode('HEAD')],
    ['POST', new TextEncoder().encode('POST')],
    ['GET ', new TextEncoder().encode('GET ')],
    ['OPTI', new TextEncoder().encode('OPTI')],
    ['dddddddd', hexBytes('dddddddd')],
    ['eeeeeeee', hexBytes('eeeeeeee')],
    ['TLS', hexBytes('16030102')],
    ['zero bytes 4..8', hexBytes('01020304 00000000')],
  ])('is regenerated when the random bytes start with %s', (_name, prefix) => {
    const bad = initStartingWith(prefix);
    expect(isReservedInitStart(bad)).toBe(true);
    const good = seededRandom('good')(64);
    const { init } = createObfuscatedClientInit({
      framing: 'abridged',
      dcId: 2,
      random: randomReturning(bad, good),
    });
    expect(init.subarray(0, 56)).toEqual(good.subarray(0, 56));
  });

  it('never starts like another protocol over many seeded runs', () => {
    for (let run = 0; run < 2000; run++) {
      const { init } = createObfuscatedClientInit({
        framing: 'intermediate',
        dcId: 1,
        random: seededRandom(`run-${run}`),
      });
      expect(init).toHaveLength(64);
      if (startsLikeAnotherProtocol(init))
        throw new Error(`run ${run} produced ${Buffer.from(init).toString('hex')}`);
    }
  });

  it.each<[ObfuscatedFramingKind, string]>([
    ['abridged', 'efefefef'],
    ['intermediate', 'eeeeeeee'],
    ['padded-intermediate', 'dddddddd'],
  ])('carries the %s tag and the DC id under the client stream cipher', (framing, tagHex) => {
    const random = seededRandom(`init-${framing}`);
    const raw = seededRandom(`init-${framing}`)(64);
    const { init } = createObfuscatedClientInit({ framing, dcId: -10003, random });
    expect(init.subarray(0, 56)).toEqual(raw.subarray(0, 56));
    const plain = ctr(init.subarray(8, 40), init.subarray(40, 56), init);
    expect(plain.subarray(56, 60)).toEqual(hexBytes(tagHex));
    expect(Buffer.from(plain.subarray(60, 62)).readInt16LE(0)).toBe(-10003);
  });

  it('keys the streams with SHA-256(key || secret) when an MTProxy secret is used', () => {
    const secret = parseMtproxySecret(SECRET_HEX);
    const { init, encryptor } = createObfuscatedClientInit({
      framing: 'intermediate',
      dcId: 2,
      secret,
      random: seededRandom('secret-init'),
    });
    const key = sha256(init.subarray(8, 40), secret.key);
    const stream = ctr(key, init.subarray(40, 56), concatBytes(init, new Uint8Array(8)));
    expect(stream.subarray(56, 60)).toEqual(hexBytes('eeeeeeee'));
    // The send stream continues after the 64 init bytes.
    expect(encryptor.update(new Uint8Array(8))).toEqual(
      ctr(key, init.subarray(40, 56), concatBytes(init, new Uint8Array(8))).subarray(64),
    );
  });

  it('keys the receive stream with the reversed init bytes', () => {
    const { init, decryptor } = createObfuscatedClientInit({
      framing: 'abridged',
      dcId: 2,
      random: seededRandom('rev'),
    });
    const reversed = init.slice(8, 56).reverse();
    const cipherText = ctr(reversed.subarray(0, 32), reversed.subarray(32, 48), hexBytes('0102030405060708'));
    expect(decryptor.update(cipherText)).toEqual(hexBytes('0102030405060708'));
  });

  it('is parsed by the server into the framing, the DC id and matching streams', () => {
    const client = createObfuscatedClientInit({
      framing: 'padded-intermediate',
      dcId: -4,
      random: seededRandom('srv'),
    });
    const server = parseObfuscatedClientInit(client.init);
    expect(server.framing).toBe('padded-intermediate');
    expect(server.dcId).toBe(-4);
    expect(server.decryptor.update(client.encryptor.update(hexBytes('cafebabe')))).toEqual(
      hexBytes('cafebabe'),
    );
    expect(client.decryptor.update(server.encryptor.update(hexBytes('deadbeef')))).toEqual(
      hexBytes('deadbeef'),
    );
  });

  it('is refused by a server when the secret does not match', () => {
    const client = createObfuscatedClientInit({
      framing: 'intermediate',
      dcId: 2,
      secret: parseMtproxySecret(SECRET_HEX),
      random: seededRandom('wrong-secret'),
    });
    const other = parseMtproxySecret('ff'.repeat(16));
    const error = thrownBy(() => parseObfuscatedClientInit(client.init, [other]));
    expect(TransportError.isInstance(error) && error.reason).toBe('bad-obfuscation-tag');
    expect(TransportError.isInstance(thrownBy(() => parseObfuscatedClientInit(client.init)))).toBe(true);
    expect(parseObfuscatedClientInit(client.init, [other, parseMtproxySecret(SECRET_HEX)]).framing).toBe(
      'intermediate',
    );
  });

  it('must use padded intermediate with a dd secret, on both sides', () => {
    const dd = parseMtproxySecret(`dd${SECRET_HEX}`);
    const clientError = thrownBy(() =>
      createObfuscatedClientInit({ framing: 'abridged', dcId: 2, secret: dd, random: seededRandom('dd') }),
    );
    expect(ConfigError.isInstance(clientError)).toBe(true);
    // A client that has the same key without the dd hint and picks intermediate is refused.
    const client = createObfuscatedClientInit({
      framing: 'intermediate',
      dcId: 2,
      secret: parseMtproxySecret(SECRET_HEX),
      random: seededRandom('dd-server'),
    });
    const serverError = thrownBy(() => parseObfuscatedClientInit(client.init, [dd]));
    expect(TransportError.isInstance(serverError) && serverError.reason).toBe('bad-obfuscation-tag');
  });

  it('refuses a DC id outside int16', () => {
    expect(() =>
      createObfuscatedClientInit({ framing: 'abridged', dcId: 40000, random: seededRandom('x') }),
    ).toThrow(ConfigError);
  });
});
