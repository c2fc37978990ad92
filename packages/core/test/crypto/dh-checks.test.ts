import { SecurityError } from '../../src/errors/security-error';
import {
  checkDhPrimeAndGenerator,
  checkDhPublicValue,
  isSafePrime,
  TELEGRAM_DH_PRIME,
} from '../../src/crypto/dh-checks';
import { isProbablePrime } from '../../src/crypto/primes';

// RFC 3526 group 14: a safe 2048-bit prime that is not Telegram's, so it goes through Miller–Rabin.
const RFC_3526_PRIME = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AACAA68FFFFFFFFFFFFFFFF',
);

describe('DH checks', () => {
  it('proves Telegram dh_prime safe by Miller–Rabin, and RFC 3526 group 14 too', () => {
    expect(isSafePrime(TELEGRAM_DH_PRIME)).toBe(true);
    expect(RFC_3526_PRIME % 8n).toBe(7n);
    expect(() => checkDhPrimeAndGenerator(RFC_3526_PRIME, 2)).not.toThrow();
  });

  it('accepts Telegram dh_prime with each g whose condition it meets, and refuses the others', () => {
    // TELEGRAM_DH_PRIME: mod 8 = 3, mod 3 = 2, mod 5 = 3, mod 24 = 11, mod 7 = 6.
    for (const g of [3, 4, 7]) expect(() => checkDhPrimeAndGenerator(TELEGRAM_DH_PRIME, g)).not.toThrow();
    for (const g of [2, 5, 6])
      expect(() => checkDhPrimeAndGenerator(TELEGRAM_DH_PRIME, g)).toThrow(SecurityError);
  });

  it.each([
    ['g below 2', TELEGRAM_DH_PRIME, 1, /g must be 2..7/],
    ['g above 7', TELEGRAM_DH_PRIME, 8, /g must be 2..7/],
    ['a 2047-bit prime', TELEGRAM_DH_PRIME >> 1n, 4, /2048-bit/],
    ['a 2049-bit number', TELEGRAM_DH_PRIME << 1n, 4, /2048-bit/],
    ['a composite', TELEGRAM_DH_PRIME + 2n * 3n * 5n * 7n * 8n, 4, /not a safe prime/],
  ])('rejects %s', (_name, prime, g, message) => {
    expect(() => checkDhPrimeAndGenerator(prime, g)).toThrow(SecurityError);
    expect(() => checkDhPrimeAndGenerator(prime, g)).toThrow(message);
  });

  it('rejects a prime that is not safe ((p - 1) / 2 composite)', () => {
    // The first prime of the form 2^2047 + 1 + 4k (k = 1265, found by a search with isProbablePrime):
    // p = 1 mod 4 makes (p - 1) / 2 even, so p is prime but not safe.
    const prime = (1n << 2047n) + 1n + 4n * 1265n;
    expect(isProbablePrime(prime)).toBe(true);
    expect(() => checkDhPrimeAndGenerator(prime, 4)).toThrow(/not a safe prime/);
  });

  const margin = 1n << 1984n;
  it.each([
    ['0', 0n, /strictly between/],
    ['1', 1n, /strictly between/],
    ['p - 1', TELEGRAM_DH_PRIME - 1n, /strictly between/],
    ['p', TELEGRAM_DH_PRIME, /strictly between/],
    ['2', 2n, /2\^1984/],
    ['2^1984 - 1', margin - 1n, /2\^1984/],
    ['p - 2^1984 + 1', TELEGRAM_DH_PRIME - margin + 1n, /2\^1984/],
  ])('rejects g_a = %s', (_name, value, message) => {
    expect(() => checkDhPublicValue(value, TELEGRAM_DH_PRIME, 'g_a')).toThrow(message);
  });

  it('accepts the edges of the allowed range and names the value', () => {
    expect(() => checkDhPublicValue(margin, TELEGRAM_DH_PRIME)).not.toThrow();
    expect(() => checkDhPublicValue(TELEGRAM_DH_PRIME - margin, TELEGRAM_DH_PRIME)).not.toThrow();
    expect(() => checkDhPublicValue(1n, TELEGRAM_DH_PRIME, 'g_b')).toThrow(/^g_b/);
  });
});
