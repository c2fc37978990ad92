import { TransportError } from '../../errors/transport-error';
import type { ByteChannel } from './byte-channel';
import { ServerConnection, type ServerConnectionOptions } from './server-connection';

/** Default time a server connection may stay silent before it is closed (5 minutes). */
export const DEFAULT_SERVER_IDLE_TIMEOUT_MS = 300_000;

/** Where a {@link ServerConnectionSet} reports to (the server's `connection` and `connectionError` events). */
export interface ServerConnectionReports {
  readonly connection: (connection: ServerConnection) => void;
  readonly connectionError: (error: Error) => void;
}

/**
 * The open connections of one transport server (TCP or WebSocket): each accepted channel becomes a
 * {@link ServerConnection} that is reported once its framing is known, forgotten once closed, and
 * whose failure is reported unless the client simply hung up.
 */
export class ServerConnectionSet {
  private readonly connections = new Set<ServerConnection>();

  constructor(private readonly reports: ServerConnectionReports) {}

  /** Serves a client on `channel`; the idle timeout defaults to {@link DEFAULT_SERVER_IDLE_TIMEOUT_MS}. */
  add(channel: ByteChannel, options: Omit<ServerConnectionOptions, 'onAccepted'>): void {
    const connection = new ServerConnection(channel, {
      ...options,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_SERVER_IDLE_TIMEOUT_MS,
      onAccepted: (accepted) => this.reports.connection(accepted),
    });
    this.connections.add(connection);
    connection.on('close', (error) => {
      this.connections.delete(connection);
      // A client hanging up is ordinary; everything else is worth reporting.
      if (
        error !== undefined &&
        !(TransportError.isInstance(error) && error.reason === 'connection-closed')
      ) {
        this.reports.connectionError(error);
      }
    });
  }

  /** Closes every connection. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.connections].map((connection) => connection.close()));
  }
}
