import {
  MAX_SNAPSHOTS_PER_SECOND,
  requestSchemas,
  WRITE_METHODS,
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
import type { CommandRecord } from '../recording';
import { CommissioningService, type CommissioningMethod } from './commissioning-service';
import type { CommissioningTools, ServiceTokens } from '../commissioning/commissioning-tools';
import { eventView, FaultViews } from './fault-views';
import { latestWinsThrottle, type LatestWinsThrottle } from './latest-wins-throttle';
import { describeError } from '../util/describe-error';

/** What the service needs from the runtime (EmsRuntime provides it). */
export type ServiceRuntime = Pick<
  EmsRuntime,
  'command' | 'snapshot' | 'coreState' | 'onSnapshot' | 'onEvent'
>;

/** Who is asking: a transport decides whether its client may change anything. */
export interface RequestContext {
  /** False for a WebSocket client without the host's token: reads only. */
  readonly canWrite: boolean;
  /** Who sent it, as recorded with commands ("ui", "api", ...); "ui" by default. */
  readonly source?: string;
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
  /** The host's commissioning tools (recording, Modbus links, CAN monitor, token). */
  readonly tools?: CommissioningTools;
  /** Told about every command the runtime answered (the session recording keeps them). */
  readonly onCommand?: (record: CommandRecord) => void;
}

/** The error a read-only client gets for a command. */
export const NEEDS_TOKEN = "a command needs the host's token";

/** Fault-log pushes are coalesced to this interval, ms: a flapping link must not flood clients. */
export const FAULT_LOG_PUSH_MIN_MS = 500;

const METHODS = Object.keys(requestSchemas) as RequestMethod[];
const CORE_METHODS: readonly RequestMethod[] = [
  'getSnapshot',
  'command',
  'getHistory',
  'getFaultLog',
];

/** The error a read-only client gets for a write other than a command. */
export const needsToken = (method: string): string =>
  method === 'command' ? NEEDS_TOKEN : `${method} needs the host's token`;

function isMethod(method: string): method is RequestMethod {
  return (METHODS as readonly string[]).includes(method);
}

/**
 * The contract's implementation, shared by every transport (IPC, WebSocket, REST):
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
  private readonly commissioning: CommissioningService;

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
    this.commissioning = new CommissioningService(opts.tools ?? {}, {
      emsState: () => runtime.snapshot().state,
      progress: (device, step) => this.emit('discoveryProgress', { device, step }),
    });
    const can = this.commissioning.canMonitor;
    this.unsubscribe = [
      runtime.onSnapshot((s) => this.onSnapshot(s)),
      runtime.onEvent((e) => this.emit('event', eventView(clock, e))),
      can ? can.onUpdate((v) => this.emit('canFrames', v)) : (): void => undefined,
    ];
  }

  /**
   * Answers one request. An unknown method, bad params or a command from a read-only client
   * get an error naming the problem, and nothing changes. Never rejects.
   */
  async handle(method: string, params: unknown, ctx: RequestContext): Promise<ServiceReply> {
    try {
      return await this.dispatch(method, params, ctx);
    } catch (err) {
      return { ok: false, error: `internal error: ${String(err)}` };
    }
  }

  /** Puts the host's token store in use for tokenInfo/rotateToken (null: no token). */
  useTokens(tokens: ServiceTokens | null): void {
    this.commissioning.useTokens(tokens);
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

  private async dispatch(
    method: string,
    params: unknown,
    ctx: RequestContext,
  ): Promise<ServiceReply> {
    if (!isMethod(method))
      return { ok: false, error: `unknown method "${method}" (one of ${METHODS.join(', ')})` };
    if ((WRITE_METHODS as readonly string[]).includes(method) && !ctx.canWrite)
      return { ok: false, error: needsToken(method) };
    // A read with no parameters may leave them out.
    const parsed = requestSchemas[method].safeParse(params === undefined ? {} : params);
    if (!parsed.success)
      return { ok: false, error: `${method}: invalid params: ${formatZodError(parsed.error)}` };
    if (CORE_METHODS.includes(method))
      return { ok: true, result: this.answer(method, parsed.data, ctx) };
    try {
      const m = method as CommissioningMethod;
      return { ok: true, result: await this.commissioning.answer(m, parsed.data as never) };
    } catch (err) {
      return { ok: false, error: `${method}: ${describeError(err)}` };
    }
  }

  private answer<M extends RequestMethod>(
    method: M,
    params: RequestParams<M>,
    ctx: RequestContext,
  ): ResponseTypes[M];
  private answer(
    method: RequestMethod,
    params: unknown,
    ctx: RequestContext,
  ): ResponseTypes[RequestMethod] {
    const { runtime, clock } = this.opts;
    switch (method) {
      case 'getSnapshot':
        return runtime.snapshot();
      case 'command': {
        const { command } = params as RequestParams<'command'>;
        const result = runtime.command(command);
        this.opts.onCommand?.({ t: clock.wallNow(), source: ctx.source ?? 'ui', command, result });
        return result;
      }
      case 'getHistory':
        return this.history.series((params as RequestParams<'getHistory'>).window, clock.wallNow());
      case 'getFaultLog':
        return this.faultLog();
      default:
        throw new Error(`${method} is not a core request`);
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
