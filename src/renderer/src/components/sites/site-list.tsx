import type { JSX } from 'react';
import type { SiteListEntry } from '../../../../shared/site-views';

/** Props of the site list. */
export interface SiteListProps {
  readonly sites: readonly SiteListEntry[];
  readonly onSwitch: (s: SiteListEntry) => void;
  readonly onEdit: (s: SiteListEntry) => void;
  readonly onDuplicate: (s: SiteListEntry) => void;
  readonly onExport: (s: SiteListEntry) => void;
  readonly onDelete: (s: SiteListEntry) => void;
}

/** The sites, the active one marked; each row with what can be done to it. */
export function SiteList(props: SiteListProps): JSX.Element {
  return (
    <ul className="site-list" data-testid="site-list">
      {props.sites.map((s) => (
        <li key={s.id} data-testid={`site-${s.id}`} data-active={s.active}>
          <div className="site-title">
            <strong>{s.name}</strong>
            {s.active ? (
              <span className="pill tone-ok" data-testid="site-active-marker">
                active
              </span>
            ) : null}
            <span className="mono">{s.id}</span>
          </div>
          {s.changedSinceActivation ? (
            <p className="hint" data-testid="site-changed-note">
              Edited since it was activated: the changes take effect at its next activation.
            </p>
          ) : null}
          {s.problem !== null ? <p className="error">{s.problem}</p> : null}
          <div className="row">
            <button
              type="button"
              className="btn"
              data-testid="btn-switch-site"
              disabled={s.problem !== null || (s.active && !s.changedSinceActivation)}
              onClick={() => props.onSwitch(s)}
            >
              {s.active ? 'Activate again' : 'Switch to this site'}
            </button>
            {s.builtIn ? null : (
              <>
                <button
                  type="button"
                  className="btn"
                  data-testid="btn-edit-site"
                  onClick={() => props.onEdit(s)}
                >
                  Edit
                </button>
                <button type="button" className="btn" onClick={() => props.onDuplicate(s)}>
                  Duplicate
                </button>
                <button type="button" className="btn" onClick={() => props.onExport(s)}>
                  Export
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={s.active}
                  title={s.active ? 'switch to another site first' : undefined}
                  onClick={() => props.onDelete(s)}
                >
                  Delete
                </button>
              </>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
