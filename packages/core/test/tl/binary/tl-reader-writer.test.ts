import { gzipSync } from 'node:zlib';
import { TlDecodeError } from '../../../src/errors/tl-decode-error';
import { TlEncodeError } from '../../../src/errors/tl-encode-error';
import { TlReader } from '../../../src/tl/binary/tl-reader';
import { TlWriter } from '../../../src/tl/binary/tl-writer';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function fromHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

function written(write: (writer: TlWriter) => void): Uint8Array {
  const writer = new TlWriter(8);
  write(writer);
  return writer.finish();
}

function decodeFailure(read: () => unknown): TlDecodeError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(TlDecodeError);
    return error as TlDecodeError;
  }
  throw new Error('expected a TlDecodeError');
}

describe('TlWriter and TlReader primitives', () => {
  it('writes int as little-endian 32 bits and reads it back signed', () => {
    const bytes = written((writer) => {
      writer.writeInt32(1);
      writer.writeInt32(-2);
      writer.writeInt32(0x7fffffff);
      writer.writeInt32(0xffffffff);
    });
    expect(hex(bytes)).toBe('01000000' + 'feffffff' + 'ffffff7f' + 'ffffffff');
    const reader = new TlReader(bytes);
    expect([reader.readInt32(), reader.readInt32(), reader.readInt32(), reader.readInt32()]).toEqual([
      1, -2, 0x7fffffff, -1,
    ]);
    reader.expectEnd();
  });

  it('keeps longs exact at both ends of the range', () => {
    const values = [0n, -1n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n, 1234567890123456789n];
    const bytes = written((writer) => values.forEach((value) => writer.writeInt64(value)));
    expect(hex(bytes.subarray(8, 16))).toBe('ffffffffffffffff');
    expect(hex(bytes.subarray(16, 24))).toBe('0100000000002000');
    const reader = new TlReader(bytes);
    expect(values.map(() => reader.readInt64())).toEqual(values);
  });

  it('reads longs exactly whatever the sign bits of their two halves', () => {
    const values = [2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 31n), -(2n ** 32n), -(2n ** 32n) - 1n];
    // And a seeded spread over the whole range, checked against DataView's own reading.
    let state = 0x9e3779b97f4a7c15n;
    for (let index = 0; index < 200; index++) {
      state = BigInt.asUintN(64, state * 6364136223846793005n + 1442695040888963407n);
      values.push(BigInt.asIntN(64, state));
    }
    const bytes = written((writer) => values.forEach((value) => writer.writeInt64(value)));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const reader = new TlReader(bytes);
    values.forEach((value, index) => {
      expect(view.getBigInt64(index * 8, true)).toBe(value);
      expect(reader.readInt64()).toBe(value);
    });
  });

  it('accepts the unsigned spelling of a long and reads it back as its signed value', () => {
    const reader = new TlReader(written((writer) => writer.writeInt64(2n ** 64n - 2n)));
    expect(reader.readInt64()).toBe(-2n);
  });

  it('writes doubles as IEEE 754 little-endian', () => {
    const bytes = written((writer) => {
      writer.writeDouble(1.5);
      writer.writeDouble(-0.1);
      writer.writeDouble(Number.MAX_VALUE);
    });
    expect(hex(bytes.subarray(0, 8))).toBe('000000000000f83f');
    const reader = new TlReader(bytes);
    expect([reader.readDouble(), reader.readDouble(), reader.readDouble()]).toEqual([
      1.5,
      -0.1,
      Number.MAX_VALUE,
    ]);
  });

  it('writes Bool as boolTrue/boolFalse and rejects any other id', () => {
    const bytes = written((writer) => {
      writer.writeBool(true);
      writer.writeBool(false);
    });
    expect(hex(bytes)).toBe('b5757299' + '3797 79bc'.replace(' ', ''));
    const reader = new TlReader(bytes);
    expect([reader.readBool(), reader.readBool()]).toEqual([true, false]);
    const error = decodeFailure(() => new TlReader(fromHex('00000000 11111111')).readBool());
    expect(error.message).toContain('0x00000000');
    expect(error.offset).toBe(0);
  });

  it('writes int128 and int256 as raw bytes and insists on their length', () => {
    const nonce = Uint8Array.from({ length: 16 }, (_, index) => index);
    const key = Uint8Array.from({ length: 32 }, (_, index) => 255 - index);
    const reader = new TlReader(
      written((writer) => {
        writer.writeInt128(nonce);
        writer.writeInt256(key);
      }),
    );
    expect(reader.readInt128()).toEqual(nonce);
    expect(reader.readInt256()).toEqual(key);
    expect(() => new TlWriter().writeInt128(new Uint8Array(15))).toThrow(TlEncodeError);
    expect(() => new TlWriter().writeInt256(new Uint8Array(16))).toThrow(TlEncodeError);
  });

  it('rejects ints and longs out of range and values of the wrong type', () => {
    const writer = new TlWriter();
    expect(() => writer.writeInt32(2 ** 32)).toThrow(TlEncodeError);
    expect(() => writer.writeInt32(-(2 ** 31) - 1)).toThrow(TlEncodeError);
    expect(() => writer.writeInt32(1.5)).toThrow(TlEncodeError);
    expect(() => writer.writeInt64(2n ** 64n)).toThrow(TlEncodeError);
    expect(() => writer.writeInt64(-(2n ** 63n) - 1n)).toThrow(TlEncodeError);
    expect(() => writer.writeInt64(5 as unknown as bigint)).toThrow(TlEncodeError);
    expect(() => writer.writeString(5 as unknown as string)).toThrow(TlEncodeError);
    expect(() => writer.writeBytes('ab' as unknown as Uint8Array)).toThrow(TlEncodeError);
    expect(writer.position).toBe(0);
  });
});

