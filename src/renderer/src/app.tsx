import { useEffect, type JSX } from 'react';
import { Banners } from './components/common/banners';
import { pairedScreen } from './components/common/paired-only';
import { PairingPanel } from './components/common/pairing-panel';
import { TopBar } from './components/common/top-bar';
import { useLiveSnapshot } from './components/common/use-live';
import { FaultsScreen } from './components/faults/faults-screen';
import { LiveScreen } from './components/live/live-screen';
import { ConsoleScreen } from './components/console/console-screen';
import { CanScreen } from './components/can/can-screen';
import { DiscoveryScreen } from './components/discovery/discovery-screen';
import { SessionsScreen } from './components/sessions/sessions-screen';
import { SettingsScreen } from './components/settings/settings-screen';
import { TrendsScreen } from './components/trends/trends-screen';
import { SitesScreen } from './components/sites/sites-screen';
import { FindDevicesScreen } from './components/scan/find-devices-screen';
import { ChecksScreen } from './components/checks/checks-screen';
import './components/common/chrome.css';
import './components/live/live.css';
import './components/live/power-flow.css';
import './components/control/control.css';
import './components/trends/trends-faults.css';
import './components/tools/tools.css';
import './components/sites/sites.css';
import './components/checks/checks.css';
import { useEms } from './store/store-context';
import type { Screen } from './store/ui-state';

/** The live screen, which follows every snapshot; the other screens subscribe to their own slices. */
function LiveArea(): JSX.Element {
  const live = useLiveSnapshot();
  return live.snapshot ? (
    <LiveScreen snapshot={live.snapshot} current={live.current} />
  ) : (
    <Waiting />
  );
}

function Waiting(): JSX.Element {
  const syncError = useEms((s) => s.syncError);
  return (
    <main className="screen" aria-busy="true">
      <p>{syncError ?? 'Waiting for the first snapshot from the EMS\u2026'}</p>
    </main>
  );
}

function Chrome(): JSX.Element {
  const live = useLiveSnapshot();
  return (
    <>
      <TopBar live={live} />
      <Banners live={live} />
      <PairingPanel />
    </>
  );
}

/** Each screen's component; the commissioning tools load their data when opened. */
const SCREEN_VIEWS: Readonly<Record<Screen, () => JSX.Element>> = {
  live: LiveArea,
  trends: TrendsScreen,
  faults: FaultsScreen,
  // The tools make device traffic or read files: a browser pairs first (docs/security.md).
  console: pairedScreen('the register console', ConsoleScreen),
  discovery: pairedScreen('SunSpec discovery', DiscoveryScreen),
  sessions: pairedScreen('the recorded sessions', SessionsScreen),
  can: pairedScreen('the CAN monitor', CanScreen),
  settings: SettingsScreen,
  sites: SitesScreen,
  // Find the devices (issue 12).
  devices: FindDevicesScreen,
  checks: ChecksScreen,
};

/**
 * The operator app. `document.body` carries data-app-state="ready" once the first snapshot
 * arrived, so tests wait for real data instead of sleeping.
 */
export function App(): JSX.Element {
  const screen = useEms((s) => s.ui.screen);
  const ready = useEms((s) => s.snapshot !== null);
  useEffect(() => {
    document.body.dataset.appState = ready ? 'ready' : 'loading';
  }, [ready]);
  const View = SCREEN_VIEWS[screen];
  return (
    <div className="app">
      <Chrome />
      <View />
    </div>
  );
}
