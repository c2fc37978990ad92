import { createConnection } from 'node:net';
import { MemoryStorage, MtprotoClient, parseRsaPublicKeyPem, type Api } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { loginBot, rpcErrorOf } from './local-dc-harness';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A 303 error (core may give it a subclass of RpcError of its own for *_MIGRATE_X). */
const migrateErrorOf = (text: string) => expect.objectContaining({ text, code: 303 });

describe('several DCs in one process', () => {
  let dc: LocalDc;
  const clients: MtprotoClient[] = [];
  /** A client of DC `dcId`, at the port the emulator lists for it. */
  const clientOf = (dcId: number): MtprotoClient => {
    const address = dc.info.dcs.find((each) => each.dcId === dcId)!;
    const client = new MtprotoClient({
      host: address.host,
      port: address.port,
      dcId,
      transports: [{ kind: 'tcp', framing: 'intermediate' }],
      publicKeys: [parseRsaPublicKeyPem(dc.info.publicKeyPem)],
      storage: new MemoryStorage(),
      defaultTimeoutMs: 10_000,
      reconnect: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 },
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, dcCount: 2 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await dc.stop();
  });

  it('lists every DC in help.getConfig, with ports that accept connections', async () => {
    expect(dc.info.dcId).toBe(2);
    expect(dc.info.dcs.map((each) => each.dcId)).toEqual([1, 2]);
    expect(dc.info.dcs.find((each) => each.dcId === 2)!.port).toBe(dc.info.port);
    for (const dcId of [1, 2]) {
      const config = (await clientOf(dcId).invoke({ _: 'help.getConfig' })) as Api.Config;
      expect(config.this_dc).toBe(dcId);
      expect(config.dc_options.map((option) => [option.id, option.ip_address, option.port])).toEqual(
        dc.info.dcs.map((each) => [each.dcId, each.host, each.port]),
      );
      await expect(clientOf(dcId).invoke({ _: 'help.getNearestDc' })).resolves.toMatchObject({
        this_dc: dcId,
      });
    }
    // Plain sockets, too: each listed port takes a connection.
    for (const address of dc.info.dcs) {
      await new Promise<void>((resolve, reject) => {
        const socket = createConnection({ host: address.host, port: address.port }, () => {
          socket.end();
          resolve();
        });
        socket.on('error', reject);
      });
    }
  });

  it('sends a bot to its home DC with USER_MIGRATE_X', async () => {
    const { token } = dc.createBot({ firstName: 'Home One', dcId: 1 });
    await expect(loginBot(clientOf(2), token)).rejects.toEqual(migrateErrorOf('USER_MIGRATE_1'));
    await expect(loginBot(clientOf(1), token)).resolves.toMatchObject({ _: 'auth.authorization' });
    expect(() => dc.createBot({ firstName: 'Nowhere', dcId: 3 })).toThrow(RangeError);
  });

  it('serves a file only from its DC (FILE_MIGRATE_X) and on it after auth export/import', async () => {
    const { user: botUser, token } = dc.createBot({ firstName: 'Bot on one', dcId: 1 });
    const alice = dc.createUser({ firstName: 'Alice' }); // home: DC 2, the main one
    const home = clientOf(1);
    await loginBot(home, token);
    dc.sendUserPhoto({ fromUserId: alice.id, toUserId: botUser.id, bytes: PNG_1X1 });
    const messages = (await home.invoke({
      _: 'messages.getMessages',
      id: [{ _: 'inputMessageID', id: dc.world.box(botUser.id).peekNextMessageId() - 1 }],
    })) as Api.MessagesMessages;
    const photo = ((messages.messages[0] as Api.Message).media as Api.MessageMediaPhoto).photo as Api.Photo;
    expect(photo.dc_id).toBe(2);
    const request: Api.UploadGetFileRequest = {
      _: 'upload.getFile',
      location: {
        _: 'inputPhotoFileLocation',
        id: photo.id,
        access_hash: photo.access_hash,
        file_reference: photo.file_reference,
        thumb_size: photo.sizes[0]!._ === 'photoSize' ? photo.sizes[0]!.type : '',
      },
      offset: 0n,
      limit: 4096,
    };
    await expect(home.invoke(request)).rejects.toEqual(migrateErrorOf('FILE_MIGRATE_2'));

    // Export errors: an unknown DC, and the DC itself.
    await expect(home.invoke({ _: 'auth.exportAuthorization', dc_id: 3 })).rejects.toEqual(
      rpcErrorOf('DC_ID_INVALID', 400),
    );
    await expect(home.invoke({ _: 'auth.exportAuthorization', dc_id: 1 })).rejects.toEqual(
      rpcErrorOf('DC_ID_INVALID', 400),
    );
    const exported = (await home.invoke({
      _: 'auth.exportAuthorization',
      dc_id: 2,
    })) as Api.AuthExportedAuthorization;
    expect(exported.id).toBe(botUser.id);

    const media = clientOf(2);
    await expect(media.invoke(request)).rejects.toEqual(rpcErrorOf('AUTH_KEY_UNREGISTERED', 401));
    const forged = new Uint8Array(exported.bytes);
    forged[0]! ^= 1;
    await expect(
      media.invoke({ _: 'auth.importAuthorization', id: exported.id, bytes: forged }),
    ).rejects.toEqual(rpcErrorOf('AUTH_BYTES_INVALID', 400));
    await expect(
      media.invoke({ _: 'auth.importAuthorization', id: alice.id, bytes: exported.bytes }),
    ).rejects.toEqual(rpcErrorOf('AUTH_BYTES_INVALID', 400));
    // Bytes made for DC 2 do not work on DC 1.
    await expect(
      clientOf(1).invoke({ _: 'auth.importAuthorization', id: exported.id, bytes: exported.bytes }),
    ).rejects.toEqual(rpcErrorOf('AUTH_BYTES_INVALID', 400));
    const imported = await media.invoke({
      _: 'auth.importAuthorization',
      id: exported.id,
      bytes: exported.bytes,
    });
    expect(imported).toMatchObject({ _: 'auth.authorization', user: { id: botUser.id } });
    const file = (await media.invoke(request)) as Api.UploadFile;
    expect(Buffer.from(file.bytes).equals(PNG_1X1)).toBe(true);
  });

  it('refuses a main dcId outside 1..dcCount', async () => {
    await expect(LocalDc.start({ port: 0, dcCount: 2, dcId: 3 })).rejects.toThrow(RangeError);
  });
});
