import type { JSX } from 'react';
import { formatClock } from '../../format/format-values';
import { useEms } from '../../store/store-context';

const SHOWN = 3;

/**
 * The last few events on the live view: what just changed, without leaving the screen. They
 * come from the session store (earlier runs included) plus what main pushed since.
 */
export function RecentEvents(): JSX.Element {
  const events = useEms((s) => s.events);
  const setScreen = useEms((s) => s.setScreen);
  const latest = events.slice(-SHOWN).reverse();
  return (
    <section className="panel" aria-labelledby="recent-title">
      <div className="trend-bar" style={{ marginBottom: 4 }}>
        <h2 id="recent-title" style={{ margin: 0 }}>
          Latest events
        </h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setScreen('faults')}>
          Faults and event log
        </button>
      </div>
      {latest.length === 0 ? (
        <p className="hint">No events recorded yet.</p>
      ) : (
        <ul className="events one-line">
          {latest.map((e) => (
            <li key={e.seq}>
              <span className="num">{formatClock(e.time)}</span> <strong>{e.kind}</strong>
              {e.code ? ` ${e.code}` : ''}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
