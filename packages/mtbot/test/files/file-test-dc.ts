/** Shared set-up of the file tests: core's MtprotoClient over TCP to a local DC, logged in as a bot. */
import { createHash } from 'node:crypto';
import { MemoryStorage, MtprotoClient, parseRsaPublicKeyPem, type Api } from 'telegram-mtproto-core';
import type { LocalDc, UserRecord } from 'mtbot-local-dc';

/** A client of DC `dcId` of `dc` (default its main one). */
export function createClient(dc: LocalDc, dcId = dc.info.dcId): MtprotoClient {
  const address = dc.info.dcs.find((each) => each.dcId === dcId)!;
  return new MtprotoClient({
    host: address.host,
    port: address.port,
    dcId,
    transports: [{ kind: 'tcp', framing: 'intermediate' }],
    publicKeys: [parseRsaPublicKeyPem(dc.info.publicKeyPem)],
    storage: new MemoryStorage(),
    defaultTimeoutMs: 10_000,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 5 },
  });
}

/** Logs `client` in as the bot of `token`. */
export async function loginBot(client: MtprotoClient, token: string): Promise<void> {
  await client.invoke({
    _: 'auth.importBotAuthorization',
    flags: 0,
    api_id: 12345,
    api_hash: '0123456789abcdef0123456789abcdef',
    bot_auth_token: token,
  });
}

export const peerOf = (user: UserRecord): Api.InputPeerUser => ({
  _: 'inputPeerUser',
  user_id: user.id,
  access_hash: user.accessHash,
});

let randomId = 1n;

/** messages.sendMedia to `user`, and the media of the message it became. */
export async function sendMedia(
  client: MtprotoClient,
  user: UserRecord,
  media: Api.TypeInputMedia,
): Promise<Api.TypeMessageMedia> {
  const updates = await client.invoke({
    _: 'messages.sendMedia',
    peer: peerOf(user),
    media,
    message: '',
    random_id: randomId++,
  });
  if (updates._ !== 'updates') throw new Error(`expected updates, got ${updates._}`);
  const update = updates.updates.find((each) => each._ === 'updateNewMessage');
  if (
    update?._ !== 'updateNewMessage' ||
    update.message._ !== 'message' ||
    update.message.media === undefined
  ) {
    throw new Error('no new message with media');
  }
  return update.message.media;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Deterministic pseudo-random bytes (fast, no crypto): tests need varied content, not secrecy. */
export function patternBytes(length: number, seed = 1): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let state = seed >>> 0 || 1;
  let index = 0;
  for (; index + 4 <= length; index += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes.writeUInt32LE(state >>> 0, index);
  }
  for (; index < length; index++) bytes[index] = index & 0xff;
  return bytes;
}
