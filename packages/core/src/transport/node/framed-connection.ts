import { TransportError } from '../../errors/transport-error';
import type { DecodedFrame, FrameCodec } from '../frame-codec';
import type {
  ConnectionState,
  PayloadConnection,
  PayloadConnectionEvents,
  SendOptions,
} from '../payload-connection';
import type { AcceptedTransport, ServerTransportAcceptor } from '../server-transport-acceptor';
import { TypedEventEmitter } from '../typed-event-emitter';
import type { ByteChannel } from './byte-channel';

/** Default bound on how long one frame may take to arrive once its first byte is in. */
export const DEFAULT_READ_TIMEOUT_MS = 30_000;

/** Timeouts of a framed connection. */
export interface FramedConnectionTimeouts {
  /**
   * A frame (or, on a server, the opening bytes) that started arriving must be complete within this
   * many milliseconds, else the connection closes with TransportError `timeout`. Default 30 s.
   */
  readonly readTimeoutMs?: number;
  /** Close with TransportError `timeout` when nothing at all arrives for this long. Default: no limit. */
  readonly idleTimeoutMs?: number;
}

/** How the connection learns its codec: known up front (client) or from the first bytes (server). */
export type CodecSource =
  | { readonly codec: FrameCodec }
  | {
      readonly acceptor: ServerTransportAcceptor;
      readonly onAccepted: (accepted: AcceptedTransport) => void;
    };

/**
 * A payload connection over a byte stream and an MTProto framing codec
 * (core.telegram.org/mtproto/mtproto-transports): it frames outgoing payloads, decodes incoming
 * bytes, and closes with a TransportError on bad framing, a frame that stalls half-received, an idle
 * peer or a closed socket. Subclasses open the channel and call {@link FramedConnection.attach}.
 */
