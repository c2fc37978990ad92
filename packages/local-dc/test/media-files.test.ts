import { createHash, randomBytes } from 'node:crypto';
import { decodeApi, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import type { StoredMedia } from '../src/world/media-records';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';

/** A valid 1×1 PNG. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const KIB = 1024;
const MIB = 1024 * KIB;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function newMessageOf(updates: Api.TypeUpdates): Api.Message {
  if (updates._ !== 'updates') throw new Error(`expected updates, got ${updates._}`);
  const update = updates.updates.find((each) => each._ === 'updateNewMessage');
  if (update?._ !== 'updateNewMessage' || update.message._ !== 'message') throw new Error('no new message');
  return update.message;
}

async function download(
  client: MtprotoClient,
  location: Api.TypeInputFileLocation,
  size: number,
  chunk = MIB,
): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  for (let offset = 0; ; offset += chunk) {
    const file = (await client.invoke({
      _: 'upload.getFile',
      location,
      offset: BigInt(offset),
      limit: chunk,
    })) as Api.UploadFile;
    if (file.bytes.length === 0) break;
    out.set(file.bytes, offset);
    if (file.bytes.length < chunk) break;
  }
  return out;
}

describe('files: upload.saveFilePart / saveBigFilePart, messages.sendMedia, upload.getFile', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;
  const users: UserRecord[] = [];
  const peerOf = (user: UserRecord): Api.InputPeerUser => ({
    _: 'inputPeerUser',
    user_id: user.id,
    access_hash: user.accessHash,
  });
  const newUser = () => {
    const user = dc.createUser({ firstName: `User${users.length}` });
    users.push(user);
    return user;
  };

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('takes a 20 MB file in parallel big parts, sends it as a document and serves every byte back in 1 MiB chunks', async () => {
    const alice = newUser();
    const content = new Uint8Array(randomBytes(20 * MIB));
    const partSize = 512 * KIB;
    const parts = Math.ceil(content.length / partSize);
    const fileId = 0x1234_5678n;
    let next = 0;
    const worker = async () => {
      for (let part = next++; part < parts; part = next++) {
        const bytes = content.subarray(part * partSize, (part + 1) * partSize);
        await expect(
          bot.invoke({
            _: 'upload.saveBigFilePart',
            file_id: fileId,
            file_part: part,
            file_total_parts: parts,
            bytes,
          }),
        ).resolves.toBe(true);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));

    const updates = await bot.invoke({
      _: 'messages.sendMedia',
      peer: peerOf(alice),
      media: {
        _: 'inputMediaUploadedDocument',
        file: { _: 'inputFileBig', id: fileId, parts, name: 'big.bin' },
        mime_type: 'application/x-test',
        attributes: [],
      },
      message: 'twenty megabytes',
      random_id: 99n,
    });
    expect(updates).toMatchObject({ _: 'updates' });
    expect((updates as Api.Updates).updates[0]).toMatchObject({ _: 'updateMessageID', random_id: 99n });
    const message = newMessageOf(updates);
    expect(message.message).toBe('twenty megabytes');
    const media = message.media as Api.MessageMediaDocument;
    const document = media.document as Api.Document;
    expect(document).toMatchObject({
      mime_type: 'application/x-test',
      size: BigInt(content.length),
      dc_id: dc.info.dcId,
    });
    expect(document.attributes).toEqual([{ _: 'documentAttributeFilename', file_name: 'big.bin' }]);
    // The parts are freed once the file is a document: only the document's bytes stay.
    expect(dc.files.pendingUploads).toBe(0);

    const location: Api.InputDocumentFileLocation = {
      _: 'inputDocumentFileLocation',
      id: document.id,
      access_hash: document.access_hash,
      file_reference: document.file_reference,
      thumb_size: '',
    };
    const downloaded = await download(bot, location, content.length);
    expect(sha256(downloaded)).toBe(sha256(content));

    // The receiver has the same document in its own copy of the message.
    const received = dc.history(alice.id, dc.defaultBot.id).at(-1)!;
    expect(received.media?.kind).toBe('document');
    expect(sha256((received.media as StoredMedia).bytes)).toBe(sha256(content));
  }, 20_000);

  it('round-trips a photo uploaded with saveFilePart and a checked md5', async () => {
    const bob = newUser();
    const fileId = 77n;
    await bot.invoke({ _: 'upload.saveFilePart', file_id: fileId, file_part: 0, bytes: PNG_1X1 });
    const wrongMd5 = bot.invoke({
      _: 'messages.sendMedia',
      peer: peerOf(bob),
      media: {
        _: 'inputMediaUploadedPhoto',
        file: { _: 'inputFile', id: fileId, parts: 1, name: 'a.png', md5_checksum: '0'.repeat(32) },
      },
      message: '',
      random_id: 1n,
    });
    await expect(wrongMd5).rejects.toEqual(rpcErrorOf('MD5_CHECKSUM_INVALID', 400));
    const md5 = createHash('md5').update(PNG_1X1).digest('hex');
    const updates = await bot.invoke({
      _: 'messages.sendMedia',
      peer: peerOf(bob),
      media: {
        _: 'inputMediaUploadedPhoto',
        file: { _: 'inputFile', id: fileId, parts: 1, name: 'a.png', md5_checksum: md5 },
      },
      message: 'a dot',
      random_id: 2n,
    });
    const photo = (newMessageOf(updates).media as Api.MessageMediaPhoto).photo as Api.Photo;
    expect(photo.sizes).toEqual([{ _: 'photoSize', type: 'm', w: 1, h: 1, size: PNG_1X1.length }]);
    const location: Api.InputPhotoFileLocation = {
      _: 'inputPhotoFileLocation',
      id: photo.id,
      access_hash: photo.access_hash,
      file_reference: photo.file_reference,
      thumb_size: 'm',
    };
    const file = (await bot.invoke({
      _: 'upload.getFile',
      location,
      offset: 0n,
      limit: 4096,
    })) as Api.UploadFile;
    expect(file.type).toEqual({ _: 'storage.filePng' });
    expect(Buffer.from(file.bytes).equals(PNG_1X1)).toBe(true);

    // The same photo again, by id: no new upload.
    const again = await bot.invoke({
      _: 'messages.sendMedia',
      peer: peerOf(bob),
      media: {
        _: 'inputMediaPhoto',
        id: {
          _: 'inputPhoto',
          id: photo.id,
          access_hash: photo.access_hash,
          file_reference: photo.file_reference,
        },
      },
      message: '',
      random_id: 3n,
    });
    expect(((newMessageOf(again).media as Api.MessageMediaPhoto).photo as Api.Photo).id).toBe(photo.id);

    // Not a picture: Telegram cannot make a photo of it.
    await bot.invoke({ _: 'upload.saveFilePart', file_id: 78n, file_part: 0, bytes: new Uint8Array(100) });
    await expect(
      bot.invoke({
        _: 'messages.sendMedia',
        peer: peerOf(bob),
        media: {
          _: 'inputMediaUploadedPhoto',
          file: { _: 'inputFile', id: 78n, parts: 1, name: 'x', md5_checksum: '' },
        },
        message: '',
        random_id: 4n,
      }),
    ).rejects.toEqual(rpcErrorOf('IMAGE_PROCESS_FAILED', 400));
  });

  it('delivers a user’s photo (JS API) and document (control API, base64) to the bot, which downloads them', async () => {
    const carol = newUser();
    const updates: Api.TypeUpdates[] = [];
    bot.on('update', (body) => updates.push(decodeApi(body) as Api.TypeUpdates));
    const sent = dc.sendUserPhoto({
      fromUserId: carol.id,
      toUserId: dc.defaultBot.id,
      bytes: PNG_1X1,
      caption: 'me',
    });
    expect(sent.media?.kind).toBe('photo');

    const text = new TextEncoder().encode('hello, document');
    const response = await fetch(`${dc.info.controlUrl}/documents`, {
      method: 'POST',
      body: JSON.stringify({
        fromUserId: carol.id.toString(),
        toUserId: dc.defaultBot.id.toString(),
        base64: Buffer.from(text).toString('base64'),
        fileName: 'hello.txt',
        mimeType: 'text/plain',
      }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { message: { media: { kind: string; size: number } } };
    expect(body.message.media).toMatchObject({ kind: 'document', size: text.length });
    const bad = await fetch(`${dc.info.controlUrl}/photos`, {
      method: 'POST',
      body: JSON.stringify({
        fromUserId: carol.id.toString(),
        toUserId: dc.defaultBot.id.toString(),
        base64: 'not base64!',
      }),
    });
    expect(bad.status).toBe(400);

    const deadline = Date.now() + 5000;
    const messages = () =>
      updates.flatMap((update) =>
        update._ === 'updates'
          ? update.updates.flatMap((each) =>
              each._ === 'updateNewMessage' && each.message._ === 'message' ? [each.message] : [],
            )
          : [],
      );
    while (messages().length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const [photoMessage, documentMessage] = messages();
    expect(photoMessage!.message).toBe('me');
    const photo = (photoMessage!.media as Api.MessageMediaPhoto).photo as Api.Photo;
    const photoBytes = await download(
      bot,
      {
        _: 'inputPhotoFileLocation',
        id: photo.id,
        access_hash: photo.access_hash,
        file_reference: photo.file_reference,
        thumb_size: 'm',
      },
      PNG_1X1.length,
      4096,
    );
    expect(Buffer.from(photoBytes).equals(PNG_1X1)).toBe(true);
    const document = (documentMessage!.media as Api.MessageMediaDocument).document as Api.Document;
    expect(document.mime_type).toBe('text/plain');
    expect(document.attributes).toEqual([{ _: 'documentAttributeFilename', file_name: 'hello.txt' }]);
    const documentBytes = await download(
      bot,
      {
        _: 'inputDocumentFileLocation',
        id: document.id,
        access_hash: document.access_hash,
        file_reference: document.file_reference,
        thumb_size: '',
      },
      text.length,
      4096,
    );
    expect(new TextDecoder().decode(documentBytes)).toBe('hello, document');
  });

  it('refuses bad parts with Telegram’s errors', async () => {
    const dave = newUser();
    const save = (file_id: bigint, file_part: number, bytes: Uint8Array) =>
      bot.invoke({ _: 'upload.saveFilePart', file_id, file_part, bytes });
    const saveBig = (file_id: bigint, file_part: number, file_total_parts: number, bytes: Uint8Array) =>
      bot.invoke({ _: 'upload.saveBigFilePart', file_id, file_part, file_total_parts, bytes });

    await expect(save(1n, 0, new Uint8Array(0))).rejects.toEqual(rpcErrorOf('FILE_PART_EMPTY', 400));
    await expect(save(1n, 0, new Uint8Array(512 * KIB + 1))).rejects.toEqual(
      rpcErrorOf('FILE_PART_TOO_BIG', 400),
    );
    await expect(save(1n, -1, new Uint8Array(KIB))).rejects.toEqual(rpcErrorOf('FILE_PART_INVALID', 400));
    await expect(saveBig(2n, 0, 3, new Uint8Array(1000))).rejects.toEqual(
      rpcErrorOf('FILE_PART_SIZE_INVALID', 400),
    );
    await expect(saveBig(2n, 0, 3, new Uint8Array(3 * KIB))).rejects.toEqual(
      rpcErrorOf('FILE_PART_SIZE_INVALID', 400),
    );
    await expect(saveBig(2n, 0, 0, new Uint8Array(KIB))).rejects.toEqual(
      rpcErrorOf('FILE_PARTS_INVALID', 400),
    );
    await expect(saveBig(2n, 3, 3, new Uint8Array(KIB))).rejects.toEqual(
      rpcErrorOf('FILE_PART_INVALID', 400),
    );
    // The last part of a big file may be short; the total may not change.
    await expect(saveBig(2n, 2, 3, new Uint8Array(1000))).resolves.toBe(true);
    await expect(saveBig(2n, 0, 4, new Uint8Array(KIB))).rejects.toEqual(
      rpcErrorOf('FILE_PARTS_INVALID', 400),
    );

    const sendDocument = (file: Api.TypeInputFile) =>
      bot.invoke({
        _: 'messages.sendMedia',
        peer: peerOf(dave),
        media: {
          _: 'inputMediaUploadedDocument',
          file,
          mime_type: 'application/octet-stream',
          attributes: [],
        },
        message: '',
        random_id: 5n,
      });
    // Parts 0 and 2 of 3: part 1 is missing.
    await save(3n, 0, new Uint8Array(4 * KIB));
    await save(3n, 2, new Uint8Array(10));
    await expect(
      sendDocument({ _: 'inputFile', id: 3n, parts: 3, name: 'f', md5_checksum: '' }),
    ).rejects.toEqual(rpcErrorOf('FILE_PART_1_MISSING', 400));
    await expect(
      sendDocument({ _: 'inputFile', id: 999n, parts: 1, name: 'f', md5_checksum: '' }),
    ).rejects.toEqual(rpcErrorOf('FILE_PART_0_MISSING', 400));
    await expect(
      sendDocument({ _: 'inputFile', id: 3n, parts: 0, name: 'f', md5_checksum: '' }),
    ).rejects.toEqual(rpcErrorOf('FILE_PARTS_INVALID', 400));
    // A big upload named as a small file, and the wrong part count of a big one.
    await expect(
      sendDocument({ _: 'inputFile', id: 2n, parts: 3, name: 'f', md5_checksum: '' }),
    ).rejects.toEqual(rpcErrorOf('FILE_PARTS_INVALID', 400));
    await expect(sendDocument({ _: 'inputFileBig', id: 2n, parts: 2, name: 'f' })).rejects.toEqual(
      rpcErrorOf('FILE_PARTS_INVALID', 400),
    );
    // Parts of different sizes (3 KiB does not divide 512 KiB).
    await save(4n, 0, new Uint8Array(3 * KIB));
    await save(4n, 1, new Uint8Array(KIB));
    await expect(
      sendDocument({ _: 'inputFile', id: 4n, parts: 2, name: 'f', md5_checksum: '' }),
    ).rejects.toEqual(rpcErrorOf('FILE_PART_SIZE_INVALID', 400));
  });

  it('checks getFile offsets, limits, ids and file references', async () => {
    const erin = newUser();
    const content = new Uint8Array(randomBytes(2 * MIB + 5));
    for (let part = 0; part * 512 * KIB < content.length; part++) {
      await bot.invoke({
        _: 'upload.saveFilePart',
        file_id: 50n,
        file_part: part,
        bytes: content.subarray(part * 512 * KIB, (part + 1) * 512 * KIB),
      });
    }
    const updates = await bot.invoke({
      _: 'messages.sendMedia',
      peer: peerOf(erin),
      media: {
        _: 'inputMediaUploadedDocument',
        file: { _: 'inputFile', id: 50n, parts: 5, name: 'two.bin', md5_checksum: '' },
        mime_type: '',
        attributes: [],
      },
      message: '',
      random_id: 6n,
    });
    const document = (newMessageOf(updates).media as Api.MessageMediaDocument).document as Api.Document;
    const location: Api.InputDocumentFileLocation = {
      _: 'inputDocumentFileLocation',
      id: document.id,
      access_hash: document.access_hash,
      file_reference: document.file_reference,
      thumb_size: '',
    };
    const get = (offset: number, limit: number, where: Api.TypeInputFileLocation = location) =>
      bot.invoke({ _: 'upload.getFile', location: where, offset: BigInt(offset), limit });
    await expect(get(1000, 4096)).rejects.toEqual(rpcErrorOf('OFFSET_INVALID', 400));
    await expect(get(0, 1000)).rejects.toEqual(rpcErrorOf('LIMIT_INVALID', 400));
    await expect(get(0, 0)).rejects.toEqual(rpcErrorOf('LIMIT_INVALID', 400));
    await expect(get(0, 3 * 4096)).rejects.toEqual(rpcErrorOf('LIMIT_INVALID', 400));
    await expect(get(0, 2 * MIB)).rejects.toEqual(rpcErrorOf('LIMIT_INVALID', 400));
    // 8 KiB from 4 KiB before the 1 MiB mark crosses it.
    await expect(get(MIB - 4096, 8192)).rejects.toEqual(rpcErrorOf('LIMIT_INVALID', 400));
    await expect(get(0, 4096, { ...location, access_hash: location.access_hash + 1n })).rejects.toEqual(
      rpcErrorOf('FILE_ID_INVALID', 400),
    );
    await expect(get(0, 4096, { ...location, file_reference: new Uint8Array(0) })).rejects.toEqual(
      rpcErrorOf('FILE_REFERENCE_EMPTY', 400),
    );
    await expect(get(0, 4096, { ...location, file_reference: new Uint8Array(16) })).rejects.toEqual(
      rpcErrorOf('FILE_REFERENCE_EXPIRED', 400),
    );
    await expect(get(0, 4096, { ...location, thumb_size: 'm' })).rejects.toEqual(
      rpcErrorOf('LOCATION_INVALID', 400),
    );
    // The tail: a short chunk, then nothing past the end.
    const tail = (await get(2 * MIB, 4096)) as Api.UploadFile;
    expect(Buffer.from(tail.bytes).equals(Buffer.from(content.subarray(2 * MIB)))).toBe(true);
    expect(((await get(3 * MIB, 4096)) as Api.UploadFile).bytes.length).toBe(0);
    expect(sha256(await download(bot, location, content.length, 256 * KIB))).toBe(sha256(content));
  });
});

describe('bounded file memory', () => {
  it('refuses parts past the byte cap with a clear error, and the DC keeps serving', async () => {
    const dc = await LocalDc.start({ port: 0, maxFileBytes: MIB });
    const bot = createClient(dc);
    try {
      await loginBot(bot, dc.info.botToken);
      const part = new Uint8Array(512 * KIB);
      await bot.invoke({
        _: 'upload.saveBigFilePart',
        file_id: 1n,
        file_part: 0,
        file_total_parts: 3,
        bytes: part,
      });
      await bot.invoke({
        _: 'upload.saveBigFilePart',
        file_id: 1n,
        file_part: 1,
        file_total_parts: 3,
        bytes: part,
      });
      await expect(
        bot.invoke({
          _: 'upload.saveBigFilePart',
          file_id: 1n,
          file_part: 2,
          file_total_parts: 3,
          bytes: part,
        }),
      ).rejects.toEqual(rpcErrorOf('LOCAL_DC_FILE_STORAGE_FULL', 400));
      expect(dc.files.storedBytes).toBe(MIB);
      await expect(bot.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
    } finally {
      await bot.close();
      await dc.stop();
    }
  });
});
