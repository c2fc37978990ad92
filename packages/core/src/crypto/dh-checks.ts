/**
 * Checks on the Diffie-Hellman values of the key exchange, as core.telegram.org/mtproto/auth_key
 * (step 5, "Client computes random 2048-bit number b...") and /mtproto/security_guidelines ("Checking
 * dh_prime and g", "Checking g_a and g_b") require of both sides:
 *
 * - dh_prime is a safe 2048-bit prime: 2^2047 < p < 2^2048, p and (p - 1) / 2 both prime;
 * - g is 2..7 and generates the subgroup of order (p - 1) / 2, which for each g is a condition on
 *   p: g = 2: p mod 8 = 7; 3: p mod 3 = 2; 4: none; 5: p mod 5 = 1 or 4; 6: p mod 24 = 19 or 23;
 *   7: p mod 7 = 3, 5 or 6;
 * - g_a and g_b lie in (1, p - 1) and further in [2^(2048-64), p - 2^(2048-64)].
 *
 * Every failure is a {@link SecurityError} naming the check; the values are then discarded.
 */
import { SecurityError } from '../errors/security-error';
import { bitLength, bytesToBigInt } from './big-integers';
import { isProbablePrime } from './primes';

/** The prime Telegram's servers send (the dh_prime of every exchange so far), checked safe once. */
export const TELEGRAM_DH_PRIME = BigInt(
  '0xC71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F48198A0AA7C14058229493D22530F4DB' +
    'FA336F6E0AC925139543AED44CCE7C3720FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F64' +
    '2477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4A4A695811051907E162753B56B0F6B41' +
    '0DBA74D8A84B2A14B3144E0EF1284754FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4' +
    'E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F0D8115F635B105EE2E4E15D04B2454BF' +
    '6F4FADF034B10403119CD8E3B92FCC5B',
);

/**
 * Primes already shown to be safe in this process. Testing a new one costs two Miller–Rabin runs on
 * 2048-bit numbers (about half a second), so each is tested once; Telegram's is listed up front
 * because the tests prove it safe with {@link isSafePrime}.
 */
const knownSafePrimes = new Set<bigint>([TELEGRAM_DH_PRIME]);

/** True when `prime` and (prime - 1) / 2 are both (probable) primes. */
export function isSafePrime(prime: bigint): boolean {
  return isProbablePrime(prime, 24) && isProbablePrime((prime - 1n) >> 1n, 24);
}

/** Checks dh_prime and g as received in server_DH_inner_data; throws a {@link SecurityError}. */
export function checkDhPrimeAndGenerator(dhPrime: Uint8Array | bigint, g: number): void {
  const prime = typeof dhPrime === 'bigint' ? dhPrime : bytesToBigInt(dhPrime);
  if (bitLength(prime) !== 2048) {
    throw new SecurityError(`dh_prime must be a 2048-bit number, got ${bitLength(prime)} bits`);
  }
  if (!Number.isInteger(g) || g < 2 || g > 7) throw new SecurityError(`g must be 2..7, got ${g}`);
  if (!generatorConditionHolds(prime, g)) {
    throw new SecurityError(
      `g = ${g} does not generate the subgroup of order (dh_prime - 1) / 2 for this dh_prime`,
    );
  }
  if (!knownSafePrimes.has(prime)) {
    if (!isSafePrime(prime))
      throw new SecurityError('dh_prime is not a safe prime (p and (p - 1) / 2 prime)');
    knownSafePrimes.add(prime);
  }
}

function generatorConditionHolds(prime: bigint, g: number): boolean {
  switch (g) {
    case 2:
      return prime % 8n === 7n;
    case 3:
      return prime % 3n === 2n;
    case 4:
      return true;
    case 5: {
      const residue = prime % 5n;
      return residue === 1n || residue === 4n;
    }
    case 6: {
      const residue = prime % 24n;
      return residue === 19n || residue === 23n;
    }
    default: {
      const residue = prime % 7n;
      return residue === 3n || residue === 5n || residue === 6n;
    }
  }
}

const SAFETY_MARGIN = 1n << (2048n - 64n);

/**
 * Checks a public DH value (g_a from the server, g_b from the client) against dh_prime:
 * 1 < value < p - 1 and 2^(2048-64) <= value <= p - 2^(2048-64). `name` goes into the error message.
 */
export function checkDhPublicValue(
  value: Uint8Array | bigint,
  dhPrime: Uint8Array | bigint,
  name = 'g_a',
): void {
  const number = typeof value === 'bigint' ? value : bytesToBigInt(value);
  const prime = typeof dhPrime === 'bigint' ? dhPrime : bytesToBigInt(dhPrime);
  if (number <= 1n || number >= prime - 1n)
    throw new SecurityError(`${name} must lie strictly between 1 and dh_prime - 1`);
  if (number < SAFETY_MARGIN || number > prime - SAFETY_MARGIN) {
    throw new SecurityError(`${name} must lie in [2^1984, dh_prime - 2^1984]`);
  }
}
