/**
 * The small interface every CAN transport implements (in-memory now; SocketCAN, slcan,
 * socketcand and log replay later). 11-bit standard ids unless `extended` is set.
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

/** A CAN transport: open it, send frames, listen to frames, close it. */
export interface CanTransport {
  /** Human-readable name for logs and status (e.g. "memory:sim"). */
  readonly name: string;
  open(): Promise<void>;
  send(frame: CanFrame): Promise<void>;
  /** Subscribes to received frames; returns the unsubscribe function. */
  onFrame(listener: CanFrameListener): () => void;
  close(): Promise<void>;
}
