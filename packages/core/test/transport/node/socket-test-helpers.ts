import { createServer, connect as netConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PayloadConnection } from '../../../src/transport/payload-connection';
import { expectBytes, seededRandom } from '../transport-test-helpers';

const MIB = 1024 * 1024;

/**
 * `count` payloads of seeded random sizes up to 1 MiB, log-uniformly spread so small and large frames
 * both occur, with the two extremes always included. Contents are random too. Word-aligned payloads
 * (the stream framings) start at 24 bytes: no MTProto payload is shorter than its 20-byte header
 * (auth_key_id, msg_id, length), and the codecs read a short payload starting with a negative word
 * as Telegram's transport error code (core.telegram.org/mtproto/mtproto-transports#transport-errors).
 */
export function randomPayloads(count: number, seed: string, wordAligned: boolean): Uint8Array[] {
  const random = seededRandom(seed);
  const minimum = wordAligned ? 24 : 1;
  const sizes = [minimum, MIB];
  while (sizes.length < count) {
    const fraction = new DataView(random(4).buffer).getUint32(0) / 0x100000000;
    let size = Math.max(minimum, Math.round(Math.exp(fraction * Math.log(MIB))));
    if (wordAligned) size = Math.max(minimum, size - (size % 4));
    sizes.push(size);
  }
  return sizes.map((size) => random(size));
}

/** Resolves with the next `count` payloads the connection delivers (rejects if it closes first). */
export function collectPayloads(connection: PayloadConnection, count: number): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const received: Uint8Array[] = [];
    const stopPayload = connection.on('payload', (payload) => {
      received.push(payload);
      if (received.length === count) {
        stopPayload();
        stopClose();
        resolve(received);
      }
    });
    const stopClose = connection.on('close', (error) =>
      reject(error ?? new Error(`closed after ${received.length} of ${count} payloads`)),
    );
  });
}

/** Resolves with the error the connection closes with (undefined for a local close). */
export function nextClose(connection: PayloadConnection): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const stop = connection.on('close', (error) => {
      stop();
      resolve(error);
    });
  });
}

/** A port on 127.0.0.1 that was just free: a server listened on it and closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A raw TCP server whose behaviour the test scripts; tracks its sockets so it can close them all. */
export class RawServer {
  readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor(onConnection: (socket: Socket) => void) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      onConnection(socket);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Opens a raw socket, writes `bytes`, and resolves with everything received once the server closes
 * the socket (so the test fails by timeout if the server keeps a garbage client open).
 */
export function sendRaw(port: number, bytes: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('connect', () => socket.write(bytes));
    socket.on('close', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error('server kept a garbage connection open'));
    });
  });
}

/** Elapsed milliseconds of `action`. Used only to check a timeout fired near its bound, never for speed. */
export async function timed<T>(action: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> {
  const start = performance.now();
  const value = await action();
  return { value, elapsedMs: performance.now() - start };
}

/**
 * Checks an echoed payload. Padded intermediate framing adds 0..15 random bytes and the receiver can
 * only cut the ones past the last whole word (core.telegram.org/mtproto/mtproto-transports#padded-intermediate),
 * so there up to 12 whole padding bytes per hop may follow the payload: 24 after an echo's round trip.
 * Every other framing must be exact.
 */
export function expectEchoed(actual: Uint8Array, expected: Uint8Array, padded: boolean): void {
  if (!padded) {
    expectBytes(actual, expected);
    return;
  }
  const extra = actual.length - expected.length;
  expect(extra >= 0 && extra <= 24 && extra % 4 === 0).toBe(true);
  expectBytes(actual.subarray(0, expected.length), expected);
}
