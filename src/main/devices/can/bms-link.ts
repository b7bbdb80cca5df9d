import type { TimeSource } from '../../../shared/clock';
import type { BmsReading, Sample } from '../../core/measurements';
import { createBmsAssembler } from './bms-assembler';
import type { BmsAssemblerStats } from './bms-assembler';
import type { BmsCanProfile } from './bms-can-profile';
import type { CanFrame, CanTransport, CanTransportProblem } from './can-transport';
import { describeError } from '../../util/describe-error';
import { createLinkProblems } from './link-problems';
import { DEFAULT_BMS_CAN_PROFILE } from './pylontech-protocol';

/**
 * The EMS side of a BMS on CAN: a transport, an assembler and the keepalive the BMS expects
 * from its peer. The timers live here, not in the assembler, so decoding stays pure.
 * Nothing the transport does (a failed open, a lost connection, a rejected send) escapes: it
 * is counted in stats(), passed to `onError`, shown by problem(), and retried. While the
 * transport is down the link offers no reading at all, so the core faults at once instead of
 * trusting values that can no longer change.
 */

/** Options of {@link createBmsLink}. */
export interface BmsLinkOptions {
  /** Profile the BMS speaks. Default DEFAULT_BMS_CAN_PROFILE. */
  readonly profile?: BmsCanProfile;
  /** The host's time: the keepalive and reopen timers, and the pacing of logged hiccups. */
  readonly clock: TimeSource;
  /** Whether to send the profile's keepalive frame. Default true. */
  readonly keepalive?: boolean;
  /** Time between attempts to reopen a transport that failed or was lost, ms. Default 2000. */
  readonly retryMs?: number;
  /** Told about transport errors and the first malformed frame of each id, for the log. */
  readonly onError?: (message: string) => void;
}

/** Link counters: the assembler's plus the transport's. */
export interface BmsLinkStats extends BmsAssemblerStats {
  readonly transport: string;
  readonly open: boolean;
  readonly keepalivesSent: number;
  readonly transportErrors: number;
  readonly lastTransportError: string | null;
  /** Times the transport was opened again after a failure or a lost connection. */
  readonly reopens: number;
}

/** A running BMS link. */
export interface BmsLink {
  /** Opens the transport and starts the keepalive. Never rejects; a failure shows in stats() and is retried. */
  open(): Promise<void>;
  /** The latest assembled reading; null until every essential frame has arrived, and while the transport is down. */
  latest(): Sample<BmsReading> | null;
  stats(): BmsLinkStats;
  /**
   * What is wrong now, for the operator, or null: the transport's error while it is down or
   * since the last good frame, else the reason the last malformed frame of an id was rejected
   * (until that id decodes again).
   */
  problem(): string | null;
  /** Stops the keepalive and the retries, unsubscribes and closes the transport. Never rejects. */
  close(): Promise<void>;
}

/** Creates a link on a transport (not opened yet: call open()). */
export function createBmsLink(transport: CanTransport, options: BmsLinkOptions): BmsLink {
  const profile = options.profile ?? DEFAULT_BMS_CAN_PROFILE;
  const { clock } = options;
  const retryMs = options.retryMs ?? 2000;
  const assembler = createBmsAssembler(profile);
  let started = false;
  let isOpen = false;
  let everOpened = false;
  let opening: Promise<void> | null = null;
  /** Bumped by close(), so an open() still in flight knows it was overtaken. */
  let closeCount = 0;
  const subscriptions: Array<() => void> = [];
  let cancelKeepalive: (() => void) | null = null;
  let cancelRetry: (() => void) | null = null;
  let keepalivesSent = 0;
  let reopens = 0;
  const problems = createLinkProblems(transport.name, (m) => options.onError?.(m), clock);

  /** `<transport>: <action> failed: <why>`, without the name twice when the transport already gave it. */
  function failure(action: string, error: unknown): string {
    const why = describeError(error);
    const prefix = `${transport.name}: `;
    return `${prefix}${action} failed: ${why.startsWith(prefix) ? why.slice(prefix.length) : why}`;
  }

  function onFrame(frame: CanFrame, at: number): void {
    problems.frame(assembler.accept(frame, at));
  }

  function stopKeepalive(): void {
    cancelKeepalive?.();
    cancelKeepalive = null;
  }

  function onProblem(problem: CanTransportProblem): void {
    if (!problem.disconnected) return problems.hiccup(problem.message);
    problems.transportError(problem.message);
    if (!isOpen) return;
    isOpen = false;
    stopKeepalive();
    scheduleRetry();
  }

  function sendKeepalive(): void {
    const spec = profile.keepalive;
    if (spec === undefined) return;
    const frame = { id: spec.id, data: Uint8Array.from(spec.data) };
    void transport.send(frame).then(
      () => {
        keepalivesSent++;
      },
      (error: unknown) => problems.transportError(failure('keepalive send', error)),
    );
  }

  function scheduleRetry(): void {
    if (cancelRetry !== null || !started) return;
    cancelRetry = clock.interval(() => void attempt(), retryMs);
  }

  async function openTransport(): Promise<void> {
    const generation = closeCount;
    if (subscriptions.length === 0) {
      subscriptions.push(transport.onFrame(onFrame));
      if (transport.onProblem) subscriptions.push(transport.onProblem(onProblem));
    }
    try {
      await transport.open();
    } catch (error) {
      problems.transportError(failure('open', error));
      scheduleRetry();
      return;
    }
    if (generation !== closeCount) {
      // close() ran while the transport was opening: honour it rather than start a keepalive.
      await closeTransport();
      return;
    }
    if (everOpened) reopens++;
    everOpened = true;
    isOpen = true;
    cancelRetry?.();
    cancelRetry = null;
    if (options.keepalive !== false && profile.keepalive !== undefined) {
      // Send at once so the BMS hears its peer without waiting a whole period.
      sendKeepalive();
      cancelKeepalive = clock.interval(sendKeepalive, profile.keepalive.periodMs);
    }
  }

  function attempt(): Promise<void> {
    if (isOpen || !started) return Promise.resolve();
    opening ??= openTransport().finally(() => {
      opening = null;
    });
    return opening;
  }

  async function closeTransport(): Promise<void> {
    try {
      await transport.close();
    } catch (error) {
      problems.transportError(failure('close', error));
    }
  }

  return {
    open(): Promise<void> {
      started = true;
      return attempt();
    },

    latest(): Sample<BmsReading> | null {
      return isOpen ? assembler.reading() : null;
    },

    stats(): BmsLinkStats {
      return {
        ...assembler.stats(),
        transport: transport.name,
        open: isOpen,
        keepalivesSent,
        transportErrors: problems.transportErrors,
        lastTransportError: problems.lastTransportError,
        reopens,
      };
    },

    problem(): string | null {
      return problems.current(isOpen, assembler.stats().framesMalformed);
    },

    async close(): Promise<void> {
      started = false;
      closeCount++;
      stopKeepalive();
      cancelRetry?.();
      cancelRetry = null;
      for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
      const wasOpen = isOpen;
      isOpen = false;
      if (wasOpen) await closeTransport();
    },
  };
}
