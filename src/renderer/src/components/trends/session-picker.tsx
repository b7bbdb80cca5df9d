import { useEffect, type JSX } from 'react';
import type { SessionView } from '../../../../shared/commissioning-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { formatDateTime } from '../../format/format-values';
import { useApiCall } from '../tools/use-api-call';

/**
 * Chooses what the Trends screen draws: the live windows, or one recorded session from the
 * session store. Listing sessions needs a paired browser (or the desktop window); without
 * one the picker says so and the live trend stays.
 */
export function SessionPicker(props: {
  sessionId: number | null;
  onPick: (id: number | null) => void;
}): JSX.Element {
  const sessions = useApiCall<readonly SessionView[]>();
  const run = sessions.run;
  useEffect(() => {
    void run(() => getEmsApi().listSessions());
  }, [run]);
  const list = sessions.result ?? [];
  return (
    <label className="session-pick">
      <span>Show</span>
      <select
        data-testid="trends-source"
        value={props.sessionId === null ? 'live' : String(props.sessionId)}
        disabled={sessions.error !== null && list.length === 0}
        title={sessions.error ?? undefined}
        onChange={(e) => props.onPick(e.target.value === 'live' ? null : Number(e.target.value))}
      >
        <option value="live">Live</option>
        {list.map((s) => (
          <option key={s.id} value={String(s.id)}>
            {`Session ${s.id}, ${formatDateTime(s.startedAt)}${s.endedAt === null ? ' (running)' : ''}`}
          </option>
        ))}
      </select>
    </label>
  );
}
