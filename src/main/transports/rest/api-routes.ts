import { z } from 'zod';
import {
  acknowledgeFaultCommandSchema,
  setExternalSetpointCommandSchema,
  setGridTargetCommandSchema,
  setModeCommandSchema,
  setOverridePowerCommandSchema,
  startCommandSchema,
  stopCommandSchema,
  type EmsCommand,
} from '../../../shared/commands';
import { DEFAULT_CORE_CONFIG } from '../../core/core-config';
import type { RequestMethod } from '../../../shared/contract';

/**
 * The REST routes, generated from the contract: each read is a contract request (its query
 * is the request's params, its answer the request's result, both from the contract table),
 * each write is a contract command whose body is the command's schema without
 * `type`. The REST layer adds nothing the service does not check again; it only names the
 * fields relative to the body and picks the HTTP status.
 */

/** A GET route answered by one contract request. */
export interface ReadRoute {
  readonly url: string;
  readonly request: RequestMethod;
  readonly summary: string;
}

/** A POST route that sends one contract command. */
export interface CommandRoute {
  readonly url: string;
  readonly command: EmsCommand['type'];
  readonly summary: string;
  readonly description?: string;
  /** The body's schema (strict); an absent body counts as `{}`. */
  readonly body: z.ZodObject;
  /** The command carries who sent it (`X-Ems-Source`, else "rest"). */
  readonly withSource?: boolean;
}

/** The header an external controller may name itself in (shown to the operator). */
export const SOURCE_HEADER = 'x-ems-source';
/** The source of an external setpoint when the header is absent. */
export const DEFAULT_SOURCE = 'rest';

/** The body of a command: its schema without the discriminator (and without `source`, a header). */
function bodyOf<S extends z.ZodObject>(schema: S): z.ZodObject {
  const shape = { ...schema.shape } as Record<string, z.ZodType>;
  delete shape['type'];
  delete shape['source'];
  return z.strictObject(shape);
}

/** The GET routes: one per read of the contract. */
export const readRoutes: readonly ReadRoute[] = [
  {
    url: '/api/status',
    request: 'getSnapshot',
    summary: 'The newest snapshot: state, mode, powers, limits, links, faults',
  },
  {
    url: '/api/history',
    request: 'getHistory',
    summary: 'Trend buckets (min/max per bucket) of the last 5 minutes, hour or day',
  },
  {
    url: '/api/faults',
    request: 'getFaultLog',
    summary: 'The fault log, oldest first, each entry with the 30 s of trend before it',
  },
];

/** The POST routes: one per command of the contract (checked in api-routes.test.ts). */
export const commandRoutes: readonly CommandRoute[] = [
  {
    url: '/api/start',
    command: 'start',
    summary: 'Start the EMS (STOP -> STANDBY, mode IDLE)',
    body: bodyOf(startCommandSchema),
  },
  {
    url: '/api/stop',
    command: 'stop',
    summary: 'Stop the EMS: 0 W at once, then the inverter is let go',
    body: bodyOf(stopCommandSchema),
  },
  {
    url: '/api/mode',
    command: 'setMode',
    summary: 'Request a run mode',
    description: 'Held as pending intent (202) while a link has no fresh data yet.',
    body: bodyOf(setModeCommandSchema),
  },
  {
    url: '/api/external-setpoint',
    command: 'setExternalSetpoint',
    summary: 'Set the power in mode EXTERNAL (W, + discharge / - charge) for ttlSeconds',
    description:
      'Accepted only in mode EXTERNAL (else 409). |watts| above the inverter rating is a 400; ' +
      'a value inside the rating that the BMS, SOC or grid limits cut is accepted and clamped ' +
      "(see limitedBy in the status). ttlSeconds defaults to the site's " +
      `control.externalDefaultTtlS and may be at most ${DEFAULT_CORE_CONFIG.externalMaxTtlS}; at ` +
      'expiry the output goes to 0 W, the mode stays EXTERNAL and an external-expired event is ' +
      'pushed on /ws. The X-Ems-Source header names the sender (default "rest").',
    body: bodyOf(setExternalSetpointCommandSchema),
    withSource: true,
  },
  {
    url: '/api/override-power',
    command: 'setOverridePower',
    summary: 'Set the CHARGE_ONLY / DISCHARGE_ONLY power (a magnitude, W)',
    body: bodyOf(setOverridePowerCommandSchema),
  },
  {
    url: '/api/grid-target',
    command: 'setGridTarget',
    summary: 'Set the grid exchange SELF_CONSUMPTION steers to (W, + import)',
    body: bodyOf(setGridTargetCommandSchema),
  },
  {
    url: '/api/faults/acknowledge',
    command: 'acknowledgeFault',
    summary: 'Acknowledge a latched BMS protection alarm',
    body: bodyOf(acknowledgeFaultCommandSchema),
  },
];
