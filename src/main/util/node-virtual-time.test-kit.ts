import { setImmediate } from 'node:timers';
import { VirtualTime, type VirtualTimeOptions } from '../../shared/virtual-time.test-kit';

/**
 * Virtual time for Node tests and benchmarks: between two timers it waits one setImmediate
 * turn, which drains every queued promise reaction without the 1 ms clamp of setTimeout(0).
 * Nothing under test may do real I/O then, or one turn would not be enough.
 */
export function nodeVirtualTime(options: Omit<VirtualTimeOptions, 'settle'> = {}): VirtualTime {
  return new VirtualTime({
    ...options,
    settle: () => new Promise<void>((resolve) => setImmediate(resolve)),
  });
}
