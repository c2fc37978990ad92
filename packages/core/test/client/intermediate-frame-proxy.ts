import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/** What to do with one server-to-client payload: the payloads to forward instead (none drops it). */
export type ServerPayloadRewrite = (payload: Uint8Array, index: number) => Uint8Array[];

/** Splits an intermediate-framed byte stream (4-byte little-endian length, then the payload). */
class IntermediateReader {
  private buffered = Buffer.alloc(0);

  constructor(private tagPending: boolean) {}

  push(chunk: Buffer): Uint8Array[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    if (this.tagPending) {
      if (this.buffered.length < 4) return [];
      this.buffered = this.buffered.subarray(4);
      this.tagPending = false;
    }
    const payloads: Uint8Array[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32LE(0) & 0x7fffffff;
      if (this.buffered.length < 4 + length) break;
      payloads.push(new Uint8Array(this.buffered.subarray(4, 4 + length)));
      this.buffered = this.buffered.subarray(4 + length);
    }
    return payloads;
  }
}

function frame(payload: Uint8Array): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

/**
 * A man in the middle for the plain intermediate framing on loopback: it counts the client's frames
 * and lets a test rewrite, drop, duplicate or corrupt what the server sends back.
 */
export class IntermediateFrameProxy {
  clientFrames = 0;
  serverBytes = 0;
  rewrite: ServerPayloadRewrite = (payload) => [payload];
  /** Raw bytes to put in front of the next server chunk (to corrupt the framing itself). */
  injectRaw: Buffer | undefined;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private serverPayloads = 0;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** Cuts every proxied connection. */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = connect({ host: '127.0.0.1', port: this.targetPort });
    this.sockets.add(client).add(upstream);
    const clientReader = new IntermediateReader(true);
    const serverReader = new IntermediateReader(false);
    client.on('data', (chunk: Buffer) => {
      this.clientFrames += clientReader.push(chunk).length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      this.serverBytes += chunk.length;
      if (this.injectRaw !== undefined) {
        client.write(this.injectRaw);
        this.injectRaw = undefined;
      }
      for (const payload of serverReader.push(chunk)) {
        for (const out of this.rewrite(payload, this.serverPayloads++)) client.write(frame(out));
      }
    });
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  }
}
