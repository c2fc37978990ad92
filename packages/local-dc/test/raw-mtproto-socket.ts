/**
 * A hand-driven MTProto connection for hostile-input tests: raw TCP with the intermediate framing,
 * envelopes built byte by byte (so a test can send garbage, truncate a frame, lie about a length,
 * replay a msg_id, break a msg_key), and the server's answers decrypted back into MTProto objects.
 */
import { connect, type Socket } from 'node:net';
import {
  computeAuthKeyId,
  decodeMtproto,
  decryptMessage,
  encryptMessage,
  TlReader,
  type Mtproto,
} from 'telegram-mtproto-core';

const INTERMEDIATE_TAG = new Uint8Array([0xee, 0xee, 0xee, 0xee]);

/** What the server sent: a transport error code (-404, ...) or a decrypted message. */
export type RawAnswer =
  | { readonly kind: 'transport-error'; readonly code: number }
  | { readonly kind: 'message'; readonly msgId: bigint; readonly body: Mtproto.TlAnyObject };

/** A TCP socket to the DC that reads intermediate frames; the tag is sent by {@link RawSocket.open}. */
export class RawSocket {
  private buffered = Buffer.alloc(0);
  private readonly frames: Uint8Array[] = [];
  private waiters: Array<() => void> = [];
  /** Resolves when the server (or we) closed the socket. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4) {
        const length = this.buffered.readUInt32LE(0);
        if (this.buffered.length < 4 + length) break;
        this.frames.push(new Uint8Array(this.buffered.subarray(4, 4 + length)));
        this.buffered = this.buffered.subarray(4 + length);
      }
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    void this.closed.then(() => this.wake());
  }

  /** Connects; with `tag` (the default) the intermediate framing's 0xeeeeeeee is sent first. */
  static async open(port: number, options: { tag?: boolean } = {}): Promise<RawSocket> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const raw = new RawSocket(socket);
    if (options.tag !== false) raw.write(INTERMEDIATE_TAG);
    return raw;
  }

  /** Raw bytes, no framing. */
  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** One intermediate frame: a 4-byte length (or `claimedLength`, to lie) and the payload. */
  writeFrame(payload: Uint8Array, claimedLength = payload.length): void {
    const header = Buffer.alloc(4);
    header.writeUInt32LE(claimedLength >>> 0);
    this.socket.write(Buffer.concat([header, payload]));
  }

  /** The next frame, or undefined when the socket closes first (or after `timeoutMs`). */
  async nextFrame(timeoutMs = 5_000): Promise<Uint8Array | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame !== undefined) return frame;
      if (this.socket.destroyed || Date.now() > deadline) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** An encrypted session on a {@link RawSocket} under a known auth key. */
export class RawSession {
  private lastMsgId = 0n;
  private seq = 0;
  readonly authKeyId: Uint8Array;

  constructor(
    readonly socket: RawSocket,
    private readonly authKey: Uint8Array,
    public salt: bigint,
    readonly sessionId: bigint,
  ) {
    this.authKeyId = computeAuthKeyId(authKey);
  }

  /** A fresh client msg_id (time-based, divisible by 4, increasing). */
  nextMsgId(): bigint {
    let id =
      (BigInt(Math.floor(Date.now() / 1000)) << 32n) | (BigInt(Math.floor(Math.random() * 2 ** 30)) << 2n);
    if (id <= this.lastMsgId) id = this.lastMsgId + 4n;
    this.lastMsgId = id;
    return id;
  }

  /** The envelope of `body` (an encoded method or service object), as the client would send it. */
  envelope(body: Uint8Array, msgId = this.nextMsgId(), seqNo = this.seq++ * 2 + 1): Uint8Array {
    const plain = new Uint8Array(32 + body.length);
    const view = new DataView(plain.buffer);
    view.setBigUint64(0, BigInt.asUintN(64, this.salt), true);
    view.setBigUint64(8, BigInt.asUintN(64, this.sessionId), true);
    view.setBigUint64(16, msgId, true);
    view.setInt32(24, seqNo, true);
    view.setInt32(28, body.length, true);
    plain.set(body, 32);
    return encryptMessage(this.authKey, plain, 'client');
  }

  /** Sends `body` as one message; returns its msg_id. */
  send(body: Uint8Array, msgId = this.nextMsgId()): bigint {
    this.socket.writeFrame(this.envelope(body, msgId));
    return msgId;
  }

  /** The next answer: a transport error or the decrypted message (containers are flattened by the caller). */
  async next(timeoutMs?: number): Promise<RawAnswer | undefined> {
    const frame = await this.socket.nextFrame(timeoutMs);
    if (frame === undefined) return undefined;
    if (frame.length === 4) {
      return {
        kind: 'transport-error',
        code: new DataView(frame.buffer, frame.byteOffset).getInt32(0, true),
      };
    }
    const plain = decryptMessage(this.authKey, frame, 'server', this.authKeyId);
    const reader = new TlReader(plain);
    reader.readInt64(); // salt
    reader.readInt64(); // session id
    const msgId = reader.readInt64();
    reader.readInt32(); // seq_no
    const length = reader.readInt32();
    return { kind: 'message', msgId, body: decodeMtproto(plain.subarray(32, 32 + length)) };
  }

  /**
   * Every service object and result the server sends until `predicate` accepts one of them, or all
   * seen so far (5 s at most per answer).
   */
  async waitFor(
    predicate: (body: Mtproto.TlAnyObject, seen: readonly Mtproto.TlAnyObject[]) => boolean,
  ): Promise<Mtproto.TlAnyObject[]> {
    const seen: Mtproto.TlAnyObject[] = [];
    for (;;) {
      const answer = await this.next();
      if (answer === undefined)
        throw new Error(`no matching answer; got ${seen.map((each) => each._).join(', ')}`);
      if (answer.kind === 'transport-error') throw new Error(`transport error ${answer.code}`);
      const bodies =
        answer.body._ === 'msg_container' ? answer.body.messages.map((each) => each.body) : [answer.body];
      seen.push(...bodies);
      if (bodies.some((body) => predicate(body, seen))) return seen;
    }
  }
}

/** The rpc_result answering `msgId` among `bodies`, if any. */
export function rpcResultOf(
  bodies: readonly Mtproto.TlAnyObject[],
  msgId: bigint,
): Mtproto.TlAnyObject | undefined {
  for (const body of bodies) if (body._ === 'rpc_result' && body.req_msg_id === msgId) return body.result;
  return undefined;
}
