import { createSeededRandomSource } from '../../src/crypto/random-source';
import { ServerSalts } from '../../src/session/server-salts';

const WINDOW = 3600;
const START = 1_700_000_000;
const INITIAL_SALT = 0x0123456789abcdefn;

function createSalts(): ServerSalts {
  return new ServerSalts(createSeededRandomSource('server-salts'), { salt: INITIAL_SALT, atSeconds: START });
}

describe('ServerSalts', () => {
  it('keeps the key exchange salt for its window and a grace period after it', () => {
    const salts = createSalts();
    const windowEnd = (Math.floor(START / WINDOW) + 1) * WINDOW;
    expect(salts.current(START)).toBe(INITIAL_SALT);
    expect(salts.accepts(INITIAL_SALT, windowEnd - 1)).toBe(true);
    expect(salts.current(windowEnd)).not.toBe(INITIAL_SALT);
    expect(salts.accepts(INITIAL_SALT, windowEnd + 1799)).toBe(true);
    expect(salts.accepts(INITIAL_SALT, windowEnd + 1800)).toBe(false);
    expect(salts.accepts(0n, START)).toBe(false);
  });

  it('hands out 64 future salts that it then accepts in their windows, and keeps the current one', () => {
    const salts = createSalts();
    const future = salts.upcoming(START, 64);
    expect(future).toHaveLength(64);
    expect(future[0]).toMatchObject({ salt: INITIAL_SALT });
    expect(new Set(future.map((entry) => entry.salt)).size).toBe(64);
    // Handing them out must not forget the salt of the current window.
    expect(salts.current(START)).toBe(INITIAL_SALT);
    expect(salts.accepts(INITIAL_SALT, START)).toBe(true);
    for (const entry of future) {
      expect(entry.valid_until - entry.valid_since).toBe(WINDOW);
      expect(salts.current(entry.valid_since)).toBe(entry.salt);
      expect(salts.accepts(entry.salt, entry.valid_until - 1)).toBe(true);
    }
    // Asked again, the same salts: a client may ask any number of times.
    expect(salts.upcoming(future[63]!.valid_since, 1)[0]!.salt).toBe(future[63]!.salt);
  });

  it('caps future_salts at 64 and answers at least one', () => {
    const salts = createSalts();
    expect(salts.upcoming(START, 1_000_000)).toHaveLength(64);
    expect(salts.upcoming(START, 0)).toHaveLength(1);
    expect(salts.upcoming(START, -5)).toHaveLength(1);
  });
});

describe('ServerSalts.rotate', () => {
  it('replaces the current salt and refuses every earlier one', () => {
    const salts = createSalts();
    salts.rotate(START);
    const rotated = salts.current(START);
    expect(rotated).not.toBe(INITIAL_SALT);
    expect(salts.accepts(INITIAL_SALT, START)).toBe(false);
    expect(salts.accepts(rotated, START)).toBe(true);
  });
});
