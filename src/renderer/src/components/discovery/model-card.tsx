import type { JSX } from 'react';
import type { SunSpecModelView } from '../../../../shared/sunspec-views';
import { sunspecPointText } from '../../tools/sunspec-point-text';

function RawRegisters(props: { registers: readonly number[] }): JSX.Element {
  if (props.registers.length === 0) return <p className="hint">Body not read.</p>;
  return (
    <p className="mono" style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>
      {props.registers.map((r) => r.toString(16).padStart(4, '0')).join(' ')}
    </p>
  );
}

/** One model of the chain: decoded points for a model the project knows, raw registers otherwise. */
export function ModelCard(props: { model: SunSpecModelView }): JSX.Element {
  const m = props.model;
  return (
    <details
      className="panel"
      data-testid="discovery-model"
      data-model-id={m.id}
      open={m.decoded !== null && m.index < 3}
    >
      <summary>
        <strong>
          Model {m.id}
          {m.name ? ` \u2014 ${m.name}` : ' (unknown to this project)'}
        </strong>{' '}
        at {m.address}, length {m.length}
      </summary>
      {m.notes.length > 0 ? <p className="hint">{m.notes.join('; ')}</p> : null}
      {m.decoded ? (
        <div className="table-box" style={{ maxHeight: 260 }}>
          <table>
            <thead>
              <tr>
                <th>Point</th>
                <th>Offset</th>
                <th>Type</th>
                <th>Raw</th>
                <th>SF</th>
                <th>Value</th>
                <th>Access</th>
              </tr>
            </thead>
            <tbody>
              {m.decoded.points.map((p) => (
                <tr key={`${p.name}-${p.offset}`} data-testid="discovery-point" data-point={p.name}>
                  <td>{p.name}</td>
                  <td className="num">{p.offset}</td>
                  <td>{p.type}</td>
                  <td className="num">{p.raw === null ? '\u2014' : String(p.raw)}</td>
                  <td className="num">{p.sf === undefined || p.sf === null ? '' : p.sf}</td>
                  <td className="num">{sunspecPointText(p)}</td>
                  <td>{p.access}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <RawRegisters registers={m.registers} />
      )}
    </details>
  );
}
