/**
 * Connection and session routing of `MtprotoServer`: one encrypted `ServerSession` per auth key
 * (core.telegram.org/mtproto/description), and where its envelopes go: the client's latest stream
 * connection (TCP, WebSocket), or the HTTP requests it holds open (core.telegram.org/mtproto/transports#http),
 * since over HTTP the server can only answer a request.
 */
import type { Clock } from '../crypto/clock';
import type { RandomSource } from '../crypto/random-source';
import { ServerSalts, type ServerSaltsOptions } from '../session/server-salts';
import { ServerSession } from '../session/server-session';
import type { ServerSessionEvent } from '../session/session-events';
import type { HttpTransportReply } from '../transport/node/http-transport-server';
import type { ServerConnection } from '../transport/node/server-connection';
import type { RequestConnection } from './request-connection';
import { authKeyIdValue, type ServerAuthKey } from './server-auth-keys';

/** Where a session's envelopes go: the client's latest stream connection, or held HTTP requests. */
export interface SessionLink {
  readonly stream?: ServerConnection;
  readonly transport: RequestConnection['transport'];
}

interface HeldReply {
  readonly reply: HttpTransportReply;
  readonly releaseAt: number;
}

/** One auth key's session with the routing state around it. */
export interface SessionEntry {
  readonly key: ServerAuthKey;
  readonly session: ServerSession;
  readonly salts: ServerSalts;
  link: SessionLink | undefined;
  readonly heldReplies: HeldReply[];
  readonly backlog: Uint8Array[];
  flushScheduled: boolean;
  releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set by events while one envelope is being received. */
  receiving: { securityFailed: boolean; httpWaitMs: number | undefined; connection: RequestConnection };
}

export interface ServerSessionRouterOptions {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly salts?: ServerSaltsOptions;
  /** Session events the router does not handle itself (requests, errors, rejections). */
  readonly onEvent: (entry: SessionEntry, event: ServerSessionEvent) => void;
}

export class ServerSessionRouter {
  private readonly sessions = new Map<bigint, SessionEntry>();
  private closed = false;

  constructor(private readonly options: ServerSessionRouterOptions) {}

  /** The session of an auth key, if it has one. */
  find(authKeyId: Uint8Array): SessionEntry | undefined {
    return this.sessions.get(authKeyIdValue(authKeyId));
  }

  /**
   * Starts the session of `key`; a key exchange passes the salt and server time it agreed on, so
   * the client's first message is under the salt it knows.
   */
  create(key: ServerAuthKey, initialSalt?: Uint8Array, atSeconds?: number): SessionEntry {
    const nowSeconds = Math.floor(this.options.clock.now() / 1000);
    const { random } = this.options;
    const salt = initialSalt === undefined ? longFromBytes(random(8)) : longFromBytes(initialSalt);
    const salts = new ServerSalts(random, { salt, atSeconds: atSeconds ?? nowSeconds }, this.options.salts);
    const entry: SessionEntry = {
      key,
      salts,
      link: undefined,
      heldReplies: [],
      backlog: [],
      flushScheduled: false,
      releaseTimer: undefined,
      receiving: { securityFailed: false, httpWaitMs: undefined, connection: detachedConnection },
      session: new ServerSession({
        authKey: key.authKey,
        salts,
        clock: this.options.clock,
        random,
        onEvent: (event) => this.onSessionEvent(entry, event),
      }),
    };
    this.sessions.set(authKeyIdValue(key.authKeyId), entry);
    return entry;
  }

  /** Hands an envelope under `key` to its session (started on first use) and links it to where it came from. */
  receive(
    key: ServerAuthKey,
    payload: Uint8Array,
    connection: RequestConnection,
    link: SessionLink,
  ): SessionEntry {
    const entry = this.find(key.authKeyId) ?? this.create(key);
    entry.receiving = { securityFailed: false, httpWaitMs: undefined, connection };
    entry.session.receive(payload);
    // Only an envelope that decrypted and passed the checks may move the session's output.
    if (!entry.receiving.securityFailed) {
      // A client back on a new connection may have lost what was sent on the old one.
      if (entry.link !== undefined && entry.link.stream !== link.stream) entry.session.resendUnacknowledged();
      entry.link = link;
    }
    this.scheduleFlush(entry);
    return entry;
  }

