import { useEffect, useState, type JSX } from 'react';
import type { TokenInfoView } from '../../../../shared/commissioning-views';
import { getEmsBridge } from '../../bridge/ems-bridge';
import { useAccess } from '../common/use-access';
import { ConfirmDialog } from '../control/confirm-dialog';
import { useApiCall } from '../tools/use-api-call';
import { PairingSection } from './pairing-section';

/**
 * Settings: pairing (open to every page: an unpaired browser pairs here) and the API token
 * (only for a page that may act: the token's details are not for anyone on the network).
 */
export function SettingsScreen(): JSX.Element {
  const access = useAccess();
  return (
    <main className="screen tool" aria-label="Settings">
      <PairingSection />
      {access === 'authorised' ? <TokenSection /> : null}
    </main>
  );
}

/**
 * The API token: shown masked, revealed or copied on request (only a token a rotation made
 * here returned: no page is served one), and rotated after a confirmation,
 * because every script and controller using the old one stops working at once.
 */
function TokenSection(): JSX.Element {
  const bridge = getEmsBridge();
  const info = useApiCall<TokenInfoView>();
  const rotation = useApiCall<unknown>();
  const [confirming, setConfirming] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const { run } = info;
  useEffect(() => {
    void run(() => bridge.api.tokenInfo());
  }, [bridge, run]);
  const full = bridge.token();
  const t = info.result;

  const rotate = async (): Promise<void> => {
    setConfirming(false);
    setRevealed(false);
    const r = await rotation.run(() => bridge.api.rotateToken());
    if (r !== null) await run(() => bridge.api.tokenInfo());
  };
  const copy = (): void => {
    if (full === null) return;
    navigator.clipboard.writeText(full).then(
      () => setCopyNote('copied'),
      (err: unknown) => setCopyNote(`cannot copy: ${String(err)}`),
    );
  };

  return (
    <>
      <section className="panel" aria-labelledby="token-title">
        <h2 id="token-title">API token</h2>
        <p className="hint">
          Every write over the REST API and the WebSocket (start, stop, setpoints, register writes)
          needs this token as a bearer token.
        </p>
        {info.error ? (
          <p className="error" role="alert">
            {info.error}
          </p>
        ) : null}
        <dl className="kv">
          <dt>Token</dt>
          <dd className="mono" data-testid="token-masked">
            {revealed && full !== null ? full : t?.masked || (info.busy ? '\u2026' : '(no token)')}
          </dd>
          <dt>Stored in</dt>
          <dd className="mono" data-testid="token-path">
            {t ? (t.path ?? 'EMS_API_TOKEN (environment), no file') : '\u2026'}
          </dd>
        </dl>
        <div className="row">
          <button
            type="button"
            className="btn"
            data-testid="btn-reveal-token"
            aria-pressed={revealed}
            disabled={full === null}
            title={full === null ? 'this window does not hold the token' : undefined}
            onClick={() => setRevealed((r) => !r)}
          >
            {revealed ? 'Hide' : 'Reveal'}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="btn-copy-token"
            disabled={full === null}
            onClick={copy}
          >
            Copy
          </button>
          <button
            type="button"
            className="btn danger"
            data-testid="btn-rotate-token"
            disabled={t !== null && !t.canRotate}
            title={
              t !== null && !t.canRotate ? 'set from EMS_API_TOKEN: change it there' : undefined
            }
            onClick={() => setConfirming(true)}
          >
            Rotate token…
          </button>
          {copyNote ? <span role="status">{copyNote}</span> : null}
        </div>
        {rotation.error ? (
          <p className="error" role="alert" data-testid="rotate-error">
            Rotation failed: {rotation.error}
          </p>
        ) : rotation.result !== null ? (
          <p role="status" data-testid="rotate-done">
            New token in force; the old one no longer works.
          </p>
        ) : null}
      </section>
      {confirming ? (
        <ConfirmDialog
          title="Rotate the API token?"
          confirmLabel="Rotate"
          onConfirm={() => void rotate()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            A new token is made and stored in its file. Every script, SCADA or fleet controller
            using the old token is refused from now on until it is given the new one.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
