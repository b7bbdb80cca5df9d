import { useEffect, useState, type FormEvent, type JSX } from 'react';
import type { PairingCodeView, ServerIdentityView } from '../../../../shared/commissioning-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { pairBrowser } from '../../bridge/pair-browser';
import { useApiCall } from '../tools/use-api-call';
import { useAccess } from '../common/use-access';

/**
 * Pairing, on Settings. Every page shows the host's certificate fingerprint (to compare with
 * the one the browser shows before trusting it). A browser that is not paired enters the
 * code here; a page that may already act (the desktop window, a paired browser) makes a
 * fresh code for another browser. After pairing the page reloads, so its WebSocket opens
 * again with the session cookie the host set (HttpOnly: this page never sees it).
 */
export function PairingSection(): JSX.Element {
  const access = useAccess();
  const identity = useApiCall<ServerIdentityView>();
  const { run } = identity;
  useEffect(() => {
    void run(() => getEmsApi().getServerIdentity());
  }, [run]);
  const fingerprint = identity.result?.tlsFingerprint256;

  return (
    <section className="panel" aria-labelledby="pairing-title" data-testid="pairing-section">
      <h2 id="pairing-title">Pairing</h2>
      <dl className="kv">
        <dt>This page</dt>
        <dd data-testid="pairing-state">
          {access === 'authorised'
            ? 'may use the controls and tools'
            : access === 'read-only'
              ? 'read-only: not paired'
              : '\u2026'}
        </dd>
        <dt>Certificate SHA-256</dt>
        <dd className="mono" data-testid="tls-fingerprint">
          {fingerprint === undefined
            ? (identity.error ?? '\u2026')
            : (fingerprint ?? 'none: plain HTTP on this machine (loopback)')}
        </dd>
      </dl>
      {access === 'read-only' ? <PairingForm /> : null}
      {access === 'authorised' ? <NewPairingCode /> : null}
    </section>
  );
}

/** The code entry of a browser that is not paired. */
function PairingForm(): JSX.Element {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    pairBrowser(code.trim())
      .then((problem) => {
        if (problem === null) window.location.reload();
        else setError(problem);
      })
      .catch((err: unknown) => setError(`pairing failed: ${String(err)}`))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} aria-label="Pair this browser">
      <p className="hint">
        The pairing code is printed on the headless host&apos;s terminal (&quot;Pairing code:
        ...&quot;) or shown by the desktop app; the API token works too. A code is used once and is
        valid 10 minutes.
      </p>
      <div className="row">
        <label>
          Pairing code{' '}
          <input
            data-testid="pairing-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={80}
          />
        </label>
        <button
          type="submit"
          className="btn primary"
          data-testid="btn-pair"
          disabled={busy || code.trim() === ''}
        >
          Pair
        </button>
      </div>
      {error !== null ? (
        <p className="error" role="alert" data-testid="pairing-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** A fresh single-use code for another browser (the previous code stops working). */
function NewPairingCode(): JSX.Element {
  const issued = useApiCall<PairingCodeView>();
  const shown = issued.result?.code;
  return (
    <div className="row">
      <button
        type="button"
        className="btn"
        data-testid="btn-new-pairing-code"
        disabled={issued.busy}
        onClick={() => void issued.run(() => getEmsApi().pairingCode())}
      >
        Pair another browser…
      </button>
      {shown !== undefined && issued.result !== null ? (
        <span role="status">
          Code{' '}
          <strong
            className="mono"
            data-testid="new-pairing-code"
          >{`${shown.slice(0, 5)}-${shown.slice(5)}`}</strong>
          , single use, valid {Math.round(issued.result.expiresInS / 60)} min
        </span>
      ) : null}
      {issued.error !== null ? (
        <span className="error" role="alert">
          {issued.error}
        </span>
      ) : null}
    </div>
  );
}
