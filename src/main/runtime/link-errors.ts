import { describeError } from '../util/describe-error';
/**
 * What can fail, tracked apart: reading a device, and driving the inverter (prepare and
 * setpoint writes), so a write that keeps failing while reads work is not a link that
 * "comes back" every cycle.
 */
export type RuntimeLink = 'meter' | 'inverter' | 'inverterControl' | 'bms';

/**
 * Remembers the last error of each link and logs only changes, so a dead meter gives one
 * line when it fails and one when it is back, not four lines a second.
 */
export class LinkErrors {
  private readonly errors = new Map<RuntimeLink, string | null>();

  constructor(private readonly log: (line: string) => void) {}

  private readonly signatures = new Map<RuntimeLink, string>();

  /** Records a failed read or write; logs it when it differs in kind from the previous failure. */
  failed(link: RuntimeLink, label: string, err: unknown): void {
    const message = describeError(err);
    const sig = signature(message);
    if (this.signatures.get(link) !== sig) {
      this.log(`${message.startsWith(label) ? message : `${label}: ${message}`} (retrying)`);
    }
    this.signatures.set(link, sig);
    this.errors.set(link, message);
  }

  /** Records a success; returns true when the link had been failing (it just came back). */
  succeeded(link: RuntimeLink, label: string): boolean {
    const had = this.errors.get(link);
    this.errors.set(link, null);
    this.signatures.delete(link);
    if (had) {
      this.log(`${label}: link restored`);
      return true;
    }
    return had === undefined;
  }

  /** The error the operator sees for a device: the inverter's read error first, else its control error. */
  shown(device: 'meter' | 'inverter'): string | null {
    if (device === 'meter') return this.lastError('meter');
    return this.lastError('inverter') ?? this.lastError('inverterControl');
  }

  /** The last error of `link`, or null. */
  lastError(link: RuntimeLink): string | null {
    return this.errors.get(link) ?? null;
  }
}

/**
 * What makes two failures "the same" for the log: the text without numbers (timings,
 * backoff delays) and without the reconnect wrapper, so a link that keeps failing for one
 * reason logs once.
 */
function signature(message: string): string {
  return message
    .replace(/not connected \((.*)\), next attempt in [\d.]+ ms/, '$1')
    .replace(/[\d.]+/g, '#');
}
