import type { LinkHealth, LinkId } from '../../shared/ems-names';
import { LINK_IDS } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import type { BmsReading, InverterReading, Measurements } from './measurements';
import type { LinkPollMap, LinkPolls } from './link-polls';
import { commLossPolls, countPoll, INITIAL_LINK_POLLS, isPolled, recovered } from './link-polls';
import { finiteOr, isRecord, nonNegative } from './safe-values';

/** Health of every link. */
export type LinkHealthMap = Readonly<Record<LinkId, LinkHealth>>;

/** Every link still waiting for its first data. */
export const ALL_CONNECTING: LinkHealthMap = {
  meter: 'connecting',
  inverter: 'connecting',
  bms: 'connecting',
};

/**
 * The values the control law and the limits may use: only fresh, well-formed samples.
 * A stale or malformed link is null here, so stale data can never drive the output.
 */
export interface FreshView {
  readonly gridW: number | null;
  readonly inverter: InverterReading | null;
  /** Null when stale, missing, or when the site has no BMS (config.hasBms false). */
  readonly bms: BmsReading | null;
}

/** The links the site watches: the BMS only when config.hasBms. */
export function configuredLinks(config: CoreConfig): readonly LinkId[] {
  return config.hasBms === true ? LINK_IDS : ['meter', 'inverter'];
}

/** Staleness timeout of one link, ms; a non-finite or negative setting counts as 0 (always stale). */
export function timeoutFor(link: LinkId, config: CoreConfig): number {
  const raw: unknown = config.timeouts;
  const timeouts: Record<string, unknown> = isRecord(raw) ? raw : {};
  if (link === 'meter') return nonNegative(timeouts.meterMs);
  if (link === 'inverter') return nonNegative(timeouts.inverterMs);
  return nonNegative(timeouts.bmsMs);
}

/** The raw sample of a link from measurements of any shape (null when absent). */
function rawSample(m: unknown, link: LinkId): unknown {
  if (!isRecord(m)) return null;
  if (link === 'meter') return m.grid;
  return m[link];
}

/** True when a sample carries a value the core can read: a finite grid power, an inverter power, a BMS object. */
function isWellFormed(link: LinkId, value: unknown): boolean {
  if (link === 'meter') return typeof value === 'number' && Number.isFinite(value);
  if (link === 'inverter') return isRecord(value) && Number.isFinite(value.activePowerW);
  return isRecord(value);
}

/**
 * True when the link's sample is well formed and fresh: `now - at <= timeout`. A sample
 * stamped more than one timeout in the future is refused too, so a wrong clock cannot keep
 * a dead link looking alive.
 */
export function isFresh(link: LinkId, m: Measurements, now: number, config: CoreConfig): boolean {
  const sample = rawSample(m, link);
  if (!isRecord(sample) || !isWellFormed(link, sample.value)) return false;
  const at = finiteOr(sample.at, Number.NaN);
  const timeout = timeoutFor(link, config);
  const age = now - at;
  return age <= timeout && -age <= timeout;
}

/**
 * Next health of one link on time alone. Fresh data makes it ok. Without fresh data a link
 * that was ok (or lost) is lost; a link that never delivered since watching began stays
 * connecting for the grace period, then is lost. {@link assessLinks} adds the poll budget
 * and the recovery debounce on top.
 */
export function linkHealth(
  prev: LinkHealth,
  fresh: boolean,
  now: number,
  watchSince: number,
  graceMs: number,
): LinkHealth {
  if (fresh) return 'ok';
  if (prev !== 'connecting') return 'lost';
  return now - watchSince > graceMs ? 'lost' : 'connecting';
}

/** Health of every link and the poll counts behind it. */
export interface LinkAssessment {
  readonly links: LinkHealthMap;
  readonly polls: LinkPollMap;
}

/**
 * Health of every link for this step. An ok link is lost only once its data is stale AND
 * (for a polled link) `commLossPolls` polls in a row failed, so one request that ran to its
 * timeout does not drop a running mode. A lost link is ok again only after the recovery
 * debounce (see {@link recovered}), so a link that answers now and then does not flap.
 * The BMS link of a site without a BMS is reported for information only: ok while data
 * arrives, else connecting, never lost.
 */
export function assessLinks(
  prev: LinkHealthMap,
  m: Measurements,
  now: number,
  config: CoreConfig,
  watchSince: number,
  prevPolls: LinkPollMap = INITIAL_LINK_POLLS,
): LinkAssessment {
  const grace = nonNegative(config.connectGraceMs);
  const polls: Record<LinkId, LinkPolls> = { ...prevPolls };
  const next = (link: LinkId): LinkHealth => {
    const fresh = isFresh(link, m, now, config);
    const p = countPoll(prevPolls[link], link, m, fresh, now);
    polls[link] = p;
    if (link === 'bms' && config.hasBms !== true) return fresh ? 'ok' : 'connecting';
    const before = prev[link];
    if (before === 'ok' && !fresh && isPolled(link) && p.failedPolls < commLossPolls(config))
      return 'ok';
    if (before === 'lost' && fresh) return recovered(p, now, config) ? 'ok' : 'lost';
    return linkHealth(before, fresh, now, watchSince, grace);
  };
  const links = { meter: next('meter'), inverter: next('inverter'), bms: next('bms') };
  return { links, polls };
}

/** The configured links that are not ok yet (empty when all are ok). */
export function linksNotOk(links: LinkHealthMap, config: CoreConfig): LinkId[] {
  return configuredLinks(config).filter((link) => links[link] !== 'ok');
}

/** The fresh, well-formed values of this step (see FreshView). */
export function freshView(m: Measurements, now: number, config: CoreConfig): FreshView {
  const value = (link: LinkId): unknown => {
    const sample = rawSample(m, link);
    return isFresh(link, m, now, config) && isRecord(sample) ? sample.value : null;
  };
  const grid = value('meter');
  const inverter = value('inverter');
  const bms = config.hasBms === true ? value('bms') : null;
  return {
    gridW: typeof grid === 'number' ? grid : null,
    inverter: isRecord(inverter) ? (inverter as unknown as InverterReading) : null,
    bms: isRecord(bms) ? (bms as unknown as BmsReading) : null,
  };
}
