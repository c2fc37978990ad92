import { bigIntToBytes, bitLength, bytesToBigInt, gcd, modPow } from '../../src/crypto/big-integers';
import { ManualClock, systemClock } from '../../src/crypto/clock';
import { createSeededRandomSource, secureRandomSource } from '../../src/crypto/random-source';
import { serializeTlBytes } from '../../src/crypto/tl-bytes';
import { toHex } from './sample-vectors';

describe('big-endian integers', () => {
  it('converts both ways, padded or shortest', () => {
    expect(bytesToBigInt(Uint8Array.of(0x01, 0x00))).toBe(256n);
    expect(bytesToBigInt(new Uint8Array(0))).toBe(0n);
    expect(toHex(bigIntToBytes(256n))).toBe('0100');
    expect(toHex(bigIntToBytes(0n))).toBe('00');
    expect(toHex(bigIntToBytes(255n, 4))).toBe('000000FF');
    expect(() => bigIntToBytes(65536n, 2)).toThrow(RangeError);
    expect(() => bigIntToBytes(-1n)).toThrow(RangeError);
    expect(bitLength(0n)).toBe(0);
    expect(bitLength(255n)).toBe(8);
  });

  it('computes modular powers and gcds', () => {
    expect(modPow(4n, 13n, 497n)).toBe(445n);
    expect(modPow(2n, 0n, 7n)).toBe(1n);
    expect(modPow(5n, 3n, 1n)).toBe(0n);
    expect(modPow(-2n, 3n, 7n)).toBe(6n);
    expect(gcd(462n, 1071n)).toBe(21n);
  });
});

describe('TL bytes', () => {
  it('uses a one-byte length up to 253 and a four-byte header above, padded to 4', () => {
    expect(toHex(serializeTlBytes(Uint8Array.of(1, 2, 3)))).toBe('03010203');
    expect(toHex(serializeTlBytes(Uint8Array.of(1, 2, 3, 4)))).toBe('0401020304000000');
    const long = serializeTlBytes(new Uint8Array(256).fill(9));
    expect(toHex(long.subarray(0, 4))).toBe('FE000100');
    expect(long).toHaveLength(260);
    expect(serializeTlBytes(new Uint8Array(253))).toHaveLength(256);
  });
});

describe('random sources and clocks', () => {
  it('gives the same stream for the same seed, split or not', () => {
    const whole = createSeededRandomSource('seed')(100);
    const split = createSeededRandomSource('seed');
    expect(toHex(Uint8Array.from([...split(7), ...split(93)]))).toBe(toHex(whole));
    expect(toHex(createSeededRandomSource('other')(100))).not.toBe(toHex(whole));
    expect(secureRandomSource(16)).toHaveLength(16);
  });

  it('moves a manual clock only when told', () => {
    const clock = new ManualClock(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(1000);
  });
});
