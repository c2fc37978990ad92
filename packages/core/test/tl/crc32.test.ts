import { crc32 } from '../../src/tl/crc32';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('crc32', () => {
  it('matches the standard check value and the empty input', () => {
    // "123456789" -> 0xcbf43926 is the published check value of CRC-32/ISO-HDLC.
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('gives the TL constructor id of a normalised line', () => {
    expect(crc32(ascii('boolFalse = Bool'))).toBe(0xbc799737);
    expect(crc32(ascii('ping ping_id:long = Pong'))).toBe(0x7abe77ec);
  });

  it('continues over chunks as if they were one buffer', () => {
    const whole = ascii('resPQ nonce:int128 server_nonce:int128');
    const first = crc32(whole.subarray(0, 7));
    expect(crc32(whole.subarray(7), first)).toBe(crc32(whole));
  });

  it('returns an unsigned value for ids with the top bit set', () => {
    const id = crc32(ascii('boolTrue = Bool'));
    expect(id).toBe(0x997275b5);
    expect(id).toBeGreaterThan(0x7fffffff);
  });
});
