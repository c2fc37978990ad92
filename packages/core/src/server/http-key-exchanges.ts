import type { AuthKeyExchangeServer } from '../auth/auth-key-exchange-server';
import { PLAIN_MESSAGE_HEADER_LENGTH } from '../auth/plain-message';

/** req_pq_multi#be7e8ef1 and the older req_pq#60469778 start an exchange. */
const STARTING_IDS = new Set([0xbe7e8ef1, 0x60469778]);
/** An exchange not finished within this time is forgotten. */
const EXCHANGE_LIFETIME_MS = 60_000;
/** Bound on exchanges in progress at once, so a flood of req_pq cannot grow memory without end. */
const MAX_EXCHANGES = 1024;

/**
 * Key exchanges over HTTP, where there is no connection to hold one exchange's state: every step
 * starts with the client's nonce (core.telegram.org/mtproto/auth_key), which names the exchange.
 */
export class HttpKeyExchanges {
  private readonly exchanges = new Map<string, { exchange: AuthKeyExchangeServer; startedAt: number }>();

  constructor(private readonly create: () => AuthKeyExchangeServer) {}

  /** The exchange an unencrypted message belongs to (a new one for req_pq); undefined if unknown. */
  forMessage(message: Uint8Array): AuthKeyExchangeServer | undefined {
    if (message.length < PLAIN_MESSAGE_HEADER_LENGTH + 20) return undefined;
    const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
    const constructorId = view.getUint32(PLAIN_MESSAGE_HEADER_LENGTH, true);
    const nonce = Buffer.from(
      message.subarray(PLAIN_MESSAGE_HEADER_LENGTH + 4, PLAIN_MESSAGE_HEADER_LENGTH + 20),
    ).toString('hex');
    const now = Date.now();
    for (const [key, value] of this.exchanges) {
      if (now - value.startedAt > EXCHANGE_LIFETIME_MS) this.exchanges.delete(key);
    }
    if (STARTING_IDS.has(constructorId)) {
      if (this.exchanges.size >= MAX_EXCHANGES) return undefined;
      const exchange = this.create();
      this.exchanges.set(nonce, { exchange, startedAt: now });
      return exchange;
    }
    return this.exchanges.get(nonce)?.exchange;
  }

  /** Forgets a finished exchange. */
  finished(exchange: AuthKeyExchangeServer): void {
    for (const [key, value] of this.exchanges) if (value.exchange === exchange) this.exchanges.delete(key);
  }
}
