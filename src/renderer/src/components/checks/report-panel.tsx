import { useEffect, useState, type JSX } from 'react';
import { getEmsApi } from '../../bridge/ems-bridge';
import { downloadText } from '../../export/download';
import { errorText } from '../../store/mirror';

/** The report: technician and notes typed here, then open, download or (desktop) save as PDF. */
export function ReportPanel(): JSX.Element {
  const [technician, setTechnician] = useState('');
  const [notes, setNotes] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void getEmsApi()
      .getReportMeta()
      .then((m) => {
        setTechnician(m.technician);
        setNotes(m.notes);
      })
      .catch(() => undefined);
  }, []);

  const act = async (what: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await getEmsApi().setReportMeta({ technician, notes });
      setNote(await what());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const download = (): void =>
    void act(async () => {
      const { html, storedId } = await getEmsApi().getReport();
      downloadText('commissioning-report.html', html, 'text/html;charset=utf-8');
      return `Report downloaded${storedId === null ? '' : ` and stored with the session (#${storedId})`}.`;
    });
  const open = (): void =>
    void act(async () => {
      const { html } = await getEmsApi().getReport();
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return 'Report opened in a new tab: print it from there.';
    });
  const pdf = (): void =>
    void act(async () => {
      const r = await getEmsApi().saveReportPdf();
      return r.saved ? `Saved ${r.path ?? ''}` : 'Not saved.';
    });

  return (
    <section className="panel report-panel" aria-labelledby="report-title">
      <h2 id="report-title">Report</h2>
      <label>
        Technician
        <input
          data-testid="report-technician"
          value={technician}
          maxLength={100}
          onChange={(e) => setTechnician(e.target.value)}
        />
      </label>
      <label>
        Notes
        <textarea
          data-testid="report-notes"
          value={notes}
          maxLength={4000}
          rows={3}
          onChange={(e) => setNotes(e.target.value)}
        />
      </label>
      <div className="row">
        <button
          type="button"
          className="btn primary"
          data-testid="report-download"
          disabled={busy}
          onClick={download}
        >
          Download HTML
        </button>
        <button
          type="button"
          className="btn"
          data-testid="report-open"
          disabled={busy}
          onClick={open}
        >
          Open to print
        </button>
        <button
          type="button"
          className="btn"
          data-testid="report-pdf"
          disabled={busy}
          onClick={pdf}
        >
          Save PDF (desktop)
        </button>
      </div>
      {note !== null && note !== '' && (
        <p className="status" role="status">
          {note}
        </p>
      )}
      {error !== null && (
        <p className="error" role="alert" data-testid="report-error">
          {error}
        </p>
      )}
    </section>
  );
}
