import { TransportError } from '../errors/transport-error';
import type { MtprotoConnection } from './payload-connection';

/** One transport to try: a name for reports and a factory for a fresh, unopened connection. */
export interface FallbackCandidate {
  readonly name: string;
  readonly create: () => MtprotoConnection;
}

/** A transport that could not connect. */
export interface FailedAttempt {
  readonly name: string;
  readonly error: Error;
}

/** The outcome of {@link connectWithFallback}. */
export interface FallbackResult {
  /** The open connection. */
  readonly connection: MtprotoConnection;
  /** Name of the candidate that connected. */
  readonly name: string;
  /** The candidates tried before it, in order, with why each failed. */
  readonly failed: readonly FailedAttempt[];
}

/**
 * Tries transports in order and returns the first that connects; each failed one (connect error or
 * timeout, per the connection's own connect timeout) is recorded and the next is tried. When every
 * candidate fails, throws a TransportError `all-attempts-failed` whose message lists each attempt and
 * whose `cause` is an AggregateError of their errors. An aborted `signal` stops the search at once.
 *
 * @example
 * ```ts
 * const { connection, name, failed } = await connectWithFallback([
 *   { name: 'tcp', create: () => new TcpConnection({ host, port: 443, framing: 'intermediate' }) },
 *   { name: 'websocket', create: () => new WebSocketConnection({ url, obfuscation: { dcId: 2 } }) },
 * ]);
 * ```
 */
export async function connectWithFallback(
  candidates: readonly FallbackCandidate[],
  signal?: AbortSignal,
): Promise<FallbackResult> {
  if (candidates.length === 0) throw new TransportError('all-attempts-failed', 'no transport to try');
  const failed: FailedAttempt[] = [];
  for (const candidate of candidates) {
    let connection: MtprotoConnection | undefined;
    try {
      connection = candidate.create();
      await connection.connect(signal);
      return { connection, name: candidate.name, failed };
    } catch (error) {
      await connection?.close();
      const reason = error instanceof Error ? error : new Error(String(error));
      if (signal?.aborted) throw reason;
      failed.push({ name: candidate.name, error: reason });
    }
  }
  const listing = failed.map((attempt) => `${attempt.name}: ${attempt.error.message}`).join('; ');
  throw new TransportError(
    'all-attempts-failed',
    `all ${failed.length} transports failed (${listing})`,
    undefined,
    {
      cause: new AggregateError(
        failed.map((attempt) => attempt.error),
        'transport attempts',
      ),
    },
  );
}
