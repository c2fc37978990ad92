/**
 * Streamed uploads (core.telegram.org/api/files): upload.saveBigFilePart with file_total_parts -1
 * while the size is unknown, the real total on the last part(s); the file is complete only then. Over
 * real sockets, with the bytes downloaded again and compared.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';

const PART = 1024;

describe('streamed uploads: saveBigFilePart with file_total_parts -1', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;
  let alice: UserRecord;
  const save = (fileId: bigint, part: number, total: number, bytes: Uint8Array) =>
    bot.invoke({
      _: 'upload.saveBigFilePart',
      file_id: fileId,
      file_part: part,
      file_total_parts: total,
      bytes,
    });
  const sendBig = (fileId: bigint, parts: number, randomId: bigint) =>
    bot.invoke({
      _: 'messages.sendMedia',
      peer: { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash },
      media: {
        _: 'inputMediaUploadedDocument',
        file: { _: 'inputFileBig', id: fileId, parts, name: 'recording.bin' },
        mime_type: 'application/octet-stream',
        attributes: [],
      },
      message: '',
      random_id: randomId,
    });
  const partOf = (index: number, length = PART) => new Uint8Array(length).fill(index + 1);

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('takes parts with -1, then the real total on the last one; the file comes back byte for byte', async () => {
    expect(await save(1n, 0, -1, partOf(0))).toBe(true);
    expect(await save(1n, 1, -1, partOf(1))).toBe(true);
    // Not complete yet: no part has given the total.
    await expect(sendBig(1n, 2, 10n)).rejects.toEqual(rpcErrorOf('FILE_PARTS_INVALID', 400));
    expect(await save(1n, 2, 3, partOf(2, 100))).toBe(true);
    const sent = (await sendBig(1n, 3, 11n)) as Api.Updates;
    const update = sent.updates.find((each) => each._ === 'updateNewMessage')!;
    const document = ((update.message as Api.Message).media as Api.MessageMediaDocument)
      .document as Api.Document;
    expect(document.size).toBe(BigInt(2 * PART + 100));
    const file = (await bot.invoke({
      _: 'upload.getFile',
      location: {
        _: 'inputDocumentFileLocation',
        id: document.id,
        access_hash: document.access_hash,
        file_reference: document.file_reference,
        thumb_size: '',
      },
      offset: 0n,
      limit: 4096,
    })) as Api.UploadFile;
    const expected = new Uint8Array([...partOf(0), ...partOf(1), ...partOf(2, 100)]);
    expect(Buffer.from(file.bytes).equals(Buffer.from(expected))).toBe(true);
  });

  it('accepts a -1 part that arrives after the total (parallel uploads), and finds a missing part', async () => {
    await save(2n, 0, -1, partOf(0));
    await save(2n, 2, 3, partOf(2, 10));
    await expect(sendBig(2n, 3, 20n)).rejects.toEqual(rpcErrorOf('FILE_PART_1_MISSING', 400));
    expect(await save(2n, 1, -1, partOf(1))).toBe(true);
    await expect(sendBig(2n, 3, 21n)).resolves.toMatchObject({ _: 'updates' });
  });

  it("refuses what breaks the upload's rules", async () => {
    // While the total is unknown, no part may be short: any part could be followed by another.
    await expect(save(3n, 0, -1, partOf(0, 100))).rejects.toEqual(rpcErrorOf('FILE_PART_SIZE_INVALID', 400));
    // A second, different total.
    await save(4n, 0, -1, partOf(0));
    await save(4n, 1, 2, partOf(1, 10));
    await expect(save(4n, 2, 3, partOf(2, 10))).rejects.toEqual(rpcErrorOf('FILE_PARTS_INVALID', 400));
    // A part at or past the known total.
    await expect(save(4n, 2, -1, partOf(2))).rejects.toEqual(rpcErrorOf('FILE_PART_INVALID', 400));
    // A total below a part already saved.
    await save(5n, 0, -1, partOf(0));
    await save(5n, 3, -1, partOf(3));
    await expect(save(5n, 1, 2, partOf(1, 10))).rejects.toEqual(rpcErrorOf('FILE_PARTS_INVALID', 400));
    // Other negative totals are no streamed upload.
    await expect(save(6n, 0, -2, partOf(0))).rejects.toEqual(rpcErrorOf('FILE_PARTS_INVALID', 400));
  });
});
