import {
  MAX_SNAPSHOTS_PER_SECOND,
  requestSchemas,
  type PushEnvelope,
  type PushTopic,
  type PushTypes,
  type RequestMethod,
  type RequestParams,
  type ResponseTypes,
} from '../../shared/contract';
import type { FaultLogView } from '../../shared/fault-view';
import { formatZodError } from '../../shared/format-zod-error';
import type { EmsSnapshot } from '../../shared/snapshot';
import type { FaultLogEntry } from '../core';
import type { Clock } from '../runtime/clock';
import type { EmsRuntime } from '../runtime/ems-runtime';
import { HistoryRing, sampleFromSnapshot } from '../runtime/history-ring';
import { eventView, FaultViews } from './fault-views';
import { latestWinsThrottle, type LatestWinsThrottle } from './latest-wins-throttle';

/** What the service needs from the runtime (EmsRuntime provides it). */
export type ServiceRuntime = Pick<
  EmsRuntime,
  'command' | 'snapshot' | 'coreState' | 'onSnapshot' | 'onEvent'
>;

/** Who is asking: a transport decides whether its client may change anything. */
export interface RequestContext {
  /** False for a WebSocket client without the host's token: reads only. */
  readonly canWrite: boolean;
}

/** The answer to a request; transports add their own id. */
export type ServiceReply =
  { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: string };

/** A push as transports receive it. */
export type PushListener = (push: PushEnvelope) => void;

/** Options of {@link EmsService}. */
export interface EmsServiceOptions {
  readonly runtime: ServiceRuntime;
  /** The runtime's clock (fault-log and event times are converted with it). */
  readonly clock: Clock;
  /** The trend buffer; a fresh 24 h ring when omitted. */
  readonly history?: HistoryRing;
}

/** The error a read-only client gets for a command. */
export const NEEDS_TOKEN = "a command needs the host's token";

/** Fault-log pushes are coalesced to this interval, ms: a flapping link must not flood clients. */
export const FAULT_LOG_PUSH_MIN_MS = 500;

const METHODS = Object.keys(requestSchemas) as RequestMethod[];

function isMethod(method: string): method is RequestMethod {
  return (METHODS as readonly string[]).includes(method);
}

/**
 * The contract's implementation, shared by every transport (IPC, WebSocket, later REST):
 * validates each request with the contract's schemas before anything runs, answers reads,
 * hands commands to the runtime, and fans the runtime's output out as pushes (snapshots
 * throttled, one trend sample per second, events, fault-log changes).
 */
export class EmsService {
  readonly history: HistoryRing;
  private readonly listeners = new Set<PushListener>();
  private readonly faultViews: FaultViews;
  private readonly snapshots: LatestWinsThrottle<EmsSnapshot>;
  private readonly faultLogs: LatestWinsThrottle<readonly FaultLogEntry[]>;
  private readonly unsubscribe: (() => void)[];
  private lastFaultLog: readonly FaultLogEntry[];

  constructor(private readonly opts: EmsServiceOptions) {
    const { runtime, clock } = opts;
    this.history = opts.history ?? new HistoryRing();
    this.faultViews = new FaultViews(clock, this.history);
    const now = (): number => clock.now();
    this.snapshots = latestWinsThrottle(
      1000 / MAX_SNAPSHOTS_PER_SECOND,
      (s) => this.emit('snapshot', s),
      now,
    );
    this.faultLogs = latestWinsThrottle(
      FAULT_LOG_PUSH_MIN_MS,
      (log) => this.emit('faultLog', this.faultViews.build(log)),
      now,
    );
    this.lastFaultLog = runtime.coreState().faultLog;
    this.unsubscribe = [
      runtime.onSnapshot((s) => this.onSnapshot(s)),
      runtime.onEvent((e) => this.emit('event', eventView(clock, e))),
    ];
  }

  /**
   * Answers one request. An unknown method, bad params or a command from a read-only client
   * get an error naming the problem, and nothing changes. Never rejects.
   */
  handle(method: string, params: unknown, ctx: RequestContext): Promise<ServiceReply> {
    try {
      return Promise.resolve(this.dispatch(method, params, ctx));
    } catch (err) {
      return Promise.resolve({ ok: false, error: `internal error: ${String(err)}` });
    }
  }

  /** Receives every push until the returned function is called. */
  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current fault log as the UI shows it. */
  faultLog(): FaultLogView[] {
    return this.faultViews.build(this.opts.runtime.coreState().faultLog);
  }

  /** Stops listening to the runtime and drops held pushes. */
  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.snapshots.dispose();
    this.faultLogs.dispose();
    this.listeners.clear();
  }

  private dispatch(method: string, params: unknown, ctx: RequestContext): ServiceReply {
    if (!isMethod(method))
      return { ok: false, error: `unknown method "${method}" (one of ${METHODS.join(', ')})` };
    if (method === 'command' && !ctx.canWrite) return { ok: false, error: NEEDS_TOKEN };
    // A read with no parameters may leave them out.
    const parsed = requestSchemas[method].safeParse(params === undefined ? {} : params);
    if (!parsed.success)
      return { ok: false, error: `${method}: invalid params: ${formatZodError(parsed.error)}` };
    return { ok: true, result: this.answer(method, parsed.data) };
  }

  private answer<M extends RequestMethod>(method: M, params: RequestParams<M>): ResponseTypes[M];
  private answer(method: RequestMethod, params: unknown): ResponseTypes[RequestMethod] {
    const { runtime, clock } = this.opts;
    switch (method) {
      case 'getSnapshot':
        return runtime.snapshot();
      case 'command':
        return runtime.command((params as RequestParams<'command'>).command);
      case 'getHistory':
        return this.history.series((params as RequestParams<'getHistory'>).window, clock.wallNow());
      case 'getFaultLog':
        return this.faultLog();
    }
  }

  private onSnapshot(s: EmsSnapshot): void {
    const sample = sampleFromSnapshot(s);
    if (this.history.offer(sample)) this.emit('history', sample);
    this.snapshots.offer(s);
    const log = this.opts.runtime.coreState().faultLog;
    if (log !== this.lastFaultLog) {
      this.lastFaultLog = log;
      this.faultLogs.offer(log);
    }
  }

  private emit<T extends PushTopic>(topic: T, payload: PushTypes[T]): void {
    const push = { topic, payload } as PushEnvelope;
    for (const l of this.listeners) {
      try {
        l(push);
      } catch {
        // One broken transport must not starve the others of pushes.
      }
    }
  }
}
