/**
 * Bytes received but not yet framed, kept as the list of chunks they arrived in.
 *
 * Chunks are never concatenated on arrival: a frame that comes in a thousand one-byte pieces is copied
 * once, when it is complete, so decoding stays linear in the bytes received.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Index in `chunks` of the first chunk still holding unread bytes. */
  private head = 0;
  /** Bytes of `chunks[head]` already consumed. */
  private headOffset = 0;
  private total = 0;

  /** Number of unread bytes. */
  get length(): number {
    return this.total;
  }

  /** Appends `chunk` (kept by reference: the caller must not change it afterwards). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** The unread byte at `offset` (0 is the next byte to be read). */
  byteAt(offset: number): number {
    if (offset < 0 || offset >= this.total)
      throw new RangeError(`offset ${offset} outside ${this.total} bytes`);
    let position = offset + this.headOffset;
    for (let index = this.head; ; index++) {
      const chunk = this.chunks[index];
      if (position < chunk.length) return chunk[position];
      position -= chunk.length;
    }
  }

  /** The unsigned little-endian 32-bit integer starting at `offset`. */
  uint32LeAt(offset: number): number {
    return (
      (this.byteAt(offset) |
        (this.byteAt(offset + 1) << 8) |
        (this.byteAt(offset + 2) << 16) |
        (this.byteAt(offset + 3) << 24)) >>>
      0
    );
  }

  /** Removes the next `length` bytes and returns them in a new array the caller owns. */
  take(length: number): Uint8Array {
    if (length < 0 || length > this.total)
      throw new RangeError(`cannot take ${length} of ${this.total} bytes`);
    const out = new Uint8Array(length);
    let written = 0;
    while (written < length) {
      const chunk = this.chunks[this.head];
      const count = Math.min(length - written, chunk.length - this.headOffset);
      out.set(chunk.subarray(this.headOffset, this.headOffset + count), written);
      written += count;
      this.advance(count);
    }
    return out;
  }

  /** Drops the next `length` bytes. */
  skip(length: number): void {
    if (length < 0 || length > this.total)
      throw new RangeError(`cannot skip ${length} of ${this.total} bytes`);
    let remaining = length;
    while (remaining > 0) {
      const count = Math.min(remaining, this.chunks[this.head].length - this.headOffset);
      remaining -= count;
      this.advance(count);
    }
  }

  /** Consumes `count` bytes of the head chunk, which holds at least that many. */
  private advance(count: number): void {
    this.headOffset += count;
    this.total -= count;
    if (this.headOffset === this.chunks[this.head].length) {
      this.head++;
      this.headOffset = 0;
      // Drop consumed chunks in batches, so the array does not grow without bound and shifting it
      // costs amortised constant time per chunk.
      if (this.head >= 64 && this.head * 2 >= this.chunks.length) {
        this.chunks = this.chunks.slice(this.head);
        this.head = 0;
      }
    }
  }
}
