import type { RunMode } from '../../shared/ems-names';
import { BUILT_IN_SITE_ID } from '../../shared/site-ids';
import type { SiteActivation } from '../../shared/site-views';
import type { ServiceTokens } from '../commissioning/commissioning-tools';
import type { SiteStore } from '../config/site-store';
import type { PushListener, RequestContext } from '../service/ems-service';
import { RequestRefusal } from '../service/request-refusal';
import type { SiteHandlers } from '../service/site-handlers';
import type { Reply } from '../../shared/reply';
import { describeError } from '../util/describe-error';
import type { EmsHost } from './ems-host';
import { preflightSite } from './site-preflight';
import { siteRequestHandlers } from './site-requests';

/** Starts one site: a site file, or null for the built-in simulated site. */
export type StartSite = (
  siteFile: string | null,
  mode: RunMode | null,
  sites: SiteHandlers,
) => Promise<EmsHost>;

/** Options of {@link SiteSwitcher.start}. */
export interface SiteSwitcherOptions {
  readonly store: SiteStore;
  /** startEmsHost with the host's own options (log, time, recording, kind). */
  readonly startSite: StartSite;
  readonly log: (line: string) => void;
  /** How long the running site gets to confirm 0 W before a switch is refused, ms. */
  readonly stopBoundMs?: number;
}

/** What the transports need: the one service, whichever site runs under it. */
export interface HostService {
  handle(method: string, params: unknown, ctx: RequestContext): Promise<Reply>;
  subscribe(listener: PushListener): () => void;
  useTokens(tokens: ServiceTokens | null): void;
}

/**
 * The running site and the way to another. Transports hold the switcher, never a site's
 * service, so requests and pushes follow a switch. A switch stops the running site at 0 W
 * (written and confirmed), lets it go, and starts the new site in STOP: control is never
 * started by a switch. When 0 W is not confirmed the switch is refused and the old site stays
 * in STOP, still sending 0 W, unless the operator acknowledges that its inverter may still be
 * running.
 */
export class SiteSwitcher implements HostService {
  private host!: EmsHost;
  private readonly listeners = new Set<PushListener>();
  private offPushes: () => void = () => undefined;
  private tokens: ServiceTokens | null = null;
  private switching = false;
  /** The site file as it was when the running site was activated (null: built-in or --site). */
  private activatedText: string | null = null;
  /** The file the running site was started from; null for the built-in site. */
  private siteFile: string | null = null;
  readonly handlers: SiteHandlers;

  private constructor(private readonly opts: SiteSwitcherOptions) {
    this.handlers = siteRequestHandlers(opts.store, this);
  }

  /** Starts the first site (with `mode` from the command line, the one way control starts). */
  static async start(
    opts: SiteSwitcherOptions,
    siteFile: string | null,
    mode: RunMode | null,
  ): Promise<SiteSwitcher> {
    const switcher = new SiteSwitcher(opts);
    switcher.attach(await opts.startSite(siteFile, mode, switcher.handlers), siteFile);
    switcher.activatedText = await switcher.storedText(switcher.activeId());
    return switcher;
  }

  /** The running site. */
  get current(): EmsHost {
    return this.host;
  }

  /** The running site's id (the snapshot's `site.id`). */
  activeId(): string {
    return this.host.runtime.snapshot().site.id;
  }

  /** True when the running site's stored file changed since it was activated. */
  async changedSinceActivation(): Promise<boolean> {
    const now = await this.storedText(this.activeId());
    return this.activatedText !== null && now !== null && now !== this.activatedText;
  }

  handle(method: string, params: unknown, ctx: RequestContext): Promise<Reply> {
    return this.host.service.handle(method, params, ctx);
  }

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  useTokens(tokens: ServiceTokens | null): void {
    this.tokens = tokens;
    this.host.service.useTokens(tokens);
  }

  /**
   * Switches to a stored site (or the built-in one). Refused (conflict) while another switch
   * runs, or when the running site does not confirm 0 W and `oldInverterMayRun` is not set.
   */
  async activate(id: string, oldInverterMayRun: boolean): Promise<SiteActivation> {
    if (this.switching) throw new RequestRefusal('conflict', 'a site switch is already under way');
    this.switching = true;
    try {
      return await this.switchTo(id, oldInverterMayRun);
    } finally {
      this.switching = false;
    }
  }

  /** Safe stop of the running site (the host is quitting). */
  stop(): Promise<boolean> {
    this.offPushes();
    return this.host.stop();
  }

  private async switchTo(id: string, force: boolean): Promise<SiteActivation> {
    const { store, log } = this.opts;
    const target = id === BUILT_IN_SITE_ID ? null : store.pathOf(id);
    if (target !== null && !(await store.has(id)))
      throw new RequestRefusal('not-found', `no site "${id}" (listSites names the ones there are)`);
    const site = target === null ? null : await preflightSite(target);
    const old = this.host;
    const oldName = old.site.name;
    const zero = await old.runtime.stopAtZero(this.opts.stopBoundMs);
    if (!zero.confirmed && !force) {
      throw new RequestRefusal(
        'conflict',
        `switch refused: site "${oldName}" did not confirm 0 W (${zero.reason ?? 'no answer'}); ` +
          'it stays active, in STOP, sending 0 W. Check its inverter, or force the switch ' +
          'acknowledging that the old inverter may still be running (oldInverterMayRun: true)',
      );
    }
    if (!zero.confirmed)
      log(
        `forced site switch: "${oldName}" did not confirm 0 W; its inverter may still be running`,
      );
    this.offPushes();
    await old.stop();
    const oldFile = this.siteFile;
    try {
      this.attach(await this.opts.startSite(target, null, this.handlers), target);
    } catch (err) {
      const why = describeError(err);
      log(`site "${site?.name ?? id}" did not start: ${why}; going back to "${oldName}"`);
      await this.restart(oldFile);
      throw new RequestRefusal('conflict', `site "${site?.name ?? id}" did not start: ${why}`);
    }
    await store.setActive(id);
    this.activatedText = await this.storedText(id);
    log(`site switched to "${this.host.site.name}" (${id}), in STOP`);
    return {
      id,
      name: this.host.site.name,
      zeroWConfirmed: zero.confirmed,
      unconfirmedReason: zero.reason,
    };
  }

  /** Back to the site that ran before a failed switch, or the built-in one if that fails too. */
  private async restart(siteFile: string | null): Promise<void> {
    try {
      this.attach(await this.opts.startSite(siteFile, null, this.handlers), siteFile);
    } catch (err) {
      this.opts.log(`previous site did not start again (${describeError(err)}); built-in site`);
      this.attach(await this.opts.startSite(null, null, this.handlers), null);
    }
  }

  private attach(host: EmsHost, siteFile: string | null): void {
    this.host = host;
    this.siteFile = siteFile;
    // Tokens handed over later (the desktop app opens its API after the site) carry over.
    if (this.tokens !== null) host.service.useTokens(this.tokens);
    this.offPushes = host.service.subscribe((push) => {
      for (const l of this.listeners) l(push);
    });
  }

  private async storedText(id: string): Promise<string | null> {
    if (id === BUILT_IN_SITE_ID || !(await this.opts.store.has(id))) return null;
    return this.opts.store.exportText(id).then(
      (e) => e.text,
      () => null,
    );
  }
}
