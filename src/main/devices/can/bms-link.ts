import type { BmsReading, Sample } from '../../core/measurements';
import { createBmsAssembler } from './bms-assembler';
import type { BmsAssemblerStats } from './bms-assembler';
import type { BmsCanProfile } from './bms-can-profile';
import type { CanTransport } from './can-transport';
import { describeError } from './describe-error';
import { realIntervalScheduler } from './interval-scheduler';
import type { IntervalScheduler } from './interval-scheduler';
import { PYLONTECH_CAN_V1_2 } from './pylontech-protocol';

/**
 * The EMS side of a BMS on CAN: a transport, an assembler and the keepalive the BMS expects
 * from its peer. The timer lives here, not in the assembler, so decoding stays pure.
 * Nothing the transport does (a failed open, a rejected send) escapes: it is counted in
 * stats() and passed to `onError`, and the core sees the result as a stale sample.
 */

/** Options of {@link createBmsLink}. */
export interface BmsLinkOptions {
  /** Profile the BMS speaks. Default Pylontech v1.2. */
  readonly profile?: BmsCanProfile;
  /** Timer for the keepalive. Default Node's setInterval. */
  readonly scheduler?: IntervalScheduler;
  /** Whether to send the profile's keepalive frame. Default true. */
  readonly keepalive?: boolean;
  /** Told about every transport error, for the log. */
  readonly onError?: (message: string) => void;
}

/** Link counters: the assembler's plus the transport's. */
export interface BmsLinkStats extends BmsAssemblerStats {
  readonly transport: string;
  readonly open: boolean;
  readonly keepalivesSent: number;
  readonly transportErrors: number;
  readonly lastTransportError: string | null;
}

/** A running BMS link. */
export interface BmsLink {
  /** Opens the transport and starts the keepalive. Never rejects; a failure shows in stats(). */
  open(): Promise<void>;
  /** The latest assembled reading; null until every essential frame has arrived. */
  latest(): Sample<BmsReading> | null;
  stats(): BmsLinkStats;
  /** Stops the keepalive, unsubscribes and closes the transport. Never rejects. */
  close(): Promise<void>;
}

/** Creates a link on a transport (not opened yet: call open()). */
export function createBmsLink(transport: CanTransport, options: BmsLinkOptions = {}): BmsLink {
  const profile = options.profile ?? PYLONTECH_CAN_V1_2;
  const scheduler = options.scheduler ?? realIntervalScheduler;
  const assembler = createBmsAssembler(profile);
  let isOpen = false;
  let opening: Promise<void> | null = null;
  /** Bumped by close(), so an open() still in flight knows it was overtaken. */
  let closeCount = 0;
  let unsubscribe: (() => void) | null = null;
  let cancelKeepalive: (() => void) | null = null;
  let keepalivesSent = 0;
  let transportErrors = 0;
  let lastTransportError: string | null = null;

  function recordError(action: string, error: unknown): void {
    transportErrors++;
    lastTransportError = `${transport.name}: ${action} failed: ${describeError(error)}`;
    options.onError?.(lastTransportError);
  }

  function sendKeepalive(): void {
    const spec = profile.keepalive;
    if (spec === undefined) return;
    const frame = { id: spec.id, data: Uint8Array.from(spec.data) };
    void transport.send(frame).then(
      () => {
        keepalivesSent++;
      },
      (error: unknown) => recordError('keepalive send', error),
    );
  }

  async function openTransport(): Promise<void> {
    const generation = closeCount;
    unsubscribe ??= transport.onFrame((frame, at) => {
      assembler.accept(frame, at);
    });
    try {
      await transport.open();
    } catch (error) {
      recordError('open', error);
      return;
    }
    if (generation !== closeCount) {
      // close() ran while the transport was opening: honour it rather than start a keepalive.
      await closeTransport();
      return;
    }
    isOpen = true;
    if (options.keepalive !== false && profile.keepalive !== undefined) {
      // Send at once so the BMS hears its peer without waiting a whole period.
      sendKeepalive();
      cancelKeepalive = scheduler(sendKeepalive, profile.keepalive.periodMs);
    }
  }

  async function closeTransport(): Promise<void> {
    try {
      await transport.close();
    } catch (error) {
      recordError('close', error);
    }
  }

  return {
    open(): Promise<void> {
      if (isOpen) return Promise.resolve();
      opening ??= openTransport().finally(() => {
        opening = null;
      });
      return opening;
    },

    latest(): Sample<BmsReading> | null {
      return assembler.reading();
    },

    stats(): BmsLinkStats {
      return {
        ...assembler.stats(),
        transport: transport.name,
        open: isOpen,
        keepalivesSent,
        transportErrors,
        lastTransportError,
      };
    },

    async close(): Promise<void> {
      closeCount++;
      cancelKeepalive?.();
      cancelKeepalive = null;
      unsubscribe?.();
      unsubscribe = null;
      const wasOpen = isOpen;
      isOpen = false;
      if (wasOpen) await closeTransport();
    },
  };
}
