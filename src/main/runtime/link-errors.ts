/** Link names as the logs show them. */
export type RuntimeLink = 'meter' | 'inverter' | 'bms';

/**
 * Remembers the last error of each link and logs only changes, so a dead meter gives one
 * line when it fails and one when it is back, not four lines a second.
 */
export class LinkErrors {
  private readonly errors = new Map<RuntimeLink, string | null>();

  constructor(private readonly log: (line: string) => void) {}

  /** Records a failed read or write. */
  failed(link: RuntimeLink, label: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (this.errors.get(link) !== message) this.log(`${label}: ${message} (retrying)`);
    this.errors.set(link, message);
  }

  /** Records a success; returns true when the link had been failing (it just came back). */
  succeeded(link: RuntimeLink, label: string): boolean {
    const had = this.errors.get(link);
    this.errors.set(link, null);
    if (had) {
      this.log(`${label}: link restored`);
      return true;
    }
    return had === undefined;
  }

  /** The last error of `link`, or null. */
  lastError(link: RuntimeLink): string | null {
    return this.errors.get(link) ?? null;
  }
}