  /** HTTP: keeps the request open for the session's output, at most as long as its http_wait asked. */
  holdReply(entry: SessionEntry, reply: HttpTransportReply): void {
    const waitMs = entry.receiving.httpWaitMs ?? 0;
    entry.heldReplies.push({ reply, releaseAt: this.options.clock.now() + waitMs });
    this.scheduleFlush(entry);
  }

  /** Forgets the session of an auth key (revoked). */
  remove(authKeyId: Uint8Array): void {
    const entry = this.find(authKeyId);
    if (entry?.releaseTimer !== undefined) clearTimeout(entry.releaseTimer);
    this.sessions.delete(authKeyIdValue(authKeyId));
  }

  /** Gives every session a new salt; the old ones are refused from now on (bad_server_salt). */
  rotateSalts(): void {
    const nowSeconds = Math.floor(this.options.clock.now() / 1000);
    for (const entry of this.sessions.values()) entry.salts.rotate(nowSeconds);
  }

  /** The server is closing: nothing more is sent and no timer is left running. */
  close(): void {
    this.closed = true;
    for (const entry of this.sessions.values()) {
      if (entry.releaseTimer !== undefined) clearTimeout(entry.releaseTimer);
    }
  }

  private onSessionEvent(entry: SessionEntry, event: ServerSessionEvent): void {
    switch (event.type) {
      case 'flush-needed':
        this.scheduleFlush(entry);
        return;
      case 'security-error':
        entry.receiving.securityFailed = true;
        break;
      case 'http-wait':
        entry.receiving.httpWaitMs = event.maxWaitMs;
        return;
      default:
        break;
    }
    this.options.onEvent(entry, event);
  }

  private scheduleFlush(entry: SessionEntry): void {
    if (entry.flushScheduled) return;
    entry.flushScheduled = true;
    setImmediate(() => {
      entry.flushScheduled = false;
      this.flush(entry);
    });
  }

  private flush(entry: SessionEntry): void {
    if (this.closed) return;
    const link = entry.link;
    if (link === undefined) return;
    if (link.stream !== undefined) {
      if (link.stream.state !== 'open') return;
      for (const payload of entry.session.flush()) link.stream.send(payload).catch(() => undefined);
      return;
    }
    this.flushHttp(entry);
  }

  /** HTTP: each envelope answers one held request, oldest first; idle requests are let go at their time. */
  private flushHttp(entry: SessionEntry): void {
    const held = entry.heldReplies;
    for (let index = held.length - 1; index >= 0; index--)
      if (!held[index]!.reply.pending) held.splice(index, 1);
    if (held.length > 0) entry.backlog.push(...entry.session.flush());
    while (held.length > 0 && entry.backlog.length > 0) {
      const { reply } = held.shift()!;
      if (!reply.respond(entry.backlog[0])) continue;
      entry.backlog.shift();
    }
    const now = this.options.clock.now();
    while (held.length > 0 && held[0]!.releaseAt <= now) held.shift()!.reply.respond();
    if (entry.releaseTimer !== undefined) clearTimeout(entry.releaseTimer);
    entry.releaseTimer = undefined;
    if (held.length > 0) {
      const next = Math.min(...held.map((item) => item.releaseAt));
      entry.releaseTimer = setTimeout(
        () => {
          entry.releaseTimer = undefined;
          this.flushHttp(entry);
        },
        Math.max(0, next - now),
      );
    }
  }
}

/** Who "sent" a request before any envelope arrived; never used to answer. */
const detachedConnection: RequestConnection = { transport: 'tcp', remoteAddress: '', close: () => undefined };

function longFromBytes(bytes: Uint8Array): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
}
