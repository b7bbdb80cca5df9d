import type { Clock } from '../../../shared/clock';
import { checkCanFrame } from './can-frame';
import type { CanFrame, CanFrameListener, CanTransport } from './can-transport';

/**
 * An in-memory CAN bus: every endpoint is a node on the same wire. It lets the simulator and
 * the EMS talk CAN in one process (and in tests) without a kernel CAN stack, which this
 * project cannot rely on (see environment.md).
 */

/** Options of {@link createMemoryCanBus}. */
export interface MemoryCanBusOptions {
  /** Clock for the receive time `at` (its `now`, ms): the runtime's, so frame ages compare with it. */
  readonly clock: Clock;
  /**
   * Called when a listener throws. The bus isolates listeners so one faulty consumer cannot
   * stop delivery to the others. Default: logs to stderr.
   */
  readonly onListenerError?: (endpoint: string, error: unknown) => void;
}

/** An in-memory CAN bus. */
export interface MemoryCanBus {
  /** Creates a new node on the bus; it must be opened before it sends or receives. */
  endpoint(name: string): CanTransport;
}

interface Node {
  readonly name: string;
  open: boolean;
  readonly listeners: Set<CanFrameListener>;
}

function defaultListenerError(endpoint: string, error: unknown): void {
  console.error(`${endpoint}: a CAN frame listener threw`, error);
}

/** Creates an empty in-memory CAN bus. */
export function createMemoryCanBus(options: MemoryCanBusOptions): MemoryCanBus {
  const { clock } = options;
  const onListenerError = options.onListenerError ?? defaultListenerError;
  const nodes = new Set<Node>();

  function deliver(to: Node, frame: CanFrame): void {
    // A node closed while the frame was in flight gets nothing, like a node unplugged.
    if (!to.open) return;
    const at = clock.now();
    for (const listener of [...to.listeners]) {
      try {
        listener(frame, at);
      } catch (error) {
        onListenerError(to.name, error);
      }
    }
  }

  function transmit(from: Node, frame: CanFrame): void {
    for (const node of nodes) {
      if (node === from || !node.open) continue;
      // Each receiver gets its own copy: a consumer that mutates bytes cannot affect another.
      const copy: CanFrame = {
        id: frame.id,
        data: Uint8Array.from(frame.data),
        ...(frame.extended === true ? { extended: true } : {}),
      };
      // Asynchronous like a real bus: a sender never re-enters its own receive path.
      queueMicrotask(() => deliver(node, copy));
    }
  }

  return {
    endpoint(name: string): CanTransport {
      const node: Node = { name: `memory:${name}`, open: false, listeners: new Set() };
      nodes.add(node);
      return {
        name: node.name,
        open(): Promise<void> {
          node.open = true;
          return Promise.resolve();
        },
        send(frame: CanFrame): Promise<void> {
          if (!node.open) {
            return Promise.reject(new Error(`${node.name}: cannot send, the endpoint is not open`));
          }
          const problem = checkCanFrame(frame);
          if (problem !== null) return Promise.reject(new Error(`${node.name}: ${problem}`));
          transmit(node, frame);
          return Promise.resolve();
        },
        onFrame(listener: CanFrameListener): () => void {
          // Wrap so the same function subscribed twice gets two independent subscriptions.
          const entry: CanFrameListener = (frame, at) => listener(frame, at);
          node.listeners.add(entry);
          return () => {
            node.listeners.delete(entry);
          };
        },
        close(): Promise<void> {
          node.open = false;
          return Promise.resolve();
        },
      };
    },
  };
}
