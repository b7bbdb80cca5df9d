import { useCallback, useEffect, useState, type JSX } from 'react';
import {
  SESSION_EXPORT_KINDS,
  type RecordingStatusView,
  type SessionExportKind,
  type SessionView,
} from '../../../../shared/commissioning-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { downloadText } from '../../export/download';
import { errorText } from '../../store/mirror';
import { recordingWords, sessionRowText } from '../../tools/session-words';
import { useApiCall } from '../tools/use-api-call';

/**
 * Recorded sessions (one per run of the host), browsable after a restart, each exported as
 * CSV: its snapshots, events or faults.
 */
export function SessionsScreen(): JSX.Element {
  const sessions = useApiCall<readonly SessionView[]>();
  const status = useApiCall<RecordingStatusView>();
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const runSessions = sessions.run;
  const runStatus = status.run;
  const reload = useCallback((): void => {
    void runSessions(() => getEmsApi().listSessions());
    void runStatus(() => getEmsApi().recordingStatus());
  }, [runSessions, runStatus]);
  useEffect(reload, [reload]);

  const exportCsv = async (id: number, what: SessionExportKind): Promise<void> => {
    setExportError(null);
    setExporting(`${id}-${what}`);
    try {
      const file = await getEmsApi().sessionExport({ sessionId: id, what });
      downloadText(file.filename, file.csv);
    } catch (err) {
      setExportError(`Export of session ${id} ${what} failed: ${errorText(err)}`);
    } finally {
      setExporting(null);
    }
  };
  const now = Date.now();
  const list = sessions.result ?? [];

  return (
    <main className="screen tool" aria-label="Sessions">
      <section className="panel" aria-labelledby="rec-title">
        <div className="row">
          <h2 id="rec-title" style={{ margin: 0 }}>
            Recorded sessions
          </h2>
          <button type="button" className="btn" data-testid="btn-sessions-reload" onClick={reload}>
            Reload
          </button>
        </div>
        <p
          data-testid="recording-status"
          className={status.result && !status.result.available ? 'error' : 'hint'}
        >
          {status.result
            ? recordingWords(status.result)
            : (status.error ?? 'reading the recording status\u2026')}
        </p>
        {sessions.error ? (
          <p className="error" role="alert">
            {sessions.error}
          </p>
        ) : null}
        {exportError ? (
          <p className="error" role="alert" data-testid="session-export-error">
            {exportError}
          </p>
        ) : null}
      </section>
      <div className="table-box" style={{ maxHeight: 560 }}>
        <table data-testid="sessions-list">
          <thead>
            <tr>
              <th>#</th>
              <th>Started</th>
              <th>Ended</th>
              <th>Duration</th>
              <th>Site</th>
              <th>Export CSV</th>
            </tr>
          </thead>
          <tbody>
            {list.length === 0 ? (
              <tr>
                <td colSpan={6}>{sessions.busy ? 'Loading\u2026' : 'No recorded sessions.'}</td>
              </tr>
            ) : null}
            {list.map((s) => {
              const t = sessionRowText(s, now);
              return (
                <tr key={s.id} data-testid="session-row" data-session-id={s.id}>
                  <td className="num">{s.id}</td>
                  <td className="num">{t.started}</td>
                  <td className="num">
                    {t.ended}
                    {t.flag ? (
                      <>
                        {' '}
                        <span className="flag-bad" data-testid="session-unexpected">
                          {t.flag}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{t.duration}</td>
                  <td>{s.siteName}</td>
                  <td>
                    <div className="row" style={{ gap: 4 }}>
                      {SESSION_EXPORT_KINDS.map((what) => (
                        <button
                          key={what}
                          type="button"
                          className="btn"
                          data-testid="btn-export-session"
                          data-kind={what}
                          disabled={exporting !== null}
                          onClick={() => void exportCsv(s.id, what)}
                        >
                          {exporting === `${s.id}-${what}` ? '\u2026' : what}
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </main>
  );
}
