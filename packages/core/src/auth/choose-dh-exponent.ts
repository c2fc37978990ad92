import { bytesToBigInt, modPow } from '../crypto/big-integers';
import { checkDhPublicValue } from '../crypto/dh-checks';
import type { RandomSource } from '../crypto/random-source';

/** Bound on draws whose public value falls outside the safe range (each miss has probability ~2^-64). */
const MAX_EXPONENT_ATTEMPTS = 8;

/**
 * Picks a secret DH exponent (2048 random bits: a on the server, b on the client) whose public value
 * g^exponent mod dh_prime passes the range check of core.telegram.org/mtproto/security_guidelines,
 * drawing again when it does not. `name` (`g_a` or `g_b`) names the value in the error after too
 * many misses.
 */
export function chooseDhExponent(
  g: bigint,
  dhPrime: bigint,
  random: RandomSource,
  name: 'g_a' | 'g_b',
): { readonly exponent: bigint; readonly publicValue: bigint } {
  for (let attempt = 0; ; attempt++) {
    const exponent = bytesToBigInt(random(256));
    const publicValue = modPow(g, exponent, dhPrime);
    try {
      checkDhPublicValue(publicValue, dhPrime, name);
      return { exponent, publicValue };
    } catch (error) {
      if (attempt + 1 >= MAX_EXPONENT_ATTEMPTS) throw error;
    }
  }
}
