import { readFile } from 'node:fs/promises';
import { writePrivateFile } from '../config/private-files';
import { siteFileSchema } from '../site/site-schema';
import { formatZodError } from '../../shared/format-zod-error';

/**
 * Writes `meter.powerSign` into a site file, keeping everything else as written (the JSON is
 * edited, not regenerated from the parsed site, so defaults are not spelled out). The result
 * must still pass the site schema, and the file is replaced atomically. The running EMS keeps
 * the sign it started with: the change takes effect when the site is next activated.
 */
export async function setSiteMeterSign(path: string, sign: 1 | -1): Promise<string> {
  const raw: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${path}: not a site file (no JSON object)`);
  const file = raw as Record<string, unknown>;
  const meter = file['meter'];
  if (typeof meter !== 'object' || meter === null) throw new Error(`${path}: no meter section`);
  const next = { ...file, meter: { ...(meter as Record<string, unknown>), powerSign: sign } };
  const checked = siteFileSchema.safeParse(next);
  if (!checked.success)
    throw new Error(`${path}: the changed site would not load: ${formatZodError(checked.error)}`);
  // Atomic and 0600, as the site store writes its files (a site file names the plant's addresses).
  await writePrivateFile(path, `${JSON.stringify(next, null, 2)}\n`);
  return `meter.powerSign set to ${sign} in ${path}. It takes effect when the site is activated again (activate it on the Sites screen, or restart the EMS); the site is not commissioned until meterSign passes again.`;
}
