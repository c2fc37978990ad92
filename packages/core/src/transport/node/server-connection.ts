import { TransportError } from '../../errors/transport-error';
import type { FramingKind } from '../frame-codec';
import type { MtproxySecret } from '../obfuscation';
import {
  ServerTransportAcceptor,
  type AcceptedTransport,
  type ServerTransportAcceptorOptions,
} from '../server-transport-acceptor';
import type { ByteChannel } from './byte-channel';
import { FramedConnection, type FramedConnectionTimeouts } from './framed-connection';

/** Options of {@link ServerConnection}. */
export interface ServerConnectionOptions extends FramedConnectionTimeouts, ServerTransportAcceptorOptions {
  /** Called once the client's framing is known, before any of its payloads is delivered. */
  readonly onAccepted?: (connection: ServerConnection) => void;
}

/**
 * One client on a transport server (TCP or WebSocket): the first bytes decide the framing
 * (core.telegram.org/mtproto/mtproto-transports), then it carries payloads both ways. Payload events
 * say whether the client asked for a quick ack, which {@link ServerConnection.sendQuickAck} answers.
 * Servers create these; applications receive them from the server's `connection` event.
 */
export class ServerConnection extends FramedConnection {
  private acceptedTransport: AcceptedTransport | undefined;

  constructor(channel: ByteChannel, options: ServerConnectionOptions = {}) {
    super();
    const acceptor = new ServerTransportAcceptor(options);
    this.attach(
      channel,
      {
        acceptor,
        onAccepted: (accepted) => {
          this.acceptedTransport = accepted;
          options.onAccepted?.(this);
        },
      },
      options,
    );
  }

  /** The client's framing (the inner one when obfuscated); undefined until its first bytes are in. */
  get framing(): FramingKind | undefined {
    return this.acceptedTransport?.codec.kind;
  }

  /** Whether the client obfuscates the stream. */
  get obfuscated(): boolean {
    return this.acceptedTransport?.obfuscated ?? false;
  }

  /** Signed DC id from the client's obfuscation init. */
  get dcId(): number | undefined {
    return this.acceptedTransport?.dcId;
  }

  /** The MTProxy secret the client used. */
  get secret(): MtproxySecret | undefined {
    return this.acceptedTransport?.secret;
  }

  /** Quick-acknowledges a client payload with `token` (derived from the payload by the session layer). */
  sendQuickAck(token: number): Promise<void> {
    const codec = this.activeCodec;
    if (codec === undefined) {
      return Promise.reject(
        new TransportError('connection-closed', 'cannot quick-ack before the client framing is known'),
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = codec.encodeQuickAck(token);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writeRaw(bytes);
  }
}
