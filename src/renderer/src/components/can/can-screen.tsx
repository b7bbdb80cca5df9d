import { useEffect, useState, type JSX } from 'react';
import type { CanFramesView } from '../../../../shared/can-monitor-view';
import { getEmsApi } from '../../bridge/ems-bridge';
import { downloadText } from '../../export/download';
import { formatClock } from '../../format/format-values';
import { errorText } from '../../store/mirror';
import { decodedText, filterCanRows, parseCanFilter, spacedHex } from '../../tools/can-filter';

/**
 * The CAN monitor for commissioning: every id on the BMS bus with its count, rate and
 * latest data beside the fields the site's BMS profile decodes from it; filter by id,
 * pause the view, and record the bus to a candump log file.
 */
export function CanScreen(): JSX.Element {
  const [live, setLive] = useState<CanFramesView | null>(null);
  const [paused, setPaused] = useState<CanFramesView | null>(null);
  const [isPaused, setIsPaused] = useState(false);
  const [filterText, setFilterText] = useState('');
  const [recording, setRecording] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => getEmsApi().subscribe('canFrames', setLive), []);

  const view = isPaused ? paused : live;
  const filter = parseCanFilter(filterText);
  const rows = filterCanRows(view?.ids ?? [], filter.ok ? filter.ids : null);
  // The push says whether the host is recording (another window may have started it).
  const hostRecording = live?.recordingFrames !== null && live?.recordingFrames !== undefined;
  const isRecording = recording || hostRecording;

  const togglePause = (): void => {
    setPaused(isPaused ? null : live);
    setIsPaused(!isPaused);
  };
  const toggleRecord = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      if (!isRecording) {
        await getEmsApi().canRecordStart();
        setRecording(true);
        setNote(null);
      } else {
        const rec = await getEmsApi().canRecordStop();
        setRecording(false);
        downloadText(rec.filename, rec.log, 'text/plain;charset=utf-8');
        setNote(
          `Saved ${rec.frames} frames to ${rec.filename}${rec.dropped > 0 ? ` (${rec.dropped} not kept: recording full)` : ''}.`,
        );
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="screen tool" aria-label="CAN monitor">
      <section className="panel" aria-labelledby="can-title">
        <h2 id="can-title">CAN monitor (BMS bus)</h2>
        <div className="row">
          <label>
            Filter ids (hex, e.g. 351 355)
            <input
              data-testid="can-filter"
              size={24}
              value={filterText}
              aria-invalid={filter.ok ? 'false' : 'true'}
              onChange={(e) => setFilterText(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="btn"
            data-testid="btn-can-pause"
            aria-pressed={isPaused}
            onClick={togglePause}
          >
            {isPaused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            className={isRecording ? 'btn danger' : 'btn'}
            data-testid="btn-can-record"
            aria-pressed={isRecording}
            disabled={busy}
            onClick={() => void toggleRecord()}
          >
            {isRecording ? 'Stop recording and save' : 'Record (candump log)'}
          </button>
          <span role="status" data-testid="can-status">
            {view
              ? `${view.totalFrames} frames${view.untrackedFrames > 0 ? `, ${view.untrackedFrames} of untracked ids` : ''}, at ${formatClock(view.at)}${isPaused ? ' (paused)' : ''}`
              : 'no frames yet (a site without a CAN BMS sends none)'}
            {live?.recordingFrames != null
              ? ` \u00b7 recording: ${live.recordingFrames} frames`
              : ''}
          </span>
        </div>
        {filter.ok ? null : <p className="field-error">{filter.error}</p>}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {note ? <p role="status">{note}</p> : null}
      </section>
      <div className="table-box" style={{ maxHeight: 560 }}>
        <table data-testid="can-table">
          <thead>
            <tr>
              <th>Id</th>
              <th>Count</th>
              <th>Rate/s</th>
              <th>Last data</th>
              <th>Decoded</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.extended ? 'x' : 's'}${r.id}`} data-testid="can-row" data-id={r.label}>
                <td className="num">{r.label}</td>
                <td className="num">{r.count}</td>
                <td className="num">{r.ratePerS.toFixed(1)}</td>
                <td className="mono">{spacedHex(r.lastData)}</td>
                <td>
                  {r.problem ? <span className="flag-bad">{r.problem} </span> : null}
                  {r.decoded === null && !r.problem ? (
                    <span className="hint">not in the profile</span>
                  ) : (
                    decodedText(r.decoded)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
