/**
 * A set of listeners that are called in turn, each isolated from the others: a consumer
 * that throws must not stop frames reaching the rest (nor crash a socket's data handler).
 */

/** Listeners of one event type. */
export interface ListenerSet<Args extends unknown[]> {
  /** Adds a listener; returns its remover. The same function added twice is called twice. */
  add(listener: (...args: Args) => void): () => void;
  emit(...args: Args): void;
  readonly size: number;
}

/** Creates a listener set; `onThrow` is told about a listener that threw (default: stderr). */
export function createListenerSet<Args extends unknown[]>(
  onThrow: (error: unknown) => void = (error) => console.error('a CAN listener threw', error),
): ListenerSet<Args> {
  const listeners = new Set<(...args: Args) => void>();
  return {
    add(listener) {
      const entry = (...args: Args): void => listener(...args);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(...args) {
      for (const listener of [...listeners]) {
        try {
          listener(...args);
        } catch (error) {
          onThrow(error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
