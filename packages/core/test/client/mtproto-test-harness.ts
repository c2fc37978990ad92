import { MtprotoClient, type MtprotoClientOptions } from '../../src/client/mtproto-client';
import type { ClientTransport } from '../../src/client/client-transport';
import { generateRsaKeyPair, type RsaKeyPair } from '../../src/crypto/rsa-private-key';
import { parseRsaPrivateKeyPem } from '../../src/crypto/rsa-private-key';
import { RpcError } from '../../src/errors/rpc-error';
import {
  MtprotoServer,
  type MtprotoRequestHandler,
  type MtprotoServerAddresses,
  type MtprotoServerOptions,
} from '../../src/server/mtproto-server';

let keyPair: RsaKeyPair | undefined;

/** One RSA key pair for every test (generating one takes a moment). */
export function testKeyPair(): RsaKeyPair {
  keyPair ??= generateRsaKeyPair();
  return keyPair;
}

/** A long, repetitive text: its result goes gzip_packed. */
export const BIG_TEXT = Array.from(
  { length: 20_000 },
  (_, index) => `line ${index % 97} of the big result`,
).join('\n');

/** The test application: a few methods with known answers. */
export const testHandler: MtprotoRequestHandler = (request) => {
  switch (request.method) {
    case 'help.getNearestDc':
      return { _: 'nearestDc', country: 'NL', this_dc: 2, nearest_dc: 4 };
    case 'help.getInviteText':
      return { _: 'help.inviteText', message: BIG_TEXT };
    case 'help.getSupportName':
      return { _: 'help.supportName', name: `support ${request.sessionId !== 0n}` };
    case 'messages.sendMessage':
      throw new RpcError(400, 'PEER_ID_INVALID');
    default:
      throw new RpcError(400, 'METHOD_NOT_IMPLEMENTED');
  }
};

/** Starts a server on loopback with every transport (port 0). */
export async function startServer(
  options: Partial<MtprotoServerOptions> = {},
): Promise<{ server: MtprotoServer; addresses: MtprotoServerAddresses }> {
  const server = new MtprotoServer({
    privateKeys: [parseRsaPrivateKeyPem(testKeyPair().privateKeyPem)],
    handler: testHandler,
    websocket: {},
    http: {},
    ...options,
  });
  const addresses = await server.listen();
  return { server, addresses };
}

/** A client for `transport` against the server, with quick timeouts and reconnects. */
export function createTestClient(
  addresses: MtprotoServerAddresses,
  transport: ClientTransport,
  options: Partial<MtprotoClientOptions> = {},
): MtprotoClient {
  return new MtprotoClient({
    host: addresses.tcp!.host,
    port: addresses.tcp!.port,
    dcId: 2,
    transports: [transport],
    publicKeys: [testKeyPair().publicKey],
    defaultTimeoutMs: 10_000,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    httpWait: { maxWaitMs: 1_000 },
    initConnection: {
      apiId: 1,
      deviceModel: 'test',
      systemVersion: 'test',
      appVersion: '1.0',
      systemLangCode: 'en',
      langPack: '',
      langCode: 'en',
    },
    ...options,
  });
}

/** Resolves when the client reaches `state`. */
export function nextState(client: MtprotoClient, state: MtprotoClient['state']): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const stop = client.on('state', (current, error) => {
      if (current !== state) return;
      stop();
      resolve(error);
    });
  });
}
