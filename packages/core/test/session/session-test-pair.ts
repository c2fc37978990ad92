/** A client session and a server session wired to each other in memory, on a manual clock. */
import { ManualClock, type Clock } from '../../src/crypto/clock';
import { decryptMessage, encryptMessage } from '../../src/crypto/message-encryption';
import { createSeededRandomSource } from '../../src/crypto/random-source';
import { TlWriter } from '../../src/tl/binary/tl-writer';
import { ClientSession, type ClientSessionOptions } from '../../src/session/client-session';
import { decodeInnerMessage, encodeInnerMessage, type InnerMessage } from '../../src/session/inner-message';
import { ServerSalts, type ServerSaltsOptions } from '../../src/session/server-salts';
import { ServerSession } from '../../src/session/server-session';
import type { ServerRequest } from '../../src/session/server-request';
import type { ClientSessionEvent, ServerSessionEvent } from '../../src/session/session-events';

export const START_TIME = 1_700_000_000_000;
export const INITIAL_SALT = 0x0123456789abcdefn;
export const authKey = createSeededRandomSource('session-test-auth-key')(256);

export interface PairOptions {
  readonly client?: Partial<ClientSessionOptions>;
  /** Milliseconds the client's clock is ahead of the server's (negative: behind). */
  readonly clientSkewMs?: number;
  readonly salts?: ServerSaltsOptions;
  readonly handler?: (request: ServerRequest) => void;
}

export interface Pair {
  readonly clock: ManualClock;
  readonly client: ClientSession;
  readonly server: ServerSession;
  readonly clientEvents: ClientSessionEvent[];
  readonly serverEvents: ServerSessionEvent[];
  /** Envelopes the client sent, in order. */
  readonly clientPayloads: Uint8Array[];
  /** Moves messages both ways until neither side has anything to send; returns the rounds taken. */
  pump(): number;
}

export function createPair(options: PairOptions = {}): Pair {
  const clock = new ManualClock(START_TIME);
  const clientClock: Clock = { now: () => clock.now() + (options.clientSkewMs ?? 0) };
  const clientEvents: ClientSessionEvent[] = [];
  const serverEvents: ServerSessionEvent[] = [];
  const clientPayloads: Uint8Array[] = [];
  const salts = new ServerSalts(
    createSeededRandomSource('salts'),
    { salt: INITIAL_SALT, atSeconds: START_TIME / 1000 },
    options.salts,
  );
  const server = new ServerSession({
    authKey,
    salts,
    clock,
    random: createSeededRandomSource('server'),
    onEvent: (event) => {
      serverEvents.push(event);
      if (event.type === 'request') options.handler?.(event.request);
    },
  });
  const client = new ClientSession({
    authKey,
    serverSalt: INITIAL_SALT,
    clock: clientClock,
    random: createSeededRandomSource('client'),
    pingIntervalMs: 0,
    requestFutureSalts: false,
    onEvent: (event) => clientEvents.push(event),
    ...options.client,
  });
  const pump = (): number => {
    for (let round = 1; round <= 50; round++) {
      const fromClient = client.flush();
      clientPayloads.push(...fromClient);
      for (const payload of fromClient) server.receive(payload);
      const fromServer = server.flush();
      for (const payload of fromServer) client.receive(payload);
      if (fromClient.length === 0 && fromServer.length === 0) return round;
    }
    throw new Error('the sessions kept talking for 50 rounds');
  };
  return { clock, client, server, clientEvents, serverEvents, clientPayloads, pump };
}

/** Decrypts an envelope the client sent (the test knows the key). */
export function openClientPayload(payload: Uint8Array): InnerMessage {
  return decodeInnerMessage(decryptMessage(authKey, payload, 'client'));
}

/** Decrypts an envelope the server sent. */
export function openServerPayload(payload: Uint8Array): InnerMessage {
  return decodeInnerMessage(decryptMessage(authKey, payload, 'server'));
}

/** Encrypts a hand-made client message, for the server's rejection tests. */
export function sealClientMessage(message: InnerMessage): Uint8Array {
  return encryptMessage(
    authKey,
    encodeInnerMessage(message),
    'client',
    createSeededRandomSource('hand-made'),
  );
}

/** Encrypts a hand-made server message, for the client's tests. */
export function sealServerMessage(message: InnerMessage): Uint8Array {
  return encryptMessage(
    authKey,
    encodeInnerMessage(message),
    'server',
    createSeededRandomSource('hand-made-server'),
  );
}

/** A boxed `Vector<long>`. */
export function vectorOfLongs(values: readonly bigint[]): Uint8Array {
  const writer = new TlWriter();
  writer.writeVectorHeader(values.length);
  for (const value of values) writer.writeInt64(value);
  return writer.finish();
}

/** The first 32-bit word of a body. */
export function constructorOf(body: Uint8Array): number {
  return new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
}
