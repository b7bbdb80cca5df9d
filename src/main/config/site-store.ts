import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SITE_ID_PATTERN, siteSlug } from '../../shared/site-ids';
import { siteFileSchema, type SiteFile } from '../../shared/site-schema';
import { describeError } from '../util/describe-error';
import { parseSiteFile } from '../site/site-loader';
import { ensurePrivateDir, writePrivateFile } from './private-files';

/**
 * The sites the app manages: one site file per site in `sites/` in the config folder
 * (folder 0700, files 0600: a site file names the plant's addresses), and which one was
 * active last (`active-site.json` beside the folder). The app chooses the ids, so a file
 * name is always a valid id; every file written is validated by the site schema first.
 */

/** Name of the folder of site files in the config folder. */
export const SITES_DIR_NAME = 'sites';
/** Name of the file that remembers the active site's id, in the config folder. */
export const ACTIVE_SITE_FILE_NAME = 'active-site.json';

/** A site the store does not have (a 404 over REST). */
export class SiteNotFoundError extends Error {
  override readonly name = 'SiteNotFoundError';
  constructor(readonly id: string) {
    super(`no site "${id}" (listSites names the ones there are)`);
  }
}

/** One stored site as listed: its name, or why its file cannot be used. */
export interface StoredSiteSummary {
  readonly id: string;
  /** The file's `name`; the id when the file is not readable as a site. */
  readonly name: string;
  /** Why the file is not a valid site (edited by hand, say); null when it is. */
  readonly problem: string | null;
}

/** Options of {@link SiteStore}. */
export interface SiteStoreOptions {
  /** The config folder; `sites/` is made inside it. */
  readonly configDir: string;
  readonly log: (line: string) => void;
  /** The random part of a new id (4 hex digits by default); tests pass their own. */
  readonly randomSuffix?: () => string;
}

const activeFileSchema = z.strictObject({ id: z.string().regex(SITE_ID_PATTERN) });

const FILE_EXT = '.json';

/** The site files in the config folder, with the app's ids. */
export class SiteStore {
  readonly dir: string;
  private readonly activeFile: string;
  private readonly suffix: () => string;

  constructor(private readonly opts: SiteStoreOptions) {
    this.dir = join(opts.configDir, SITES_DIR_NAME);
    this.activeFile = join(opts.configDir, ACTIVE_SITE_FILE_NAME);
    this.suffix = opts.randomSuffix ?? ((): string => randomBytes(2).toString('hex'));
    // sites/ is made at the first write; one left loose is narrowed (and logged) now.
    if (existsSync(this.dir)) this.ensureDirs();
  }

  /** The config folder and sites/ 0700, the files in them 0600. */
  private ensureDirs(): void {
    ensurePrivateDir(this.opts.configDir, this.opts.log);
    ensurePrivateDir(this.dir, this.opts.log);
  }

  /** The file of a site (whether or not it exists). */
  pathOf(id: string): string {
    if (!SITE_ID_PATTERN.test(id)) throw new SiteNotFoundError(id);
    return join(this.dir, `${id}${FILE_EXT}`);
  }

  /** Every stored site, by name. */
  async list(): Promise<StoredSiteSummary[]> {
    const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    const ids = names
      .filter((n) => n.endsWith(FILE_EXT))
      .map((n) => n.slice(0, -FILE_EXT.length))
      .filter((id) => SITE_ID_PATTERN.test(id));
    const out = await Promise.all(ids.map((id) => this.summary(id)));
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** True when the store has a file for `id`. */
  async has(id: string): Promise<boolean> {
    return (
      SITE_ID_PATTERN.test(id) &&
      (await this.text(id).then(
        () => true,
        () => false,
      ))
    );
  }

  /** A stored site, validated. Throws SiteNotFoundError, or SiteFileError naming the field. */
  async get(id: string): Promise<SiteFile> {
    return parseSiteFile(await this.text(id), `${SITES_DIR_NAME}/${id}${FILE_EXT}`);
  }

  /** Stores a new site under a new id made from its name; returns the id. */
  async create(site: SiteFile): Promise<string> {
    const parsed = siteFileSchema.parse(site);
    const id = await this.freshId(parsed.name);
    await this.write(id, parsed);
    return id;
  }

  /** Replaces a stored site (it must exist; its id stays). */
  async update(id: string, site: SiteFile): Promise<void> {
    await this.text(id);
    await this.write(id, siteFileSchema.parse(site));
  }

  /** A copy of a stored site under a new id, named `name` or "<name> (copy)". */
  async duplicate(id: string, name?: string): Promise<string> {
    const site = await this.get(id);
    const copyName = name ?? `${site.name} (copy)`.slice(0, 100);
    return this.create({ ...site, name: copyName });
  }

  /** Stores a site file's text (validated like `--site`; `label` names it in errors). */
  async importText(text: string, label: string): Promise<string> {
    return this.create(parseSiteFile(text, label));
  }

  /** A stored site as a file: its suggested name and its JSON text. */
  async exportText(id: string): Promise<{ fileName: string; text: string }> {
    const site = await this.get(id);
    return { fileName: `${id}${FILE_EXT}`, text: siteText(site) };
  }

  /** Deletes a stored site (the caller refuses the active one). */
  async delete(id: string): Promise<void> {
    try {
      await unlink(this.pathOf(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new SiteNotFoundError(id);
      throw err;
    }
  }

  /** The id saved as active last; null when none was saved or the file is unreadable. */
  async activeId(): Promise<string | null> {
    let text: string;
    try {
      text = await readFile(this.activeFile, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = activeFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data.id;
    } catch {
      // Unreadable: as if none was saved (logged below).
    }
    this.opts.log(`${this.activeFile}: not a saved active site; ignored`);
    return null;
  }

  /** Remembers `id` as the active site (the built-in simulator's id included). */
  async setActive(id: string): Promise<void> {
    this.ensureDirs();
    await writePrivateFile(this.activeFile, `${JSON.stringify({ id })}\n`);
  }

  private async text(id: string): Promise<string> {
    try {
      return await readFile(this.pathOf(id), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new SiteNotFoundError(id);
      throw err;
    }
  }

  private async summary(id: string): Promise<StoredSiteSummary> {
    try {
      const site = await this.get(id);
      return { id, name: site.name, problem: null };
    } catch (err) {
      return { id, name: id, problem: describeError(err) };
    }
  }

  private async write(id: string, site: SiteFile): Promise<void> {
    this.ensureDirs();
    await writePrivateFile(this.pathOf(id), siteText(site));
  }

  /** The slug of `name` and a random suffix, retried until no file has it. */
  private async freshId(name: string): Promise<string> {
    for (let i = 0; i < 20; i += 1) {
      const id = `${siteSlug(name)}-${this.suffix()}`;
      if (!(await this.has(id))) return id;
    }
    throw new Error('could not find a free site id (20 tries)');
  }
}

/** A site as file text: the parsed site (defaults written out, so the file says everything). */
function siteText(site: SiteFile): string {
  return `${JSON.stringify(site, null, 2)}\n`;
}
