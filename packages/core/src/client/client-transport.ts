import { ConfigError } from '../errors/config-error';
import type { FallbackCandidate } from '../transport/connect-with-fallback';
import type { FramingKind, RandomBytes } from '../transport/frame-codec';
import type { ObfuscatedFramingKind } from '../transport/obfuscation';
import { HttpConnection } from '../transport/node/http-connection';
import { TcpConnection } from '../transport/node/tcp-connection';
import { WebSocketConnection } from '../transport/node/websocket-connection';

/**
 * One way of reaching a DC (core.telegram.org/mtproto/transports). A client lists several in order
 * of preference; the first that connects is used, and reconnection starts over from the first.
 */
export type ClientTransport =
  | {
      readonly kind: 'tcp';
      /** The framing; with `obfuscated` the inner one (anything but `full`). */
      readonly framing: FramingKind;
      /** Obfuscate the stream (implied by `secret`). */
      readonly obfuscated?: boolean;
      /** MTProxy secret, hex or bytes. */
      readonly secret?: string | Uint8Array;
      /** Host and port when they differ from the DC's (a proxy). */
      readonly host?: string;
      readonly port?: number;
    }
  | {
      readonly kind: 'websocket';
      /** e.g. `ws://127.0.0.1:8080/apiws`. */
      readonly url: string;
      readonly framing?: ObfuscatedFramingKind;
    }
  | {
      readonly kind: 'http';
      /** e.g. `http://127.0.0.1:8080/api`. */
      readonly url: string;
    };

/** Where the transports lead and how connections are bounded. */
export interface ClientTransportTarget {
  readonly host: string;
  readonly port: number;
  /** The DC number put in obfuscation inits. */
  readonly dcId: number;
  readonly connectTimeoutMs: number;
  readonly random: RandomBytes;
}

/** The name of a transport in events and errors, e.g. `tcp/obfuscated-intermediate`. */
export function describeClientTransport(transport: ClientTransport): string {
  switch (transport.kind) {
    case 'tcp':
      return `tcp/${transport.obfuscated || transport.secret !== undefined ? 'obfuscated-' : ''}${transport.framing}`;
    case 'websocket':
      return `websocket ${transport.url}`;
    case 'http':
      return `http ${transport.url}`;
  }
}

/** Turns the configured transports into fallback candidates, each making a fresh connection. */
export function createTransportCandidates(
  transports: readonly ClientTransport[],
  target: ClientTransportTarget,
): FallbackCandidate[] {
  if (transports.length === 0) throw new ConfigError('at least one transport must be configured');
  return transports.map((transport) => ({
    name: describeClientTransport(transport),
    create: () => {
      switch (transport.kind) {
        case 'tcp': {
          const obfuscated = transport.obfuscated === true || transport.secret !== undefined;
          return new TcpConnection({
            host: transport.host ?? target.host,
            port: transport.port ?? target.port,
            framing: transport.framing,
            obfuscation: obfuscated ? { dcId: target.dcId, secret: transport.secret } : undefined,
            connectTimeoutMs: target.connectTimeoutMs,
            random: target.random,
          });
        }
        case 'websocket':
          return new WebSocketConnection({
            url: transport.url,
            framing: transport.framing,
            obfuscation: { dcId: target.dcId },
            connectTimeoutMs: target.connectTimeoutMs,
            random: target.random,
          });
        case 'http':
          return new HttpConnection({ url: transport.url, connectTimeoutMs: target.connectTimeoutMs });
      }
    },
  }));
}
