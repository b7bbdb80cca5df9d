import { RateLimiter } from './rest/rate-limiter';

/**
 * The WebSocket's limits, like the REST API's: a cap on connections (in all and per
 * address), a message rate per connection and per address, and a socket closed after a few
 * wrong tokens, so that nobody can flood the host or try tokens quickly.
 */

/** Most WebSocket connections at once. */
export const WS_MAX_CONNECTIONS = 64;
/** Most WebSocket connections at once from one address. */
export const WS_MAX_CONNECTIONS_PER_ADDRESS = 16;
/** Messages per second one connection may send on average (bursts up to WS_MESSAGE_BURST). */
export const WS_MESSAGES_PER_S = 20;
export const WS_MESSAGE_BURST = 40;
/** Messages per second one address may send over all its connections. */
export const WS_ADDRESS_MESSAGES_PER_S = 50;
export const WS_ADDRESS_MESSAGE_BURST = 100;
/** Wrong tokens one connection may send before it is closed. */
export const WS_MAX_BAD_CREDENTIALS = 5;
/** Close code for a connection that sent too many wrong tokens (policy violation). */
export const WS_CLOSE_POLICY = 1008;

/** Counts connections per address and rates messages per address. */
export class WsLimits {
  private readonly perAddress = new Map<string, number>();
  private total = 0;
  readonly addressRate: RateLimiter;

  constructor(private readonly now: () => number) {
    this.addressRate = new RateLimiter({
      ratePerS: WS_ADDRESS_MESSAGES_PER_S,
      burst: WS_ADDRESS_MESSAGE_BURST,
      now,
    });
  }

  /** A per-connection message rate limiter. */
  connectionRate(): RateLimiter {
    return new RateLimiter({ ratePerS: WS_MESSAGES_PER_S, burst: WS_MESSAGE_BURST, now: this.now });
  }

  /** Why a new connection from `address` is refused; null when it may open. */
  refusal(address: string): string | null {
    if (this.total >= WS_MAX_CONNECTIONS) return 'too many WebSocket connections';
    if ((this.perAddress.get(address) ?? 0) >= WS_MAX_CONNECTIONS_PER_ADDRESS)
      return 'too many WebSocket connections from this address';
    return null;
  }

  /** Counts an opened connection; returns the function that uncounts it (once). */
  opened(address: string): () => void {
    this.total++;
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.total--;
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, n);
    };
  }
}