export abstract class FramedConnection
  extends TypedEventEmitter<PayloadConnectionEvents>
  implements PayloadConnection
{
  protected currentState: ConnectionState = 'idle';
  private channel: ByteChannel | undefined;
  private codec: FrameCodec | undefined;
  private acceptor: ServerTransportAcceptor | undefined;
  private onAccepted: ((accepted: AcceptedTransport) => void) | undefined;
  private receivedAny = false;
  private readTimeoutMs = DEFAULT_READ_TIMEOUT_MS;
  private idleTimeoutMs: number | undefined;
  private readTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private closing: Promise<void> | undefined;

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Where the peer is (empty before the channel is attached). */
  get remoteAddress(): string {
    return this.channel?.remoteAddress ?? '';
  }

  send(payload: Uint8Array, options?: SendOptions): Promise<void> {
    const channel = this.channel;
    const codec = this.codec;
    if (this.currentState !== 'open' || channel === undefined || codec === undefined) {
      return Promise.reject(
        new TransportError('connection-closed', `cannot send: connection is ${this.currentState}`),
      );
    }
    let frame: Uint8Array;
    try {
      frame = codec.encode(payload, options);
    } catch (error) {
      return Promise.reject(error);
    }
    return channel.write(frame);
  }

  close(): Promise<void> {
    return this.finish(undefined);
  }

  /** The codec in use (undefined on a server until the client's framing is known). */
  protected get activeCodec(): FrameCodec | undefined {
    return this.codec;
  }

  /** Writes bytes that are already framed (a quick ack). */
  protected writeRaw(bytes: Uint8Array): Promise<void> {
    if (this.currentState !== 'open' || this.channel === undefined) {
      return Promise.reject(
        new TransportError('connection-closed', `cannot send: connection is ${this.currentState}`),
      );
    }
    return this.channel.write(bytes);
  }

  /** Takes over an open channel: the connection is open from here on. */
  protected attach(channel: ByteChannel, source: CodecSource, timeouts: FramedConnectionTimeouts): void {
    this.channel = channel;
    this.readTimeoutMs = timeouts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    this.idleTimeoutMs = timeouts.idleTimeoutMs;
    if ('codec' in source) this.codec = source.codec;
    else {
      this.acceptor = source.acceptor;
      this.onAccepted = source.onAccepted;
    }
    this.currentState = 'open';
    channel.attach({
      receive: (chunk) => this.receive(chunk),
      closed: (error) => this.channelClosed(error),
    });
    // The preamble (tag or obfuscation init) must precede every frame; writing it here, before any
    // send can run, keeps that order. Its failure surfaces through the channel's close.
    if (this.codec !== undefined && this.codec.preamble.length > 0)
      channel.write(this.codec.preamble).catch(() => undefined);
    this.restartIdleTimer();
  }

  /** Closes with `error` (a TransportError saying why). */
  protected fail(error: Error): void {
    void this.finish(error);
  }

  private receive(chunk: Uint8Array): void {
    if (this.currentState !== 'open') return;
    this.receivedAny = true;
    this.restartIdleTimer();
    let completedFrame = false;
    try {
      if (this.codec === undefined) {
        const accepted = this.acceptor?.push(chunk);
        if (accepted === undefined) {
          this.updateReadTimer(false);
          return;
        }
        this.codec = accepted.codec;
        completedFrame = true;
        this.onAccepted?.(accepted);
      } else {
        this.codec.push(chunk);
      }
      for (let frame = this.codec.read(); frame !== undefined; frame = this.codec.read()) {
        completedFrame = true;
        this.deliver(frame);
        // A listener may have closed the connection; nothing more is delivered then.
        if (this.currentState !== 'open') return;
      }
      this.updateReadTimer(completedFrame);
    } catch (error) {
      this.fail(asTransportError(error));
    }
  }

  private deliver(frame: DecodedFrame): void {
    if (frame.type === 'payload')
      this.emit('payload', frame.payload, { quickAckRequested: frame.quickAckRequested });
    else this.emit('quickAck', frame.token);
  }

  /**
   * Runs the read timer while a frame is partly received. The deadline counts from the frame's first
   * byte, not from the latest chunk, so a peer trickling one byte at a time is cut off as well.
   */
  private updateReadTimer(completedFrame: boolean): void {
    const missing =
      this.codec !== undefined
        ? this.codec.missingBytes
        : this.receivedAny
          ? (this.acceptor?.missingBytes ?? 0)
          : 0;
    if (completedFrame || missing === 0) this.clearReadTimer();
    if (missing === 0 || this.readTimer !== undefined) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = undefined;
      const stillMissing = this.codec?.missingBytes ?? this.acceptor?.missingBytes ?? 0;
      this.fail(
        new TransportError(
          'timeout',
          `${this.remoteAddress}: frame incomplete after ${this.readTimeoutMs} ms (${stillMissing} bytes or more missing)`,
        ),
      );
    }, this.readTimeoutMs);
  }

  private clearReadTimer(): void {
    if (this.readTimer !== undefined) clearTimeout(this.readTimer);
    this.readTimer = undefined;
  }

  private restartIdleTimer(): void {
    if (this.idleTimeoutMs === undefined) return;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    const idleTimeoutMs = this.idleTimeoutMs;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.fail(
        new TransportError('timeout', `${this.remoteAddress}: nothing received for ${idleTimeoutMs} ms`),
      );
    }, idleTimeoutMs);
  }

  private channelClosed(error: Error | undefined): void {
    if (this.currentState === 'closed') return;
    const midFrame = (this.codec?.missingBytes ?? 0) > 0;
    this.fail(
      error ??
        new TransportError(
          'connection-closed',
          midFrame
            ? `${this.remoteAddress} closed the connection in the middle of a frame`
            : `${this.remoteAddress} closed the connection`,
        ),
    );
  }

  /** Closes once: stops the timers, emits `close`, and closes the channel (gracefully without error). */
  private finish(error: Error | undefined): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    const wasOpen = this.currentState === 'open';
    this.currentState = 'closed';
    this.clearReadTimer();
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.closing = this.channel?.close(error === undefined) ?? Promise.resolve();
    if (wasOpen) this.emit('close', error);
    return this.closing;
  }
}

/** Codec errors are TransportErrors already; anything else is wrapped so listeners get one type. */
function asTransportError(error: unknown): Error {
  if (TransportError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError('unsupported-protocol', `cannot decode the stream: ${message}`, undefined, {
    cause: error,
  });
}
