import {
  MAX_SNAPSHOTS_PER_SECOND,
  type PushEnvelope,
  type PushTopic,
  type PushTypes,
} from '../../shared/contract';
import type { FaultLogView } from '../../shared/fault-view';
import type { Reply } from '../../shared/reply';
import type { EmsSnapshot } from '../../shared/snapshot';
import type { FaultLogEntry } from '../core';
import type { TimeSource } from '../../shared/clock';
import type { EmsRuntime } from '../runtime/ems-runtime';
import { HistoryRing, sampleFromSnapshot } from '../runtime/history-ring';
import type { CommandRecord } from '../recording';
import { CommissioningService } from './commissioning-service';
import type { CommissioningTools, ServiceTokens } from '../commissioning/commissioning-tools';
import { eventView, FaultViews } from './fault-views';
import { latestWinsThrottle, type LatestWinsThrottle } from './latest-wins-throttle';
import { answerRequest, type RequestContext, type RequestHandlers } from './request-handlers';
import { noSiteHandlers, type SiteHandlers } from './site-handlers';

export { NEEDS_TOKEN, needsToken, type RequestContext } from './request-handlers';

/** What the service needs from the runtime (EmsRuntime provides it). */
export type ServiceRuntime = Pick<
  EmsRuntime,
  'command' | 'snapshot' | 'coreState' | 'onSnapshot' | 'onEvent'
>;

/** A push as transports receive it. */
export type PushListener = (push: PushEnvelope) => void;

/** Options of {@link EmsService}. */
export interface EmsServiceOptions {
  readonly runtime: ServiceRuntime;
  /** The runtime's time: fault-log and event times are converted with it, pushes throttled on it. */
  readonly clock: TimeSource;
  /** The trend buffer; a fresh 24 h ring when omitted. */
  readonly history?: HistoryRing;
  /** The host's commissioning tools (recording, Modbus links, CAN monitor, token). */
  readonly tools?: CommissioningTools;
  /** Told about every command the runtime answered (the session recording keeps them). */
  readonly onCommand?: (record: CommandRecord) => void;
  /** The managed-site requests, from a host that can switch sites; refused without. */
  readonly sites?: SiteHandlers;
}

/** Fault-log pushes are coalesced to this interval, ms: a flapping link must not flood clients. */
export const FAULT_LOG_PUSH_MIN_MS = 500;

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
  private readonly handlers: RequestHandlers;

  constructor(private readonly opts: EmsServiceOptions) {
    const { runtime, clock } = opts;
    this.history = opts.history ?? new HistoryRing();
    this.faultViews = new FaultViews(clock, this.history);
    this.snapshots = latestWinsThrottle(
      1000 / MAX_SNAPSHOTS_PER_SECOND,
      (s) => this.emit('snapshot', s),
      clock,
    );
    this.faultLogs = latestWinsThrottle(
      FAULT_LOG_PUSH_MIN_MS,
      (log) => this.emit('faultLog', this.faultViews.build(log)),
      clock,
    );
    this.lastFaultLog = runtime.coreState().faultLog;
    this.commissioning = new CommissioningService(opts.tools ?? {}, {
      emsState: () => runtime.snapshot().state,
      progress: (device, step) => this.emit('discoveryProgress', { device, step }),
      time: clock,
      scanProgress: (p) => this.emit('scanProgress', p),
      now: () => clock.wallNow(),
    });
    this.handlers = {
      ...this.coreHandlers(),
      ...this.commissioning.handlers,
      ...(opts.sites ?? noSiteHandlers()),
    };
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
  handle(method: string, params: unknown, ctx: RequestContext): Promise<Reply> {
    return answerRequest(this.handlers, method, params, ctx);
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

  /** The core's requests: snapshot, command, trend and fault log. */
  private coreHandlers(): Pick<
    RequestHandlers,
    'getSnapshot' | 'command' | 'getHistory' | 'getFaultLog' | 'getAccess'
  > {
    const { runtime, clock } = this.opts;
    return {
      getSnapshot: () => runtime.snapshot(),
      command: ({ command }, ctx) => {
        const result = runtime.command(command);
        this.opts.onCommand?.({ t: clock.wallNow(), source: ctx.source ?? 'ui', command, result });
        return result;
      },
      getHistory: ({ window }) => this.history.series(window, clock.wallNow()),
      getFaultLog: () => this.faultLog(),
      getAccess: (_params, ctx) => ({ authorised: ctx.authorised }),
    };
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
