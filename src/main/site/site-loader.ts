import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatZodError } from '../../shared/format-zod-error';
import { describeJsonError } from '../util/json-error-position';
import { siteFileSchema, type SiteFile } from './site-schema';

/** A site file that cannot be used; the message is one line naming the file and the problem. */
export class SiteFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteFileError';
  }
}

/** A parsed site file and the folder its relative paths resolve against. */
export interface LoadedSite {
  readonly site: SiteFile;
  readonly path: string;
  readonly baseDir: string;
}

/** Parses site-file text; `label` names the file in errors. */
export function parseSiteFile(text: string, label: string): SiteFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SiteFileError(`site file ${label}: not valid JSON (${describeJsonError(text, err)})`);
  }
  const parsed = siteFileSchema.safeParse(json);
  if (!parsed.success)
    throw new SiteFileError(`site file ${label}: ${formatZodError(parsed.error)}`);
  return parsed.data;
}

/** Reads and validates a site file. Throws SiteFileError with a one-line message. */
export async function loadSiteFile(path: string): Promise<LoadedSite> {
  const full = resolve(path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder'
          : (err as Error).message;
    throw new SiteFileError(`site file ${path}: ${why}`);
  }
  return { site: parseSiteFile(text, path), path: full, baseDir: dirname(full) };
}
