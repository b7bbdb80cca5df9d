import { describeError } from '../../util/describe-error';
import type { CheckRunView } from '../../../shared/check-views';

/** Where a pending sign change is kept across restarts (the host's commissioning state file). */
export interface SignChangeStore {
  /** Records (wall ms) or clears (null) the pending change. */
  save(at: number | null): Promise<void>;
}

/**
 * A change of the meter's sign that meterSign has not yet confirmed. From the fix until a
 * meterSign run that started after it passes, the site is not commissioned: the sign the
 * other checks were measured with is no longer the site's. Kept in the store so a restart
 * (or a switch away and back) does not forget it.
 */
export class MeterSignChange {
  private changedAt: number | null;

  /** `restored`: the pending change read back from the store at start; null when none. */
  constructor(
    restored: number | null,
    private readonly store: SignChangeStore | null,
    private readonly log: (line: string) => void,
  ) {
    this.changedAt = restored;
  }

  /** When the sign was changed (wall ms); null when no change is pending. */
  get at(): number | null {
    return this.changedAt;
  }

  /** The fix was written into the site at `at` (wall ms). */
  async changed(at: number): Promise<void> {
    this.changedAt = at;
    await this.save(at);
  }

  /** A run finished: a meterSign pass (or warn) that started after the change confirms it. */
  async finished(run: CheckRunView): Promise<void> {
    if (this.changedAt === null || run.check !== 'meterSign') return;
    if (run.status !== 'pass' && run.status !== 'warn') return;
    if (run.startedAt <= this.changedAt) return;
    this.changedAt = null;
    await this.save(null);
  }

  /** A store that fails costs the memory of the change across a restart, never the run or the fix. */
  private async save(at: number | null): Promise<void> {
    try {
      await this.store?.save(at);
    } catch (err) {
      this.log(`meter sign change not remembered across restarts: ${describeError(err)}`);
    }
  }
}
