import type { JSX } from 'react';
import { useEms } from '../../store/store-context';
import { OverrideBanner } from '../control/override-banner';
import { RecoveryBanner } from './recovery-banner';
import type { LiveSnapshot } from './use-live';

/**
 * Banners above every screen, most urgent first: the bridge is down, a fault is active,
 * a fault has cleared (what to do now), a manual override is running, the configuration has a standing warning.
 */
export function Banners(props: { live: LiveSnapshot }): JSX.Element {
  const connection = useEms((s) => s.connection);
  const syncError = useEms((s) => s.syncError);
  const setScreen = useEms((s) => s.setScreen);
  const { snapshot, current } = props.live;
  const faults = snapshot?.faults ?? [];
  return (
    <>
      {connection === 'reconnecting' ? (
        <div className="banner bad" role="alert" data-testid="connection-banner">
          Connection to the EMS lost: reconnecting. Values are not shown until it is back.
        </div>
      ) : snapshot && !current ? (
        <div className="banner bad" role="alert" data-testid="connection-banner">
          No data from the EMS for a few seconds: values are not shown until it sends again.
        </div>
      ) : null}
      {syncError ? (
        <div className="banner bad" role="alert">
          {syncError}
        </div>
      ) : null}
      {snapshot && (faults.length > 0 || snapshot.needsAck) ? (
        <div className="banner bad" role="alert" data-testid="fault-banner">
          <span className="grow">
            {snapshot.state === 'FAULT' ? 'FAULT, output 0 W: ' : 'Active fault: '}
            {faults.map((f) => `${f.code} (${f.message})`).join('; ') || 'protection alarm latched'}
            {snapshot.needsAck ? ' \u2014 acknowledge required' : ''}
          </span>
          <button type="button" onClick={() => setScreen('faults')}>
            Inspect faults
          </button>
        </div>
      ) : null}
      <RecoveryBanner />
      {snapshot ? <OverrideBanner snapshot={snapshot} /> : null}
      {snapshot && snapshot.warnings.length > 0 ? (
        <div className="banner warn" role="note" data-testid="config-warnings">
          <span className="grow">Configuration warning: {snapshot.warnings.join(' ')}</span>
        </div>
      ) : null}
    </>
  );
}
