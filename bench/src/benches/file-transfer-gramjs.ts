// The GramJS anchor of the file-transfer benches: TelegramClient.uploadFile / downloadFile (4 workers,
// its own part sizes) against the same local DC. GramJS speaks layer 198 and the DC layer 227; the
// methods used here (upload.saveBigFilePart, upload.getFile, auth.importBotAuthorization) have the
// same constructors in both, so only GramJS's reading of the login's User fails (see the local DC's
// gramjs-interop test) while the login itself succeeds. The file to download is sent by mtbot.
import { createPublicKey } from 'node:crypto';
import type { Writable } from 'node:stream';
import { Api, TelegramClient } from 'telegram';
import { CustomFile } from 'telegram/client/uploads';
import { _serverKeys } from 'telegram/crypto/RSA';
import { returnBigInt } from 'telegram/Helpers';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { ConnectionTCPFull } from 'telegram/network/connection';
import { MemorySession } from 'telegram/sessions';
import type { FileTransferServerReady } from './file-transfer-server';
import { connectMtbotClient, sendBenchDocument } from './file-transfer-mtbot';
import type { FileTransfersFactory } from './file-transfer-worker';

/** GramJS trusts only the keys in its RSA map, keyed by the signed decimal fingerprint. */
function trustServerKey(publicKeyPem: string, fingerprintHex: string): void {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  const modulus = BigInt(`0x${Buffer.from(jwk.n!, 'base64url').toString('hex')}`);
  const exponent = Number(BigInt(`0x${Buffer.from(jwk.e!, 'base64url').toString('hex')}`));
  const fingerprint = BigInt.asIntN(64, BigInt(`0x${fingerprintHex}`)).toString();
  _serverKeys.set(fingerprint, { n: returnBigInt(modulus), e: exponent });
}

/** TelegramClient.connect() dials port 80: this connection class keeps TCP full and swaps the port. */
function connectionOnPort(port: number): typeof ConnectionTCPFull {
  return class LocalDcConnection extends ConnectionTCPFull {
    constructor(params: ConstructorParameters<typeof ConnectionTCPFull>[0]) {
      super({ ...params, port });
    }
  };
}

export const gramjsFileTransfers: FileTransfersFactory = async (server: FileTransferServerReady, content) => {
  trustServerKey(server.publicKeyPem, server.fingerprint);
  const session = new MemorySession();
  session.setDC(server.dcId, server.host, server.port);
  const client = new TelegramClient(session, 12345, '0123456789abcdef0123456789abcdef', {
    connection: connectionOnPort(server.port),
    connectionRetries: 1,
    autoReconnect: false,
    baseLogger: new Logger(LogLevel.NONE),
  });
  await client.connect();
  // The DC logs the key in; GramJS then fails to read the layer-227 User in the answer.
  await client
    .invoke(
      new Api.auth.ImportBotAuthorization({
        flags: 0,
        apiId: 12345,
        apiHash: '0123456789abcdef0123456789abcdef',
        botAuthToken: server.botToken,
      }),
    )
    .catch(() => undefined);
  // The file to download: sent once by mtbot (GramJS's messages.sendMedia is of another layer).
  const mtbot = await connectMtbotClient(server);
  const media = await sendBenchDocument(mtbot, server, content);
  await mtbot.close();
  const location = new Api.InputDocumentFileLocation({
    id: returnBigInt(media.location.id),
    accessHash: returnBigInt(media.location.access_hash),
    fileReference: Buffer.from(media.location.file_reference),
    thumbSize: '',
  });
  return {
    upload: async () => {
      const file = new CustomFile('bench.bin', content.length, '', content);
      // maxBufferSize: keep the content in memory, as mtbot's bench does (GramJS would read a path).
      const uploaded = await client.uploadFile({ file, workers: 4, maxBufferSize: content.length + 1 });
      if (!(uploaded instanceof Api.InputFileBig)) throw new Error('GramJS did not upload a big file');
    },
    download: async (sink: Writable) => {
      const bytes = await client.downloadFile(location, {
        dcId: server.dcId,
        fileSize: returnBigInt(content.length),
      });
      if (!Buffer.isBuffer(bytes)) throw new Error('GramJS gave no buffer');
      await new Promise<void>((resolve, reject) =>
        sink.write(bytes, (error) => (error ? reject(error) : resolve())),
      );
    },
  };
};
