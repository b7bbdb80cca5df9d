/** Whether the bridge to the EMS is up, for the banner that says values may be old. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** A tiny observable of the connection state. */
export interface ConnectionSignal {
  get(): ConnectionState;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** A signal the owner can set; listeners hear only real changes. */
export interface MutableConnectionSignal extends ConnectionSignal {
  set(state: ConnectionState): void;
}

/** Creates a connection signal starting at `initial`. */
export function createConnectionSignal(initial: ConnectionState): MutableConnectionSignal {
  let state = initial;
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
