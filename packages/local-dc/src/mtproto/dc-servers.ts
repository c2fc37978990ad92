/**
 * The MTProto servers of the emulator's DCs (core's MtprotoServer, one per DC), with what a restart
 * needs: each server starts with the auth keys its DC made before (kept in {@link DcAuthKeys}), and
 * {@link DcServers.restart} closes every listener and connection and listens again on the same ports,
 * as a DC that went down and came back. Salt rotation is core's `rotateSalts` on every server.
 */
import {
  MtprotoServer,
  type Api,
  type Clock,
  type MtprotoRequestHandler,
  type MtprotoServerAddresses,
  type RandomSource,
  type RsaPrivateKey,
} from 'telegram-mtproto-core';
import type { DcAuthKeys } from './dc-auth-keys';

export interface DcServersOptions {
  readonly host: string;
  readonly privateKey: RsaPrivateKey;
  readonly authKeys: DcAuthKeys;
  /** The state may have changed: a permanent auth key was made, or a request was handled. */
  readonly onChange: () => void;
  readonly log: (line: string) => void;
  readonly random?: RandomSource;
  readonly clock?: Clock;
}

/** One DC's listeners: ports 0 are replaced by the real ones once listening. */
export interface DcServerSpec {
  readonly dcId: number;
  readonly handler: MtprotoRequestHandler;
  tcpPort: number;
  /** The WebSocket listener's port; undefined for none. */
  websocketPort: number | undefined;
}

export class DcServers {
  private readonly servers = new Map<number, MtprotoServer>();
  private readonly specs: DcServerSpec[] = [];

  constructor(private readonly options: DcServersOptions) {}

  /** Starts the server of one DC and remembers its ports for restarts. */
  async start(spec: DcServerSpec): Promise<MtprotoServerAddresses> {
    const addresses = await this.listen(spec);
    this.specs.push(spec);
    return addresses;
  }

  /** Pushes to the session of an auth key on whichever DC has it. */
  pushUpdate(authKeyId: Uint8Array, updates: Api.TypeUpdates): boolean {
    return [...this.servers.values()].some((server) => server.pushUpdate(authKeyId, updates));
  }

  /** Every session of every DC gets a new server salt (bad_server_salt for the old one). */
  rotateSalts(): void {
    for (const server of this.servers.values()) server.rotateSalts();
  }

  /**
   * Closes every DC's listeners and connections and starts them again on the same ports. The auth keys
   * survive (clients reconnect under their keys, still logged in); sessions' unsent output does not.
   */
  async restart(): Promise<void> {
    await this.close();
    for (const spec of this.specs) await this.listen(spec);
  }

  async close(): Promise<void> {
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(servers.map((server) => server.close()));
  }

  private async listen(spec: DcServerSpec): Promise<MtprotoServerAddresses> {
    const { options } = this;
    const server = new MtprotoServer({
      privateKeys: [options.privateKey],
      host: options.host,
      tcp: { port: spec.tcpPort },
      websocket: spec.websocketPort === undefined ? undefined : { port: spec.websocketPort },
      dcId: spec.dcId,
      authKeys: options.authKeys.keysOf(spec.dcId),
      onAuthKeyCreated: (key) => {
        // Temporary keys (PFS) expire and are not worth keeping across runs.
        if (key.expiresAt !== undefined) return;
        options.authKeys.add(spec.dcId, key);
        options.onChange();
      },
      random: options.random,
      clock: options.clock,
      handler: (request, context) => {
        const result = spec.handler(request, context);
        options.onChange();
        return result;
      },
    });
    server.on('handlerError', (error, method) =>
      options.log(`DC ${spec.dcId}: ${method} failed: ${String(error)}`),
    );
    const addresses = await server.listen();
    this.servers.set(spec.dcId, server);
    spec.tcpPort = addresses.tcp!.port;
    if (spec.websocketPort !== undefined) spec.websocketPort = Number(new URL(addresses.websocketUrl!).port);
    return addresses;
  }
}
