import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { isOverrideMode } from '../../format/ems-words';
import { formatPower } from '../../format/power-words';
import { useEms } from '../../store/store-context';
import { PairedOnly } from '../common/paired-only';

/**
 * While a manual override runs the battery ignores the house: say so on every screen and
 * offer the way back in one click.
 */
export function OverrideBanner(props: { snapshot: EmsSnapshot }): JSX.Element | null {
  const runCommands = useEms((s) => s.runCommands);
  const { mode, overrideW } = props.snapshot;
  if (!isOverrideMode(mode)) return null;
  const what = mode === 'CHARGE_ONLY' ? 'charging' : 'discharging';
  return (
    <div className="banner warn" role="status" data-testid="override-banner">
      <span className="grow">
        MANUAL OVERRIDE ACTIVE ({mode}): {what} at {formatPower(overrideW)} regardless of the house
        load.
      </span>
      <PairedOnly what="the controls" inline>
        <button
          type="button"
          data-testid="btn-back-to-self-consumption"
          onClick={() =>
            void runCommands('Back to self consumption', [
              { type: 'setMode', mode: 'SELF_CONSUMPTION' },
            ])
          }
        >
          Back to self consumption
        </button>
      </PairedOnly>
    </div>
  );
}
