import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc, type UserRecord } from 'mtbot-local-dc';
import { downloadToBuffer } from '../../src/files/download-file';
import { downloadableMedia } from '../../src/files/downloadable-media';
import type { FileClient } from '../../src/files/file-client';
import { uploadFile } from '../../src/files/upload-file';
import { uploadedDocumentMedia } from '../../src/files/uploaded-media';
import { createClient, loginBot, patternBytes, sendMedia, sha256 } from './file-test-dc';

const KIB = 1024;
const MIB = 1024 * KIB;

describe('file transfer through faults: dropped connections, lost replies, FLOOD_WAIT', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;
  let user: UserRecord;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
    user = dc.createUser({ firstName: 'Receiver' });
  });

  afterEach(() => dc.faults.clear());

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  const roundTrip = async (content: Buffer, upload: Parameters<typeof uploadFile>[2]) => {
    const uploaded = await uploadFile(bot, content, upload);
    const media = downloadableMedia(await sendMedia(bot, user, uploadedDocumentMedia(uploaded)));
    return sha256(await downloadToBuffer(bot, media, { chunkSize: 128 * KIB }));
  };

  it('finishes an upload whose connection is dropped mid-way, every byte intact', async () => {
    const content = patternBytes(12 * MIB, 11);
    let dropped = 0;
    const digest = await roundTrip(content, {
      partSize: 128 * KIB,
      onProgress: ({ uploadedBytes }) => {
        if (dropped === 0 && uploadedBytes >= 2 * MIB) dropped = dc.faults.dropConnections();
      },
    });
    expect(dropped).toBeGreaterThan(0);
    expect(digest).toBe(sha256(content));
  });

  it('finishes a download whose connection is dropped mid-way', async () => {
    const content = patternBytes(6 * MIB, 12);
    const media = downloadableMedia(
      await sendMedia(bot, user, uploadedDocumentMedia(await uploadFile(bot, content))),
    );
    let dropped = 0;
    const bytes = await downloadToBuffer(bot, media, {
      chunkSize: 256 * KIB,
      onProgress: ({ downloadedBytes }) => {
        if (dropped === 0 && downloadedBytes >= MIB) dropped = dc.faults.dropConnections();
      },
    });
    expect(dropped).toBeGreaterThan(0);
    expect(sha256(bytes)).toBe(sha256(content));
  });

  it('sends a part again when its reply is lost and the call times out', async () => {
    const content = patternBytes(2 * MIB, 13);
    dc.faults.dropReplies({ replies: 2 });
    expect(await roundTrip(content, { partTimeoutMs: 300, concurrency: 2 })).toBe(sha256(content));
  });

  it('waits out a FLOOD_WAIT and goes on', async () => {
    const content = patternBytes(MIB, 14);
    dc.flood.forceFloodWait(dc.defaultBot.id, 0);
    expect(await roundTrip(content, {})).toBe(sha256(content));
  });

  it('gives up after the retries allowed, naming the part', async () => {
    dc.faults.dropReplies({ forMs: 60_000 });
    await expect(
      uploadFile(bot, patternBytes(64 * KIB), { partTimeoutMs: 100, retries: 2, concurrency: 1 }),
    ).rejects.toMatchObject({ name: 'FileTransferError', reason: 'retries-exhausted', part: 0 });
  });

  it('fails at once on an error retrying cannot fix, with the server’s error as the cause', async () => {
    // Every part goes out with a part number the DC refuses (400 FILE_PART_INVALID).
    const client: FileClient = {
      invoke: (request, options) => {
        const bad: Api.UploadSaveFilePartRequest = {
          ...(request as Api.UploadSaveFilePartRequest),
          file_part: -1,
        };
        return bot.invoke(bad, options) as never;
      },
    };
    await expect(uploadFile(client, patternBytes(10 * KIB))).rejects.toMatchObject({
      name: 'FileTransferError',
      reason: 'rpc',
      part: 0,
      cause: expect.objectContaining({ name: 'RpcError', text: 'FILE_PART_INVALID' }),
    });
  });
});

describe('files kept on another DC (303 FILE_MIGRATE_X)', () => {
  let dc: LocalDc;
  const clients: MtprotoClient[] = [];
  const client = (dcId: number): MtprotoClient => {
    const made = createClient(dc, dcId);
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, dcCount: 2 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((each) => each.close()));
    await dc.stop();
  });

  it('moves the download to the file’s DC through invokeOnDc, and says so when the client cannot', async () => {
    const { user: botUser, token } = dc.createBot({ firstName: 'Bot on one', dcId: 1 });
    const alice = dc.createUser({ firstName: 'Alice' }); // home: DC 2
    const home = client(1);
    await loginBot(home, token);
    const content = patternBytes(300 * KIB, 15);
    dc.sendUserDocument({ fromUserId: alice.id, toUserId: botUser.id, bytes: content, fileName: 'a.bin' });
    // The bot's copy of the message: the last one in its box.
    const id = dc.world.box(botUser.id).peekNextMessageId() - 1;
    const fetched = (await home.invoke({
      _: 'messages.getMessages',
      id: [{ _: 'inputMessageID', id }],
    })) as Api.MessagesMessages;
    const media = downloadableMedia((fetched.messages[0] as Api.Message).media);
    expect(media).toMatchObject({ fileName: 'a.bin', size: content.length });
    expect(media.dcId).toBe(2);

    // Without invokeOnDc: the home DC answers FILE_MIGRATE_2 and the download cannot follow.
    await expect(
      downloadToBuffer(home, { location: media.location, size: media.size }),
    ).rejects.toMatchObject({
      name: 'FileTransferError',
      reason: 'dc-unreachable',
    });

    // With it: a second client, authorized on DC 2 by export/import, serves the chunks.
    const other = client(2);
    const exported = await home.invoke({ _: 'auth.exportAuthorization', dc_id: 2 });
    await other.invoke({ _: 'auth.importAuthorization', id: exported.id, bytes: exported.bytes });
    const calledOn: number[] = [];
    const twoDcs: FileClient = {
      // `as never`: relating the two generic results would make tsc expand every TL result type.
      invoke: (request, options) => home.invoke(request, options) as never,
      invokeOnDc: (dcId, request, options) => {
        calledOn.push(dcId);
        if (dcId !== 2) throw new Error(`unexpected DC ${dcId}`);
        return other.invoke(request, options) as never;
      },
    };
    const bytes = await downloadToBuffer(
      twoDcs,
      { location: media.location, size: media.size },
      { chunkSize: 64 * KIB },
    );
    expect(sha256(bytes)).toBe(sha256(content));
    expect(new Set(calledOn)).toEqual(new Set([2]));
  });
});
