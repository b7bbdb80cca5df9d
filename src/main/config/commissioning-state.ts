import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { describeError } from '../util/describe-error';
import { ensurePrivateDir, writePrivateFile } from './private-files';

/** Name of the file, in the config folder, that keeps per-site commissioning facts. */
export const COMMISSIONING_STATE_FILE_NAME = 'commissioning-state.json';

const stateSchema = z.strictObject({
  sites: z.record(
    z.string().min(1).max(200),
    z.strictObject({ meterSignChangedAt: z.number().finite() }),
  ),
});
type State = z.infer<typeof stateSchema>;

/**
 * Commissioning facts that must outlive the process, by site id: when the meter's sign was
 * changed by the meterSign fix and meterSign has not passed since. The check runs themselves
 * live only as long as the site runs, but a sign change must keep the site "not commissioned"
 * (with the reason) after a restart too, until meterSign passes on the new sign.
 */
export class CommissioningStateFile {
  /** Writes one after another, so two quick changes cannot interleave their read and write. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly log: (line: string) => void,
  ) {}

  /** When the meter's sign of `siteId` was changed and meterSign has not passed since (wall ms); null otherwise. */
  async meterSignChangedAt(siteId: string): Promise<number | null> {
    return (await this.read()).sites[siteId]?.meterSignChangedAt ?? null;
  }

  /** Records (a time) or clears (null) the pending sign change of `siteId`. */
  setMeterSignChangedAt(siteId: string, at: number | null): Promise<void> {
    const next = this.queue.then(async () => {
      const { sites } = await this.read();
      const { [siteId]: _old, ...others } = sites;
      const state: State = {
        sites: at === null ? others : { ...others, [siteId]: { meterSignChangedAt: at } },
      };
      ensurePrivateDir(dirname(this.path), this.log);
      await writePrivateFile(this.path, `${JSON.stringify(state, null, 2)}\n`);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The file's state; empty when there is none, or (logged) when it is not readable. */
  private async read(): Promise<State> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log(`${this.path}: not readable (${describeError(err)}); no sign change remembered`);
      return { sites: {} };
    }
    try {
      return stateSchema.parse(JSON.parse(text));
    } catch {
      this.log(`${this.path}: not a commissioning state file; no sign change remembered`);
      return { sites: {} };
    }
  }
}
