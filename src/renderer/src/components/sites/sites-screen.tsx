import { useCallback, useEffect, useState, type JSX } from 'react';
import type { SiteDetail, SiteListEntry } from '../../../../shared/site-views';
import { getEmsBridge } from '../../bridge/ems-bridge';
import { downloadText } from '../../export/download';
import { siteFormOf } from '../../sites/site-form-from-file';
import { deviceFromFound } from '../../sites/found-device';
import { EMPTY_SITE_FORM, type SiteForm } from '../../sites/site-form-model';
import { scanStore, useScanStore } from '../../store/scan-store';
import { errorText } from '../../store/mirror';
import { useEms } from '../../store/store-context';
import { useApiCall } from '../tools/use-api-call';
import { SiteFormView } from './site-form';
import { SiteList } from './site-list';
import { ForceSwitchDialog, SwitchConfirm } from './switch-dialogs';

/** What the editor shows: nothing, a new site, or a stored one. */
type Editing = { readonly id: string | null; readonly form: SiteForm; readonly active: boolean };

/** Each opening of the editor gets its own key, so a new opening starts a fresh form. */
let openings = 0;
const opened = (e: Editing): Editing & { readonly key: number } => ({ ...e, key: ++openings });

/** The refusal of a switch whose 0 W was not confirmed (see the site switcher). */
const ZERO_W_REFUSAL = /switch refused: .*did not confirm 0 W/;

/**
 * The sites the app manages: the list with the active one marked, a form to create or edit
 * one (checked field by field with the shared schema), import, export, duplicate, delete,
 * and the switch (confirmed; when 0 W is not confirmed, forced only with an acknowledgement).
 */
export function SitesScreen(): JSX.Element {
  const bridge = getEmsBridge();
  const list = useApiCall<readonly SiteListEntry[]>();
  const action = useApiCall<unknown>();
  const [editing, setEditing] = useState<(Editing & { readonly key: number }) | null>(null);
  const [switchTo, setSwitchTo] = useState<SiteListEntry | null>(null);
  const [refusal, setRefusal] = useState<{ to: SiteListEntry; reason: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { run } = list;
  const reload = useCallback(() => void run(() => bridge.api.listSites()), [bridge, run]);
  useEffect(reload, [reload]);
  const sites = list.result ?? [];
  // "New site with this device" on Find devices: a new site opens with the unit filled in.
  const draft = useScanStore((s) => s.draft);
  useEffect(() => {
    if (draft === null) return;
    scanStore.setState({ draft: null });
    const { role, device } = draft;
    const form: SiteForm =
      role === 'meter'
        ? { ...EMPTY_SITE_FORM, meter: deviceFromFound(device, role, EMPTY_SITE_FORM.meter) }
        : {
            ...EMPTY_SITE_FORM,
            inverter: {
              ...EMPTY_SITE_FORM.inverter,
              ...deviceFromFound(device, role, EMPTY_SITE_FORM.inverter),
            },
          };
    setEditing(opened({ id: null, form, active: false }));
  }, [draft]);
  // The running site by the snapshot: a --site file is not in the list, and a switch shows at once.
  const runningName = useEms((s) => s.snapshot?.site.name ?? null);

  const activate = async (to: SiteListEntry, force: boolean): Promise<void> => {
    setSwitchTo(null);
    setRefusal(null);
    setNote(null);
    try {
      const r = await bridge.api.activateSite({
        id: to.id,
        ...(force ? { oldInverterMayRun: true as const } : {}),
      });
      setNote(
        r.zeroWConfirmed
          ? `Switched to ${r.name}, in STOP.`
          : `Switched to ${r.name}, in STOP. The old inverter did not confirm 0 W: ${r.unconfirmedReason ?? ''}`,
      );
    } catch (err) {
      const reason = errorText(err);
      if (ZERO_W_REFUSAL.test(reason)) setRefusal({ to, reason });
      else setNote(reason);
    }
    reload();
  };
  const edit = async (s: SiteListEntry): Promise<void> => {
    let r: SiteDetail;
    try {
      r = await bridge.api.getSite({ id: s.id });
    } catch (err) {
      setNote(errorText(err));
      return;
    }
    setEditing(opened({ id: s.id, form: siteFormOf(r.site), active: r.active }));
  };
  const simple = async (work: () => Promise<unknown>): Promise<void> => {
    await action.run(work);
    reload();
  };
  const importFile = async (file: File): Promise<void> => {
    const text = await file.text();
    await simple(() => bridge.api.importSite({ text, fileName: file.name }));
  };

  return (
    <main className="screen tool sites" aria-label="Sites">
      <section className="panel" aria-labelledby="sites-title">
        <h2 id="sites-title">Sites</h2>
        <p className="hint">
          Active: <strong data-testid="sites-active">{runningName ?? '\u2026'}</strong>. A switch
          stops the running site at 0 W and starts the other in STOP.
        </p>
        {note ? (
          <p role="status" data-testid="sites-note">
            {note}
          </p>
        ) : null}
        {list.error || action.error ? (
          <p className="error" role="alert" data-testid="sites-error">
            {list.error ?? action.error}
          </p>
        ) : null}
        <SiteList
          sites={sites}
          onSwitch={setSwitchTo}
          onEdit={(s) => void edit(s)}
          onDuplicate={(s) => void simple(() => bridge.api.duplicateSite({ id: s.id }))}
          onExport={(s) =>
            void action.run(async () => {
              const f = await bridge.api.exportSite({ id: s.id });
              downloadText(f.fileName, f.text, 'application/json');
              return f;
            })
          }
          onDelete={(s) => void simple(() => bridge.api.deleteSite({ id: s.id }))}
        />
        <div className="row">
          <button
            type="button"
            className="btn"
            data-testid="btn-new-site"
            onClick={() => setEditing(opened({ id: null, form: EMPTY_SITE_FORM, active: false }))}
          >
            New site
          </button>
          <label className="btn file-btn">
            Import a site file
            <input
              type="file"
              accept=".json,application/json"
              data-testid="site-import"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </label>
        </div>
      </section>
      {editing ? (
        <section className="panel" aria-label="Site editor">
          <h2>{editing.id === null ? 'New site' : `Edit ${editing.form.name}`}</h2>
          <SiteFormView
            key={editing.key}
            id={editing.id}
            initial={editing.form}
            active={editing.active}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              reload();
            }}
          />
        </section>
      ) : null}
      {switchTo ? (
        <SwitchConfirm
          fromName={runningName ?? 'The running site'}
          toName={switchTo.name}
          onCancel={() => setSwitchTo(null)}
          onConfirm={() => void activate(switchTo, false)}
        />
      ) : null}
      {refusal ? (
        <ForceSwitchDialog
          reason={refusal.reason}
          onCancel={() => setRefusal(null)}
          onForce={() => void activate(refusal.to, true)}
        />
      ) : null}
    </main>
  );
}
