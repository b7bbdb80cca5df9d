import { useEffect, useState, type FormEvent, type JSX } from 'react';
import { getEmsApi } from '../../bridge/ems-bridge';
import { pairBrowser } from '../../bridge/pair-browser';

type Access = 'unknown' | 'read-only' | 'authorised';

/**
 * Shown in a browser that is not paired: the page shows the live view, trends and faults,
 * and asks for the pairing code (printed by the host, shown in the desktop app, or the token)
 * before its controls and tools work. After pairing the page reloads, so its WebSocket
 * opens again with the new session cookie. `document.body` carries data-access for tests.
 */
export function PairingPanel(): JSX.Element | null {
  const [access, setAccess] = useState<Access>('unknown');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    getEmsApi()
      .getAccess()
      .then((a) => live && setAccess(a.authorised ? 'authorised' : 'read-only'))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    document.body.dataset.access = access;
  }, [access]);

  if (access !== 'read-only') return null;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    void pairBrowser(code.trim())
      .then((problem) => {
        if (problem === null) window.location.reload();
        else setError(problem);
      })
      .catch((err: unknown) => setError(String(err)))
      .finally(() => setBusy(false));
  };
  return (
    <aside className="banner pairing" role="region" aria-label="Pairing">
      <strong>Read-only: pair this browser to control.</strong>{' '}
      <form onSubmit={submit}>
        <label>
          Pairing code{' '}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={80}
          />
        </label>{' '}
        <button type="submit" disabled={busy || code.trim() === ''}>
          Pair
        </button>
      </form>
      {error !== null && <p role="alert">{error}</p>}
    </aside>
  );
}
