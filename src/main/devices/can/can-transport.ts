/**
 * The small interface every CAN transport implements: in-memory (simulator, tests),
 * SocketCAN, slcan, socketcand and candump-log replay. 11-bit standard ids unless `extended`.
 */

/** One classic CAN frame. */
export interface CanFrame {
  readonly id: number;
  /** 0 to 8 bytes. */
  readonly data: Uint8Array;
  readonly extended?: boolean;
}

/** Listener for received frames; `at` is the receive time in ms on the caller's clock. */
export type CanFrameListener = (frame: CanFrame, at: number) => void;

/** Something that went wrong on an open transport. */
export interface CanTransportProblem {
  /** One line naming the transport and what happened. */
  readonly message: string;
  /** True when the transport closed itself (connection lost, adapter unplugged): open() again to recover. */
  readonly disconnected: boolean;
}

/** Listener for {@link CanTransportProblem}s. */
export type CanProblemListener = (problem: CanTransportProblem) => void;

/** A CAN transport: open it, send frames, listen to frames, close it. */
export interface CanTransport {
  /** Human-readable name for logs and status (e.g. "memory:sim", "slcan:/dev/ttyACM0"). */
  readonly name: string;
  /** Rejects with a one-line Error naming the transport when it cannot open (or is unavailable). */
  open(): Promise<void>;
  send(frame: CanFrame): Promise<void>;
  /** Subscribes to received frames; returns the unsubscribe function. */
  onFrame(listener: CanFrameListener): () => void;
  /**
   * Subscribes to problems noticed after open (a lost connection, an adapter error reply, a
   * garbled line). Absent on transports that cannot fail that way (the in-memory bus).
   */
  onProblem?(listener: CanProblemListener): () => void;
  close(): Promise<void>;
}
