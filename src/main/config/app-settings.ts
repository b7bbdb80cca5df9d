import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { formatZodError } from '../../shared/format-zod-error';

/** Name of the settings file in the app's configuration folder. */
export const SETTINGS_FILE_NAME = 'settings.json';

/** Port of the desktop app's API when the settings do not name one (the headless host uses 8420). */
export const DEFAULT_DESKTOP_API_PORT = 8421;

const originSchema = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[^/\s]+$/, 'must be an origin like https://scada.example:8443 (no path)');

/** The API section of the settings file. */
const apiSettingsSchema = z.strictObject({
  /** TCP port; 0 = any free port; null = no API at all. */
  port: z.number().int().min(0).max(65535).nullable().default(DEFAULT_DESKTOP_API_PORT),
  /** Address to listen on; anything but loopback is reachable from the network. */
  listen: z
    .string()
    .refine((a) => isIP(a) !== 0, 'must be an IP address such as 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: z.array(originSchema).max(20).default([]),
  /** Plain HTTP on a non-loopback `listen` (the token crosses the network in clear); HTTPS otherwise. */
  insecureHttp: z.boolean().default(false),
});

/** The desktop app's settings file (`settings.json` in the configuration folder). */
export const appSettingsSchema = z.strictObject({
  api: apiSettingsSchema.default(apiSettingsSchema.parse({})),
});
/** The settings, defaults applied. */
export type AppSettings = z.infer<typeof appSettingsSchema>;

/**
 * Reads `settings.json` from `configDir`; a missing file means the defaults. Throws a
 * one-line error naming the file and the field when it is not valid JSON or not valid settings.
 */
export async function loadAppSettings(configDir: string): Promise<AppSettings> {
  const path = join(configDir, SETTINGS_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return appSettingsSchema.parse({});
    throw new Error(`settings ${path}: cannot read it (${(err as Error).message})`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`settings ${path}: not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  const parsed = appSettingsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`settings ${path}: ${formatZodError(parsed.error)}`);
  return parsed.data;
}
