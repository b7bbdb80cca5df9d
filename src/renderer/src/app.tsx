import type { JSX } from 'react';
import { EMS_STATES } from '../../shared/ems-names';

/** Placeholder screen until the operator UI lands: names the states the app will show. */
export function App(): JSX.Element {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>EMS commissioning</h1>
      <p>
        The operator screens arrive with the desktop-app work. The EMS core runs headless today.
      </p>
      <p>States: {EMS_STATES.join(', ')}</p>
    </main>
  );
}
