import { useEffect, type JSX } from 'react';
import { useEms } from '../../store/store-context';
import { useAccess } from './use-access';

/**
 * The banner of a browser that is not paired: it shows the live view, trends and faults
 * read-only, and the way to pairing (Settings) is one click. `document.body` carries
 * data-access (unknown, read-only, authorised) for tests.
 */
export function PairingPanel(): JSX.Element | null {
  const access = useAccess();
  const screen = useEms((s) => s.ui.screen);
  const setScreen = useEms((s) => s.setScreen);
  useEffect(() => {
    document.body.dataset.access = access;
  }, [access]);

  if (access !== 'read-only') return null;
  return (
    <aside className="banner info pairing" aria-label="Pairing" data-testid="pairing-banner">
      <span className="grow">
        Read-only: this browser is not paired. Pair it to use the controls and tools.
      </span>
      {screen !== 'settings' ? (
        <button type="button" onClick={() => setScreen('settings')}>
          Pair this browser
        </button>
      ) : null}
    </aside>
  );
}
