import { useEffect, useRef, useState, type JSX } from 'react';
import { formatClock } from '../../format/format-values';
import { pageTitle } from '../../format/page-title';
import { statusHeadline } from '../../format/status-headline';
import type { LiveSnapshot } from './use-live';
import { useEms } from '../../store/store-context';
import type { Screen } from '../../store/ui-state';
import { ThemeToggle } from './theme-toggle';

/**
 * The screens in the order of the job: operate (live, trends, faults), then commissioning as
 * it is done on site (sites, find the devices, checks), then the tools and settings.
 */
const NAV: readonly { screen: Screen; label: string; testId: string }[] = [
  { screen: 'live', label: 'Live', testId: 'nav-live' },
  { screen: 'trends', label: 'Trends', testId: 'nav-trends' },
  { screen: 'faults', label: 'Faults', testId: 'nav-faults' },
  { screen: 'sites', label: 'Sites', testId: 'nav-sites' },
  { screen: 'devices', label: 'Find devices', testId: 'nav-devices' },
  { screen: 'checks', label: 'Checks', testId: 'nav-checks' },
  { screen: 'console', label: 'Registers', testId: 'nav-console' },
  { screen: 'discovery', label: 'SunSpec', testId: 'nav-discovery' },
  { screen: 'can', label: 'CAN', testId: 'nav-can' },
  { screen: 'sessions', label: 'Sessions', testId: 'nav-sessions' },
  { screen: 'settings', label: 'Settings', testId: 'nav-settings' },
];

const CONNECTION_WORDS = {
  connecting: 'connecting to the EMS\u2026',
  connected: 'connected',
  reconnecting: 'connection lost, reconnecting\u2026',
} as const;

/** State, run mode and source in one badge; "state unknown" while the snapshot is stale. */
function StateBadge(props: { live: LiveSnapshot }): JSX.Element | null {
  const { snapshot, current } = props.live;
  if (!snapshot) return null;
  const headline = current ? statusHeadline(snapshot) : null;
  return (
    <span
      className={`pill tone-${headline?.tone ?? 'unknown'}`}
      title="EMS state and run mode"
      data-testid="state-badge"
      data-state={current ? snapshot.state : undefined}
    >
      {headline?.text ?? 'state unknown'}
    </span>
  );
}

/**
 * The bar on every screen: the site, navigation, the state at a glance, the connection.
 * Where the screens' row does not fit, it folds into a menu button.
 */
export function TopBar(props: { live: LiveSnapshot }): JSX.Element {
  const screen = useEms((s) => s.ui.screen);
  const setScreen = useEms((s) => s.setScreen);
  const connection = useEms((s) => s.connection);
  const [menuOpen, setMenuOpen] = useState(false);
  const barRef = useRef<HTMLElement>(null);
  const { snapshot, current } = props.live;
  const faultCount = snapshot?.faults.length ?? 0;
  // The site changes only by a switch, which the next snapshot carries; a stale one still names it.
  const siteName = snapshot?.site.name ?? null;
  useEffect(() => {
    document.title = pageTitle(siteName);
  }, [siteName]);
  // The open menu closes on Escape and on a click anywhere outside the bar.
  useEffect(() => {
    if (!menuOpen) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    const onPointer = (e: PointerEvent): void => {
      if (e.target instanceof Node && !barRef.current?.contains(e.target)) setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [menuOpen]);
  return (
    <header className="topbar" ref={barRef}>
      <button
        type="button"
        className="bar-btn menu-btn"
        data-testid="nav-menu"
        aria-expanded={menuOpen}
        aria-controls="screens-nav"
        onClick={() => setMenuOpen(!menuOpen)}
      >
        {'\u2630'} Menu{faultCount > 0 ? ` (${faultCount} fault${faultCount > 1 ? 's' : ''})` : ''}
      </button>
      <div className="brand" title={siteName ?? undefined}>
        {siteName ? (
          <>
            <span className="site" data-testid="site-name">
              {siteName}
            </span>
            <span className="app-name">EMS commissioning</span>
          </>
        ) : (
          <span className="site">EMS commissioning</span>
        )}
      </div>
      <nav id="screens-nav" className={menuOpen ? 'nav open' : 'nav'} aria-label="Screens">
        {NAV.map((n) => (
          <button
            key={n.screen}
            type="button"
            data-testid={n.testId}
            aria-current={screen === n.screen ? 'page' : undefined}
            onClick={() => {
              setScreen(n.screen);
              setMenuOpen(false);
            }}
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
      <div className="status-box">
        <StateBadge live={props.live} />
        <span className="conn" role="status">
          {CONNECTION_WORDS[connection]}
          {snapshot && current ? ` \u00b7 ${formatClock(snapshot.time)}` : ''}
        </span>
      </div>
      <ThemeToggle />
    </header>
  );
}
