import type { JSX } from 'react';
import type { RegisterWriteEntry } from '../../../../shared/commissioning-views';
import { formatDateTime } from '../../format/format-values';
import { hexWords } from '../../tools/write-plan';

/** Every write attempt since the host started, newest first (refused ones too). */
export function WriteLogTable(props: { log: readonly RegisterWriteEntry[] }): JSX.Element {
  const rows = [...props.log].reverse();
  return (
    <div className="table-box" style={{ maxHeight: 180 }}>
      <table data-testid="console-log">
        <thead>
          <tr>
            <th>Time</th>
            <th>Device</th>
            <th>Address</th>
            <th>Words</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5}>No writes yet.</td>
            </tr>
          ) : (
            rows.map((e, i) => (
              <tr key={`${e.at}-${i}`} data-testid="console-log-row">
                <td className="num">{formatDateTime(e.at)}</td>
                <td>{e.device}</td>
                <td className="num">{e.address}</td>
                <td className="num">
                  {hexWords(e.values)}
                  {e.typed ? <div className="hint">{e.typed}</div> : null}
                </td>
                <td className={e.result === 'written' ? undefined : 'flag-bad'}>
                  {e.result}
                  {e.reason ? `: ${e.reason}` : ''}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