describe('length-prefixed strings and bytes', () => {
  it('pads short values to a multiple of 4 with zeros', () => {
    expect(hex(written((writer) => writer.writeBytes(new Uint8Array(0))))).toBe('00000000');
    expect(hex(written((writer) => writer.writeBytes(fromHex('aabb'))))).toBe('02aabb00');
    expect(hex(written((writer) => writer.writeBytes(fromHex('aabbcc'))))).toBe('03aabbcc');
    expect(hex(written((writer) => writer.writeString('abcd')))).toBe('0461626364000000');
  });

  it('uses the 1-byte prefix up to 253 bytes and 0xfe + 3 bytes from 254', () => {
    for (const length of [252, 253, 254, 255, 1000, 70000]) {
      const data = Uint8Array.from({ length }, (_, index) => (index * 7 + 1) & 0xff);
      const bytes = written((writer) => writer.writeBytes(data));
      const header = length < 254 ? 1 : 4;
      expect(bytes.length).toBe(Math.ceil((header + length) / 4) * 4);
      if (length < 254) {
        expect(bytes[0]).toBe(length);
      } else {
        expect(hex(bytes.subarray(0, 4))).toBe(
          'fe' + hex(Uint8Array.of(length & 0xff, (length >> 8) & 0xff, length >> 16)),
        );
      }
      const reader = new TlReader(bytes);
      expect(reader.readBytes()).toEqual(data);
      reader.expectEnd();
    }
  });

  it('chooses the prefix by UTF-8 length, not by character count', () => {
    // 100 characters: 3 bytes each would not fit a short prefix, but ASCII does (moved back in place).
    const ascii = 'x'.repeat(253);
    const asciiBytes = written((writer) => writer.writeString(ascii));
    expect(asciiBytes[0]).toBe(253);
    expect(asciiBytes.length).toBe(256);
    const wide = 'я'.repeat(127); // 254 bytes of UTF-8
    const wideBytes = written((writer) => writer.writeString(wide));
    expect(hex(wideBytes.subarray(0, 4))).toBe('fefe0000');
    expect(wideBytes.length).toBe(260);
    expect(new TlReader(asciiBytes).readString()).toBe(ascii);
    expect(new TlReader(wideBytes).readString()).toBe(wide);
  });

  it('round-trips non-BMP and mixed UTF-8 strings, short and long', () => {
    const samples = ['', 'a', 'héllo', '日本語', '👍🏽 ok', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'a'.repeat(40) + '😀', '😀'.repeat(300)];
    for (const text of samples) {
      const bytes = written((writer) => writer.writeString(text));
      expect(bytes.length % 4).toBe(0);
      const encoded = new TextEncoder().encode(text);
      const header = encoded.length < 254 ? 1 : 4;
      expect(bytes.subarray(header, header + encoded.length)).toEqual(encoded);
      const reader = new TlReader(bytes);
      expect(reader.readString()).toBe(text);
      reader.expectEnd();
    }
  });

  it('reads ASCII and non-ASCII strings of every length around the short-string limit', () => {
    for (let length = 0; length <= 20; length++) {
      const ascii = 'abcdefghijklmnopqrstuvwxyz'.slice(0, length);
      // The same length in bytes with its last character two bytes long.
      const mixed = length < 2 ? ascii : ascii.slice(0, length - 2) + 'é';
      for (const text of [ascii, mixed]) {
        const reader = new TlReader(written((writer) => writer.writeString(text)));
        expect(reader.readString()).toBe(text);
        reader.expectEnd();
      }
    }
  });

  it('turns invalid UTF-8 into U+FFFD, in short and long strings alike', () => {
    for (const length of [3, 40]) {
      const data = new Uint8Array(length).fill(0x61);
      data[1] = 0xff;
      const reader = new TlReader(written((writer) => writer.writeBytes(data)));
      expect(reader.readString()).toBe('a\ufffd' + 'a'.repeat(length - 2));
    }
  });

  it('zeroes padding even when the reused buffer held other bytes', () => {
    const writer = new TlWriter(16);
    writer.writeRaw(fromHex('ffffffffffffffff'));
    writer.reset();
    writer.writeString('a');
    expect(hex(writer.finish())).toBe('01610000');
  });

  it('accepts the long prefix for a short value (lenient reading)', () => {
    expect(new TlReader(fromHex('fe020000 6869 0000')).readString()).toBe('hi');
  });

  it('rejects the prefix byte 0xff', () => {
    const error = decodeFailure(() => new TlReader(fromHex('ff000000')).readBytes());
    expect(error.offset).toBe(0);
    expect(error.message).toContain('0xff');
  });

  it('fails when the data or its padding runs past the end, naming the offset', () => {
    const truncated = fromHex('00000000 05616263 64');
    const reader = new TlReader(truncated);
    reader.readInt32();
    const error = decodeFailure(() => reader.readString());
    expect(error.offset).toBe(4);
    expect(error.message).toContain('5 bytes');
    // Data present but padding missing.
    expect(decodeFailure(() => new TlReader(fromHex('0261 62')).readBytes()).offset).toBe(0);
  });

  it('does not allocate for a length that claims far more than the input holds', () => {
    const error = decodeFailure(() => new TlReader(fromHex('feffffff 00000000')).readBytes());
    expect(error.message).toContain('16777215 bytes');
  });
});

