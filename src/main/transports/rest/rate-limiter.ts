/**
 * Token buckets per client: each client may make `ratePerS` requests a second on average,
 * with bursts of up to `burst`. Used for writes, so a runaway script cannot flood the core
 * with commands (or try tokens quickly).
 */

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  readonly ratePerS: number;
  readonly burst: number;
  /** Milliseconds, monotonic. */
  readonly now: () => number;
  /** Most clients tracked at once; the idlest are forgotten beyond it. */
  readonly maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** The answer for one request: allowed, or refused with how long to wait. */
export type RateDecision =
  { readonly ok: true } | { readonly ok: false; readonly retryAfterS: number };

/** Writes per second per client IP the API allows by default. */
export const DEFAULT_WRITE_RATE_PER_S = 20;
/** Burst of writes per client the API allows by default. */
export const DEFAULT_WRITE_BURST = 10;
/**
 * Guarded reads (GETs that need the token: sites, scans, checks, the report) per second per
 * client: a page polling a scan or the checks must not eat the budget of its writes.
 */
export const DEFAULT_READ_RATE_PER_S = 50;
/** Burst of guarded reads per client. */
export const DEFAULT_READ_BURST = 100;

/** Per-client token buckets. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;

  constructor(private readonly opts: RateLimiterOptions) {
    if (!(opts.ratePerS > 0) || !(opts.burst >= 1))
      throw new RangeError(`rate limit needs ratePerS > 0 and burst >= 1`);
    this.maxClients = opts.maxClients ?? 10_000;
  }

  /** Takes one token from `client`'s bucket if it has one. */
  take(client: string): RateDecision {
    const now = this.opts.now();
    const { ratePerS, burst } = this.opts;
    const b = this.buckets.get(client) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (Math.max(0, now - b.at) / 1000) * ratePerS);
    b.at = now;
    // Re-inserting keeps the Map in least-recently-used order for the pruning below.
    this.buckets.delete(client);
    this.buckets.set(client, b);
    this.prune();
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / ratePerS)) };
  }

  /** Requests per second allowed per client. */
  get ratePerS(): number {
    return this.opts.ratePerS;
  }

  /** Clients currently tracked. */
  get size(): number {
    return this.buckets.size;
  }

  private prune(): void {
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next();
      if (oldest.done === true) return;
      this.buckets.delete(oldest.value);
    }
  }
}
