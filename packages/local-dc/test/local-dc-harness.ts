/** Shared set-up of the local DC tests: a DC on loopback and core's MtprotoClient against it over TCP. */
import {
  decodeApi,
  MemoryStorage,
  MtprotoClient,
  parseRsaPublicKeyPem,
  type Api,
  type SessionStorage,
} from 'telegram-mtproto-core';
import type { LocalDc } from '../src/local-dc';

/** A client of `dc` over TCP (intermediate framing); pass a storage to reuse its auth key. */
export function createClient(dc: LocalDc, storage: SessionStorage = new MemoryStorage()): MtprotoClient {
  return new MtprotoClient({
    host: dc.info.host,
    port: dc.info.port,
    dcId: dc.info.dcId,
    transports: [{ kind: 'tcp', framing: 'intermediate' }],
    publicKeys: [parseRsaPublicKeyPem(dc.info.publicKeyPem)],
    storage,
    defaultTimeoutMs: 10_000,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 },
    initConnection: {
      apiId: 12345,
      deviceModel: 'jest',
      systemVersion: process.version,
      appVersion: '0.0.0',
      systemLangCode: 'en',
      langPack: '',
      langCode: 'en',
    },
  });
}

/** Logs `client` in as the bot of `token`. */
export function loginBot(client: MtprotoClient, token: string): Promise<Api.TypeAuthAuthorization> {
  return client.invoke({
    _: 'auth.importBotAuthorization',
    flags: 0,
    api_id: 12345,
    api_hash: '0123456789abcdef0123456789abcdef',
    bot_auth_token: token,
  });
}

/** Collects the client's pushed updates, decoded. */
export class UpdateCollector {
  readonly received: Api.TypeUpdates[] = [];
  private waiters: Array<() => void> = [];

  constructor(client: MtprotoClient) {
    client.on('update', (body) => {
      this.received.push(decodeApi(body) as Api.TypeUpdates);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves with the first received update that `predicate` accepts (waiting up to 5 s). */
  async next<T extends Api.TypeUpdates>(predicate: (update: Api.TypeUpdates) => update is T): Promise<T> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.received.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('no matching update within 5 s');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/**
 * The first update of kind `kind` (matching `where`) inside the pushed `updates` containers so far,
 * waiting for it like {@link UpdateCollector.next}.
 */
export async function nextInnerUpdate<K extends Api.TypeUpdate['_']>(
  collector: UpdateCollector,
  kind: K,
  where: (update: Extract<Api.TypeUpdate, { _: K }>) => boolean = () => true,
): Promise<Extract<Api.TypeUpdate, { _: K }>> {
  const matches = (update: Api.TypeUpdate): update is Extract<Api.TypeUpdate, { _: K }> =>
    update._ === kind && where(update as Extract<Api.TypeUpdate, { _: K }>);
  const pushed = await collector.next(
    (updates): updates is Api.Updates => updates._ === 'updates' && updates.updates.some(matches),
  );
  return pushed.updates.find(matches)!;
}

/** The RpcError `invoke` rejects with, for `expect(...).rejects` checks. */
export function rpcErrorOf(text: string, code: number) {
  return expect.objectContaining({ name: 'RpcError', text, code });
}

/** Uploads an 8-byte file as one part and sends it to `peer` as a document (messages.sendMedia). */
export async function sendSmallDocument(
  client: MtprotoClient,
  peer: Api.TypeInputPeer,
  fileId: bigint,
  randomId: bigint,
): Promise<Api.TypeUpdates> {
  await client.invoke({ _: 'upload.saveFilePart', file_id: fileId, file_part: 0, bytes: new Uint8Array(8) });
  return client.invoke({
    _: 'messages.sendMedia',
    peer,
    media: {
      _: 'inputMediaUploadedDocument',
      file: { _: 'inputFile', id: fileId, parts: 1, name: 'a.bin', md5_checksum: '' },
      mime_type: 'application/octet-stream',
      attributes: [],
    },
    message: '',
    random_id: randomId,
  });
}
