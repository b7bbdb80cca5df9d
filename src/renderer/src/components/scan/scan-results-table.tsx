import type { JSX } from 'react';
import type {
  ScanDeviceView,
  ScanProbeView,
  ScanProfileSuggestion,
} from '../../../../shared/scan-views';

/**
 * The units a scan found, one row each: where it answers, what it is (SunSpec model 1, or
 * which probe registers answered) and the library profiles it suggests, with the question
 * that decides between a suggestion and the profiles beside it.
 */

function probeText(p: ScanProbeView): string {
  return `${p.kind === 'holding' ? 'HR' : 'IR'} ${p.address}${p.count > 1 ? `+${p.count}` : ''}`;
}

function Identity(props: { device: ScanDeviceView }): JSX.Element {
  const s = props.device.sunspec;
  if (s === null) {
    const probes = props.device.probes;
    return (
      <span>
        No SunSpec.{' '}
        {probes.length === 0
          ? 'It answered, but none of the probe registers held data.'
          : `Answered: ${probes.map(probeText).join(', ')}`}
      </span>
    );
  }
  const who = [s.manufacturer, s.model].filter((x) => x !== null).join(' ') || 'no name in model 1';
  return (
    <span>
      <strong>{who}</strong>
      <br />
      serial{' '}
      <span className="mono" data-testid="scan-serial">
        {s.serial ?? '—'}
      </span>
      , version {s.version ?? '—'}
      <br />
      SunSpec at {s.base}: models {s.models.join(', ')}
    </span>
  );
}

function Suggestion(props: { role: string; s: ScanProfileSuggestion }): JSX.Element {
  return (
    <div>
      {props.role}: <span className="mono">{props.s.profile}</span>
      {props.s.alternatives?.map((a) => (
        <div key={a.profile} className="scan-alternative">
          or <span className="mono">{a.profile}</span>: <em>{a.question}</em>
        </div>
      ))}
    </div>
  );
}

/** "Use as meter" / "Use as inverter": each suggested role, or both when none was suggested. */
function UseButtons(props: {
  device: ScanDeviceView;
  onUse: (device: ScanDeviceView, role: 'meter' | 'inverter') => void;
}): JSX.Element {
  const { meter, inverter } = props.device.suggested;
  const roles = (['meter', 'inverter'] as const).filter(
    (r) => (r === 'meter' ? meter : inverter) !== undefined || (!meter && !inverter),
  );
  return (
    <div className="row">
      {roles.map((role) => (
        <button
          key={role}
          type="button"
          className="btn"
          data-testid={`btn-use-as-${role}`}
          title={`Opens a new site with this unit as its ${role}`}
          onClick={() => props.onUse(props.device, role)}
        >
          New site with it as {role}
        </button>
      ))}
    </div>
  );
}

/** The results table (rows become blocks on a phone, so nothing scrolls sideways). */
export function ScanResultsTable(props: {
  found: readonly ScanDeviceView[];
  onUse: (device: ScanDeviceView, role: 'meter' | 'inverter') => void;
}): JSX.Element {
  if (props.found.length === 0) return <p data-testid="scan-none">No device found yet.</p>;
  return (
    <table className="scan-results" data-testid="scan-results">
      <thead>
        <tr>
          <th scope="col">Address</th>
          <th scope="col">What it is</th>
          <th scope="col">Suggested profile</th>
          <th scope="col">New site</th>
        </tr>
      </thead>
      <tbody>
        {props.found.map((d) => {
          const { meter, inverter } = d.suggested;
          return (
            <tr key={`${d.host}:${d.port}:${d.unitId}`} data-testid="scan-row">
              <td className="mono">
                {d.host}:{d.port}
                <br />
                unit {d.unitId}
              </td>
              <td>
                <Identity device={d} />
                {d.sameAs !== undefined ? (
                  <div className="scan-alternative" data-testid="scan-same-as">
                    Answers exactly like unit {d.sameAs}: most likely the same device, which ignores
                    the unit id.
                  </div>
                ) : null}
              </td>
              <td data-testid="scan-suggested">
                {meter ? <Suggestion role="Meter" s={meter} /> : null}
                {inverter ? <Suggestion role="Inverter" s={inverter} /> : null}
                {!meter && !inverter ? 'none from the library' : null}
              </td>
              <td>
                <UseButtons device={d} onUse={props.onUse} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
