import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { useEms } from '../../store/store-context';
import { CommandStatusLine } from './command-status-line';
import { GridTargetForm } from './grid-target-form';
import { ModeOverrideForm } from './mode-override-form';

/**
 * Manual control. Stop is always available and never asks: every stop ends at 0 W, so it
 * is the one action that is always safe.
 */
export function ControlPanel(props: { snapshot: EmsSnapshot }): JSX.Element {
  const runCommands = useEms((s) => s.runCommands);
  return (
    <section className="panel control" aria-labelledby="control-title">
      <h2 id="control-title">Control</h2>
      <div className="row">
        <button
          type="button"
          className="btn primary big"
          data-testid="btn-start"
          onClick={() => void runCommands('Start', [{ type: 'start' }])}
        >
          Start
        </button>
        <button
          type="button"
          className="btn danger big"
          data-testid="btn-stop"
          onClick={() => void runCommands('Stop', [{ type: 'stop' }])}
        >
          Stop (0 W)
        </button>
      </div>
      <ModeOverrideForm snapshot={props.snapshot} />
      <GridTargetForm snapshot={props.snapshot} />
      <CommandStatusLine />
    </section>
  );
}
