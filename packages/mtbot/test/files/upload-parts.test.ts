/**
 * The parts uploadFile sends, as seen by a client that records each call and answers `true` at once.
 * What the server makes of them is tested against the local DC (file-round-trip.test.ts); here, the
 * request shapes a local DC cannot check: a stream of unknown size past 10 MB (the local DC refuses
 * file_total_parts = -1) and the bound on parts in flight.
 */
import { Readable } from 'node:stream';
import type { Api } from 'telegram-mtproto-core';
import type { FileClient } from '../../src/files/file-client';
import { uploadFile } from '../../src/files/upload-file';

const KIB = 1024;
const MIB = 1024 * KIB;

/** Records every saveBigFilePart / saveFilePart and how many were in flight at most. */
class RecordingClient {
  readonly parts: Array<{ part: number; total: number | undefined; bytes: number }> = [];
  inFlight = 0;
  maxInFlight = 0;

  readonly client: FileClient = {
    invoke: (request) => {
      const part = request as Api.UploadSaveBigFilePartRequest | Api.UploadSaveFilePartRequest;
      this.parts.push({
        part: part.file_part,
        total: part._ === 'upload.saveBigFilePart' ? part.file_total_parts : undefined,
        bytes: part.bytes.length,
      });
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      // Answered on a later turn, so parts pile up if nothing holds them back.
      return new Promise((resolve) =>
        setImmediate(() => {
          this.inFlight--;
          resolve(true as never);
        }),
      );
    },
  };
}

/** A stream of `length` bytes in 64 KiB chunks, with no size attached. */
function streamOf(length: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      const chunk = Math.min(64 * KIB, length - sent);
      sent += chunk;
      this.push(chunk === 0 ? null : Buffer.alloc(chunk, sent & 0xff));
    },
  });
}

describe('uploadFile parts', () => {
  it('sends -1 as the part count of a stream of unknown size past 10 MB until its last part', async () => {
    const recorder = new RecordingClient();
    const size = 12 * MIB + 100;
    const uploaded = await uploadFile(recorder.client, streamOf(size), { fileName: 'live.bin' });
    const parts = Math.ceil(size / (512 * KIB));
    expect(uploaded).toMatchObject({ size, file: { _: 'inputFileBig', parts, name: 'live.bin' } });
    const sorted = [...recorder.parts].sort((a, b) => a.part - b.part);
    expect(sorted.map((each) => each.part)).toEqual([...Array(parts).keys()]);
    expect(sorted.slice(0, -1).every((each) => each.total === -1 && each.bytes === 512 * KIB)).toBe(true);
    expect(sorted.at(-1)).toEqual({ part: parts - 1, total: parts, bytes: size - (parts - 1) * 512 * KIB });
  });

  it('names the real count on every part when the size is known', async () => {
    const recorder = new RecordingClient();
    await uploadFile(recorder.client, streamOf(11 * MIB), { size: 11 * MIB });
    expect(new Set(recorder.parts.map((each) => each.total))).toEqual(new Set([22]));
  });

  it('keeps no more parts in flight than asked', async () => {
    for (const concurrency of [1, 3, 8]) {
      const recorder = new RecordingClient();
      await uploadFile(recorder.client, streamOf(30 * MIB), { concurrency });
      expect(recorder.parts).toHaveLength(60);
      expect(recorder.maxInFlight).toBe(concurrency);
    }
  });
});
