import { Redis } from 'ioredis';
import { ConfigError } from 'telegram-mtproto-core';
import { redactUrl } from './redact-url';

/** How the Redis stores get their connection: a caller's client, or a URL they connect to themselves. */
export interface RedisConnectionOptions {
  /** An ioredis client to use; its owner closes it, the store leaves it open. */
  readonly client?: Redis;
  /** `redis://[:password@]host[:port][/db]` (or `rediss://` for TLS); the store makes and owns its client. */
  readonly url?: string;
  /** How long to wait for a connection from `url` before failing (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  /** How long one command may take on a client made from `url` (default: no limit). */
  readonly commandTimeoutMs?: number;
}

/**
 * One Redis connection of a store. A client made from a URL connects on first use, fails calls at once
 * while Redis is away (no offline queue, no endless reconnection) and tries again on the next call, so
 * a handler gets an error instead of waiting forever. `where` names the server with its password
 * redacted, for messages.
 */
export class RedisConnection {
  readonly client: Redis;
  /** The server, fit for messages and logs (a URL's password replaced by `***`). */
  readonly where: string;
  private readonly owned: boolean;
  private connecting: Promise<void> | undefined;
  private lastConnectionError: unknown;

  /** `owner` names the store in the ConfigError a bad option gets. */
  constructor(options: RedisConnectionOptions, owner: string) {
    if ((options.client === undefined) === (options.url === undefined)) {
      throw new ConfigError(`${owner} needs exactly one of \`client\` or \`url\``);
    }
    if (options.client !== undefined) {
      this.client = options.client;
      this.owned = false;
      const { host, port } = options.client.options;
      this.where = `${host ?? 'localhost'}:${port ?? 6379}`;
      return;
    }
    const url = options.url as string;
    this.where = redactUrl(url);
    if (this.where === '<invalid URL>' || !/^rediss?:$/.test(new URL(url).protocol)) {
      throw new ConfigError(`${owner} url must be a redis:// or rediss:// URL, got ${this.where}`);
    }
    this.owned = true;
    this.client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 5000,
      ...(options.commandTimeoutMs === undefined ? {} : { commandTimeout: options.commandTimeoutMs }),
      // Fail calls instead of holding them while Redis is away: a handler waiting forever is worse.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    // Without a listener ioredis prints every connection error; failures reach callers as the stores'
    // errors, which quote the socket's own error (ioredis' rejection only says "Connection is closed.").
    this.client.on('error', (error: unknown) => {
      this.lastConnectionError = error;
    });
  }

  /**
   * Connects a client made from a URL unless it is ready; rejects with the socket's error (the
   * caller wraps it in its own error type). One attempt at a time; a later call after a failure or a
   * drop makes a fresh one.
   */
  connect(): Promise<void> {
    if (!this.owned || this.client.status === 'ready') return Promise.resolve();
    if (this.connecting !== undefined) return this.connecting;
    this.lastConnectionError = undefined;
    this.connecting = this.client
      .connect()
      .catch((rejection: unknown) => {
        const error = this.lastConnectionError ?? rejection;
        // Make sure the failed attempt is over (it usually has ended already); the next call tries again.
        if (this.client.status !== 'end') this.client.disconnect();
        throw error;
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }

  /** Closes a client made from a URL; a client passed in stays open for its owner. */
  async close(): Promise<void> {
    if (!this.owned) return;
    // Ended or never connected: nothing to close (ioredis' disconnect would arm a 2 s timer for nothing).
    if (this.client.status === 'wait' || this.client.status === 'end') return;
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** An error's message, for the stores' own messages. */
export function describeRedisError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
