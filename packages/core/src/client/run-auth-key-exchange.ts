import { AuthKeyExchangeClient, type AuthKeyExchangeClientOptions } from '../auth/auth-key-exchange-client';
import type { AuthKeyExchangeResult } from '../auth/auth-key-exchange-result';
import { isPlainMessage } from '../auth/plain-message';
import { TransportError } from '../errors/transport-error';
import type { PayloadConnection } from '../transport/payload-connection';

/**
 * Runs the client side of the auth key exchange (core.telegram.org/mtproto/auth_key) over an open
 * connection: the sans-IO {@link AuthKeyExchangeClient} decides, this only moves bytes. Rejects with
 * the exchange's SecurityError or AuthKeyError, the connection's TransportError when it closes, or a
 * TransportError `timeout`/`aborted`; the connection stays open either way (the caller owns it).
 */
export function runAuthKeyExchange(
  connection: PayloadConnection,
  options: AuthKeyExchangeClientOptions,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<AuthKeyExchangeResult> {
  return new Promise((resolve, reject) => {
    const exchange = new AuthKeyExchangeClient(options);
    const cleanups: (() => void)[] = [];
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      action();
    };
    const fail = (error: unknown): void => settle(() => reject(error));
    const send = (message: Uint8Array): void => {
      connection.send(message).catch(fail);
    };
    cleanups.push(
      connection.on('payload', (payload) => {
        // An exchange may run beside an encrypted session on the same connection (a PFS key renewal).
        if (!isPlainMessage(payload)) return;
        try {
          const output = exchange.receive(payload);
          if (output.kind === 'done') settle(() => resolve(output.result));
          else send(output.message);
        } catch (error) {
          fail(error);
        }
      }),
      connection.on('close', (error) =>
        fail(
          error ?? new TransportError('connection-closed', 'connection closed during the auth key exchange'),
        ),
      ),
    );
    const timer = setTimeout(
      () => fail(new TransportError('timeout', `auth key exchange did not finish within ${timeoutMs} ms`)),
      timeoutMs,
    );
    cleanups.push(() => clearTimeout(timer));
    if (signal !== undefined) {
      const onAbort = (): void =>
        fail(new TransportError('aborted', 'auth key exchange aborted', undefined, { cause: signal.reason }));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));
    }
    try {
      send(exchange.start());
    } catch (error) {
      fail(error);
    }
  });
}
