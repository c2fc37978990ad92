import type { Writable } from 'node:stream';
import { MemoryStorage, MtprotoClient, parseRsaPublicKeyPem } from '../../../packages/core/src/index';
import { downloadFile } from '../../../packages/mtbot/src/files/download-file';
import {
  downloadableMedia,
  type DownloadableMedia,
} from '../../../packages/mtbot/src/files/downloadable-media';
import { uploadFile } from '../../../packages/mtbot/src/files/upload-file';
import { uploadedDocumentMedia } from '../../../packages/mtbot/src/files/uploaded-media';
import type { FileTransferServerReady } from './file-transfer-server';
import type { FileTransfersFactory } from './file-transfer-worker';

/** The upload's fixed file_id: each bench upload replaces the last one's parts on the DC. */
const BENCH_FILE_ID = 0x5eed_f11en;

/** core's MtprotoClient (TCP, intermediate framing) logged in as the server's bot. */
export async function connectMtbotClient(server: FileTransferServerReady): Promise<MtprotoClient> {
  const client = new MtprotoClient({
    host: server.host,
    port: server.port,
    dcId: server.dcId,
    transports: [{ kind: 'tcp', framing: 'intermediate' }],
    publicKeys: [parseRsaPublicKeyPem(server.publicKeyPem)],
    storage: new MemoryStorage(),
  });
  await client.invoke({
    _: 'auth.importBotAuthorization',
    flags: 0,
    api_id: 12345,
    api_hash: '0123456789abcdef0123456789abcdef',
    bot_auth_token: server.botToken,
  });
  return client;
}

/** Uploads `content` and sends it to the server's user as a document: the file the benches download. */
export async function sendBenchDocument(
  client: MtprotoClient,
  server: FileTransferServerReady,
  content: Buffer,
): Promise<DownloadableMedia> {
  const uploaded = await uploadFile(client, content, { fileName: 'bench.bin' });
  const updates = await client.invoke({
    _: 'messages.sendMedia',
    peer: { _: 'inputPeerUser', user_id: BigInt(server.userId), access_hash: BigInt(server.userAccessHash) },
    media: uploadedDocumentMedia(uploaded),
    message: '',
    random_id: 1n,
  });
  const update =
    updates._ === 'updates' ? updates.updates.find((each) => each._ === 'updateNewMessage') : undefined;
  if (update?._ !== 'updateNewMessage' || update.message._ !== 'message') {
    throw new Error('sendMedia gave no message');
  }
  return downloadableMedia(update.message.media);
}

/** mtbot's uploadFile / downloadFile with their defaults. */
export const mtbotFileTransfers: FileTransfersFactory = async (server, content) => {
  const client = await connectMtbotClient(server);
  const media = await sendBenchDocument(client, server, content);
  return {
    upload: async () => {
      const again = await uploadFile(client, content, { fileName: 'bench.bin', fileId: BENCH_FILE_ID });
      if (again.size !== content.length) throw new Error(`uploaded ${again.size} bytes`);
    },
    download: async (sink: Writable) => {
      await downloadFile(client, media, sink);
    },
  };
};
