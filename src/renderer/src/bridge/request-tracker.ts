import type { CancelTimer, Scheduler } from '../../../shared/clock';
import type { RequestEnvelope, RequestMethod, ResponseEnvelope } from '../../../shared/contract';

/**
 * Pending requests of the WebSocket client: ids, replies matched by id, a timeout for
 * each. Pure apart from the injected scheduler, so tests drive time by hand.
 */

/** Why a request failed without an answer from the core. */
export type BridgeErrorKind = 'timeout' | 'disconnected' | 'server';

/** A failed request: the reason is meant for the operator. */
export class BridgeError extends Error {
  constructor(
    readonly kind: BridgeErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

interface Pending {
  readonly method: RequestMethod;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: BridgeError) => void;
  readonly cancelTimeout: CancelTimer;
}

/** Tracks requests from creation to reply, timeout or disconnect. */
export class RequestTracker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly scheduler: Scheduler) {}

  /** Creates a request; the promise settles on its reply, its timeout or `failAll`. */
  open(
    method: RequestMethod,
    params: unknown,
    timeoutMs: number,
    token?: string,
  ): { envelope: RequestEnvelope; result: Promise<unknown> } {
    const id = this.nextId++;
    const envelope: RequestEnvelope =
      token === undefined ? { id, method, params } : { id, method, params, token };
    const result = new Promise<unknown>((resolve, reject) => {
      const cancelTimeout = this.scheduler.timeout(() => {
        this.pending.delete(id);
        reject(
          new BridgeError(
            'timeout',
            `no reply from the EMS to ${method} within ${timeoutMs / 1000} s`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, cancelTimeout });
    });
    return { envelope, result };
  }

  /** True while request `id` waits for its reply. */
  has(id: number): boolean {
    return this.pending.has(id);
  }

  /** Number of requests waiting. */
  get size(): number {
    return this.pending.size;
  }

  /** Settles the request a reply names; false when no request waits for that id. */
  settle(response: ResponseEnvelope): boolean {
    if (response.id === null) return false;
    const p = this.pending.get(response.id);
    if (!p) return false;
    this.pending.delete(response.id);
    p.cancelTimeout();
    if (response.ok) p.resolve(response.result);
    else p.reject(new BridgeError('server', response.error));
    return true;
  }

  /** Fails one request (e.g. a command that cannot be sent now). */
  fail(id: number, error: BridgeError): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.cancelTimeout();
    p.reject(error);
  }

  /** Fails every waiting request, e.g. when the connection drops. */
  failAll(error: BridgeError): void {
    for (const id of [...this.pending.keys()]) this.fail(id, error);
  }
}
