import type { JSX } from 'react';
import { formatDateTime } from '../../format/format-values';
import { faultKey } from '../../store/selectors';
import { useEms } from '../../store/store-context';

/** The fault log, newest first; choosing a row shows what the EMS knew at that moment. */
export function FaultLogTable(): JSX.Element {
  const log = useEms((s) => s.faultLog);
  const selected = useEms((s) => s.ui.selectedFault);
  const selectFault = useEms((s) => s.selectFault);
  const rows = log.map((entry, index) => ({ entry, index, key: faultKey(entry) })).reverse();
  return (
    <div className="scroll" style={{ maxHeight: 290 }}>
      <table className="log" data-testid="fault-log">
        <caption className="hint" style={{ textAlign: 'left' }}>
          {log.length === 0
            ? 'The fault log is empty.'
            : `${log.length} entries, newest first. Choose one to inspect it.`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Code</th>
            <th scope="col">Kind</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ entry, index, key }) => (
            <tr
              key={`${index}|${key}`}
              data-testid="fault-log-row"
              className={key === selected ? 'selected' : undefined}
              onClick={() => selectFault(key)}
            >
              <td className="num">
                {/* The keyboard's way in: its click (Enter, Space) bubbles to the row. */}
                <button type="button" aria-pressed={key === selected}>
                  {formatDateTime(entry.time)}
                </button>
              </td>
              <td>{entry.code}</td>
              <td className={`kind-${entry.kind}`}>{entry.kind}</td>
              <td>{entry.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
