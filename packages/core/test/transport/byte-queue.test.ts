import { ByteQueue } from '../../src/transport/byte-queue';

describe('ByteQueue', () => {
  it('reads bytes and little-endian ints across chunk boundaries', () => {
    const queue = new ByteQueue();
    queue.push(Uint8Array.of(0x01));
    queue.push(Uint8Array.of(0x02, 0x03));
    queue.push(new Uint8Array(0));
    queue.push(Uint8Array.of(0x84, 0x05));
    expect(queue.length).toBe(5);
    expect(queue.byteAt(3)).toBe(0x84);
    expect(queue.uint32LeAt(0)).toBe(0x84030201);
    expect(queue.uint32LeAt(1)).toBe(0x05840302);
    expect(() => queue.byteAt(5)).toThrow(RangeError);
  });

  it('takes and skips across chunks, returning copies the caller owns', () => {
    const first = Uint8Array.of(1, 2, 3);
    const queue = new ByteQueue();
    queue.push(first);
    queue.push(Uint8Array.of(4, 5, 6));
    queue.skip(1);
    const taken = queue.take(4);
    expect(taken).toEqual(Uint8Array.of(2, 3, 4, 5));
    taken[0] = 99;
    expect(first[1]).toBe(2);
    expect(queue.length).toBe(1);
    expect(queue.byteAt(0)).toBe(6);
    expect(() => queue.take(2)).toThrow(RangeError);
    expect(() => queue.skip(2)).toThrow(RangeError);
  });

  it('keeps its contents intact while dropping thousands of consumed one-byte chunks', () => {
    const queue = new ByteQueue();
    const out: number[] = [];
    for (let index = 0; index < 5000; index++) {
      queue.push(Uint8Array.of(index & 0xff));
      if (index % 3 === 2) out.push(...queue.take(3));
    }
    out.push(...queue.take(queue.length));
    expect(out).toEqual(Array.from({ length: 5000 }, (_, index) => index & 0xff));
  });
});