describe('bounds and vectors', () => {
  it('names the offset of a truncated read', () => {
    const reader = new TlReader(fromHex('01000000 020000'));
    reader.readInt32();
    const error = decodeFailure(() => reader.readInt32());
    expect(error.offset).toBe(4);
    expect(error.message).toMatch(/needed 4 bytes, 3 left/);
    expect(decodeFailure(() => new TlReader(fromHex('01020304 0506')).readInt64()).offset).toBe(0);
    expect(decodeFailure(() => new TlReader(new Uint8Array(7)).readDouble()).offset).toBe(0);
    expect(decodeFailure(() => new TlReader(new Uint8Array(15)).readInt128()).offset).toBe(0);
  });

  it('reads a boxed vector header and checks the count against the bytes left', () => {
    const bytes = written((writer) => {
      writer.writeVectorHeader(2);
      writer.writeInt64(1n);
      writer.writeInt64(2n);
    });
    expect(hex(bytes.subarray(0, 8))).toBe('15c4b51c02000000');
    const reader = new TlReader(bytes);
    expect(reader.readVectorCount(8)).toBe(2);
    expect([reader.readInt64(), reader.readInt64()]).toEqual([1n, 2n]);
    // Two longs need 16 bytes; claiming three must fail before reading any.
    const tooMany = bytes.slice();
    tooMany[4] = 3;
    const error = decodeFailure(() => new TlReader(tooMany).readVectorCount(8));
    expect(error.offset).toBe(4);
    expect(error.message).toContain('3 elements');
  });

  it('fails fast on a count claiming billions of elements, or a negative one', () => {
    const huge = fromHex('15c4b51c ffffff7f');
    expect(decodeFailure(() => new TlReader(huge).readVectorCount(4)).message).toContain('2147483647');
    expect(decodeFailure(() => new TlReader(fromHex('ffffffff')).readBareVectorCount(4)).offset).toBe(0);
    // Zero-size elements still cannot claim more than one per remaining byte.
    expect(() => new TlReader(fromHex('05000000 00000000')).readBareVectorCount(0)).toThrow(TlDecodeError);
  });

  it('rejects a boxed vector with another constructor id', () => {
    const error = decodeFailure(() => new TlReader(fromHex('01020304 00000000')).readVectorCount(4));
    expect(error.message).toContain('0x04030201');
  });

  it('reports trailing bytes', () => {
    const reader = new TlReader(fromHex('01000000 02000000'));
    reader.readInt32();
    expect(() => reader.expectEnd()).toThrow(/4 unexpected bytes/);
  });

  it('grows the writer buffer as needed', () => {
    const writer = new TlWriter(4);
    for (let index = 0; index < 1000; index++) writer.writeInt32(index);
    expect(writer.capacity).toBeGreaterThanOrEqual(4000);
    const reader = new TlReader(writer.finish());
    for (let index = 0; index < 1000; index++) expect(reader.readInt32()).toBe(index);
  });
});

