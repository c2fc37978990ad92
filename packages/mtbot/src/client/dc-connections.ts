import {
  ConfigError,
  MtprotoClient,
  SessionStorageKeys,
  type Api,
  type ClientInvokeOptions,
  type ClientTransport,
  type ConnectionInfo,
  type RsaPublicKey,
  type SessionStorage,
  type StoredDcOption,
} from 'telegram-mtproto-core';
import { withCallContext } from '../errors/with-call-context';
import type { BotLogger } from './bot-logger';
import { pickDcEndpoint, storedDcOptions, type DcEndpoint } from './dc-addresses';

/** What every DC client is made with. */
export interface DcConnectionsOptions {
  readonly storage: SessionStorage;
  readonly transports: readonly ClientTransport[];
  /** Keys to trust; undefined: Telegram's published keys. */
  readonly publicKeys: readonly RsaPublicKey[] | undefined;
  readonly initConnection: ConnectionInfo;
  readonly requestTimeoutMs: number | undefined;
  readonly logger: BotLogger;
  /** Called with the DC's id when a client's connection is re-established after a loss. */
  readonly onReconnect?: (dcId: number) => void;
}

/**
 * The clients of one bot: it makes the main DC's client and, on demand, one client per other DC,
 * authorized there with auth.exportAuthorization / auth.importAuthorization
 * (core.telegram.org/api/datacenter). All share one storage, each DC's auth key under its own key.
 */
export class DcConnections {
  private readonly others = new Map<number, Promise<MtprotoClient>>();
  private readonly opened: MtprotoClient[] = [];
  private dcOptions: readonly StoredDcOption[] | undefined;

  constructor(private readonly options: DcConnectionsOptions) {}

  /** A new client for `endpoint` (not connected yet). */
  create(endpoint: DcEndpoint): MtprotoClient {
    // Transports that name their own address (WebSocket, HTTP URLs) lead to one DC only.
    const sameDc = this.options.transports.filter(
      (transport) => transport.kind === 'tcp' && transport.host === undefined,
    );
    const client = new MtprotoClient({
      host: endpoint.host,
      port: endpoint.port,
      dcId: endpoint.dcId,
      transports: this.opened.length === 0 || sameDc.length === 0 ? this.options.transports : sameDc,
      ...(this.options.publicKeys !== undefined && { publicKeys: this.options.publicKeys }),
      storage: this.options.storage,
      initConnection: this.options.initConnection,
      ...(this.options.requestTimeoutMs !== undefined && { defaultTimeoutMs: this.options.requestTimeoutMs }),
    });
    client.on('error', (error) =>
      this.options.logger.warn('connection problem', { dcId: endpoint.dcId, error: error.message }),
    );
    // 'connected' after 'reconnecting' is a reconnect; the first connect comes from 'connecting'.
    let lost = false;
    client.on('state', (state) => {
      if (state === 'reconnecting') lost = true;
      else if (state === 'closed') lost = false;
      else if (state === 'connected' && lost) {
        lost = false;
        this.options.logger.info('reconnected', { dcId: endpoint.dcId });
        this.options.onReconnect?.(endpoint.dcId);
      }
    });
    this.opened.push(client);
    return client;
  }

  /** The DC list: from storage, else help.getConfig through `via` (stored for next time). */
  async list(via: MtprotoClient, refresh = false): Promise<readonly StoredDcOption[]> {
    if (!refresh && this.dcOptions !== undefined) return this.dcOptions;
    const stored = refresh ? undefined : await this.options.storage.get(SessionStorageKeys.dcOptions);
    if (stored !== undefined && stored.length > 0) {
      this.dcOptions = stored;
      return stored;
    }
    let config: Api.TypeConfig;
    try {
      config = await via.invoke({ _: 'help.getConfig' });
    } catch (error) {
      throw withCallContext(error, { method: 'help.getConfig' });
    }
    const options = storedDcOptions(config);
    this.dcOptions = options;
    await this.options.storage.set(SessionStorageKeys.dcOptions, options);
    return options;
  }

  /** Where DC `dcId` listens, from the DC list (asked again once when it lacks the DC). */
  async endpoint(via: MtprotoClient, dcId: number, media = false): Promise<DcEndpoint> {
    const found =
      pickDcEndpoint(await this.list(via), dcId, media) ??
      pickDcEndpoint(await this.list(via, true), dcId, media);
    if (found === undefined) throw new ConfigError(`help.getConfig lists no usable address for DC ${dcId}`);
    return found;
  }

  /**
   * The client of another DC, connected and logged in as the bot: created on first use, its login
   * exported from `main` and imported there.
   */
  otherDc(main: MtprotoClient, dcId: number): Promise<MtprotoClient> {
    let client = this.others.get(dcId);
    if (client === undefined) {
      client = this.openOther(main, dcId);
      this.others.set(dcId, client);
      // A failed attempt is not kept: the next call tries again.
      client.catch(() => this.others.delete(dcId));
    }
    return client;
  }

  /**
   * Calls `request` on DC `dcId` with its method in any error. The result is untyped: the caller
   * knows its method's result type (passing generic results along is too deep for tsc).
   */
  invokeOn<R extends Api.TlMethod>(
    main: MtprotoClient,
    dcId: number,
    request: R,
    options?: ClientInvokeOptions,
  ): Promise<unknown> {
    return this.otherDc(main, dcId)
      .then((client): Promise<unknown> => client.invoke(request, options))
      .catch((error: unknown) => {
        throw withCallContext(error, { method: request._, peer: `DC ${dcId}` });
      });
  }

  /** Closes every client made here. */
  async closeAll(): Promise<void> {
    const clients = this.opened.splice(0);
    this.others.clear();
    await Promise.all(clients.map((client) => client.close()));
  }

  private async openOther(main: MtprotoClient, dcId: number): Promise<MtprotoClient> {
    const endpoint = await this.endpoint(main, dcId);
    let exported: Api.TypeAuthExportedAuthorization;
    try {
      exported = await main.invoke({ _: 'auth.exportAuthorization', dc_id: dcId });
    } catch (error) {
      throw withCallContext(error, { method: 'auth.exportAuthorization', peer: `DC ${dcId}` });
    }
    const client = this.create(endpoint);
    try {
      await client.invoke({ _: 'auth.importAuthorization', id: exported.id, bytes: exported.bytes });
    } catch (error) {
      await client.close();
      throw withCallContext(error, { method: 'auth.importAuthorization', peer: `DC ${dcId}` });
    }
    this.options.logger.debug('authorized on another DC', { dcId });
    return client;
  }
}
