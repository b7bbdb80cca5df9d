import type { JSX } from 'react';
import { formatClock } from '../../format/format-values';
import type { LiveSnapshot } from './use-live';
import { useEms } from '../../store/store-context';
import type { Screen } from '../../store/ui-state';

const NAV: readonly { screen: Screen; label: string; testId: string }[] = [
  { screen: 'live', label: 'Live', testId: 'nav-live' },
  { screen: 'trends', label: 'Trends', testId: 'nav-trends' },
  { screen: 'faults', label: 'Faults', testId: 'nav-faults' },
  { screen: 'console', label: 'Registers', testId: 'nav-console' },
  { screen: 'discovery', label: 'SunSpec', testId: 'nav-discovery' },
  { screen: 'sessions', label: 'Sessions', testId: 'nav-sessions' },
  { screen: 'can', label: 'CAN', testId: 'nav-can' },
  { screen: 'settings', label: 'Settings', testId: 'nav-settings' },
];

const CONNECTION_WORDS = {
  connecting: 'connecting to the EMS\u2026',
  connected: 'connected',
  reconnecting: 'connection lost, reconnecting\u2026',
} as const;

/** The bar on every screen: navigation, the state at a glance, the connection. */
export function TopBar(props: { live: LiveSnapshot }): JSX.Element {
  const screen = useEms((s) => s.ui.screen);
  const setScreen = useEms((s) => s.setScreen);
  const connection = useEms((s) => s.connection);
  const { snapshot, current } = props.live;
  const faultCount = snapshot?.faults.length ?? 0;
  return (
    <header className="topbar">
      <h1>EMS commissioning</h1>
      <nav className="nav" aria-label="Screens">
        {NAV.map((n) => (
          <button
            key={n.screen}
            type="button"
            data-testid={n.testId}
            aria-current={screen === n.screen ? 'page' : undefined}
            onClick={() => setScreen(n.screen)}
          >
            {n.label}
            {n.screen === 'faults' && faultCount > 0 ? (
              <span className="badge" aria-label={`${faultCount} active`}>
                {faultCount}
              </span>
            ) : null}
          </button>
        ))}
      </nav>
      <span className="spacer" />
      {snapshot ? (
        <span className={`pill state-${current ? snapshot.state : 'unknown'}`} title="EMS state">
          {current ? snapshot.state : 'state unknown'}
        </span>
      ) : null}
      <span className="conn" role="status">
        {CONNECTION_WORDS[connection]}
        {snapshot && current ? ` \u00b7 ${formatClock(snapshot.time)}` : ''}
      </span>
    </header>
  );
}