describe('gzip_packed', () => {
  const GZIP_PACKED = 'a1cf7230';

  function packed(inner: Uint8Array): Uint8Array {
    return written((writer) => {
      writer.writeUint32(0x3072cfa1);
      writer.writeBytes(new Uint8Array(gzipSync(inner)));
    });
  }

  it('inflates a packed Bool transparently', () => {
    const bytes = packed(written((writer) => writer.writeBool(true)));
    expect(hex(bytes.subarray(0, 4))).toBe(GZIP_PACKED);
    expect(new TlReader(bytes).readBool()).toBe(true);
  });

  it('enforces the inflated-size cap', () => {
    const big = packed(new Uint8Array(100_000));
    const reader = new TlReader(big, { maxInflatedSize: 50_000 });
    reader.readUint32();
    const error = decodeFailure(() => reader.readGzipped((inner) => inner.readRaw(100_000)));
    expect(error.offset).toBe(0);
    expect(error.constructorName).toBe('gzip_packed');
    expect(error.message).toContain('50000');
    const roomy = new TlReader(big, { maxInflatedSize: 100_000 });
    roomy.readUint32();
    expect(roomy.readGzipped((inner) => inner.readRaw(100_000)).length).toBe(100_000);
  });

  it('shares the cap between nested packed values', () => {
    // Incompressible data: the outer value inflates to ~30 kB (the inner gzip), the inner to 30 kB
    // more. Each is under the 40 kB cap; together they are over it.
    let state = 1;
    const noise = Uint8Array.from(
      { length: 30_000 },
      () => (state = (state * 1103515245 + 12345) >>> 0) >>> 24,
    );
    const outer = packed(packed(noise));
    const reader = new TlReader(outer, { maxInflatedSize: 40_000 });
    reader.readUint32();
    const error = decodeFailure(() =>
      reader.readGzipped((middle) => {
        middle.readUint32();
        return middle.readGzipped((innermost) => innermost.readRaw(30_000));
      }),
    );
    expect(error.message).toMatch(/cap|budget/);
  });

  it('reports bad gzip data as a TlDecodeError', () => {
    const bytes = written((writer) => {
      writer.writeUint32(0x3072cfa1);
      writer.writeBytes(fromHex('00112233'));
    });
    const reader = new TlReader(bytes);
    reader.readUint32();
    expect(decodeFailure(() => reader.readGzipped((inner) => inner.readInt32())).message).toContain('gzip');
  });

  it('places errors inside the packed data at the gzip_packed, with the inner offset in the text', () => {
    const bytes = packed(fromHex('0100'));
    const reader = new TlReader(bytes);
    reader.readUint32();
    const error = decodeFailure(() => reader.readGzipped((inner) => inner.readInt32()));
    expect(error.offset).toBe(0);
    expect(error.message).toContain('offset 0 of the inflated data');
  });
});
