import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { controlAvailability } from '../../control/control-availability';
import { useEms } from '../../store/store-context';
import { CommandStatusLine } from './command-status-line';
import { GridTargetForm } from './grid-target-form';
import { ModeOverrideForm } from './mode-override-form';

/**
 * Manual control. Each control is enabled only when it can act; Stop never asks and is
 * offered whenever the EMS is not known to be stopped, since every stop ends at 0 W.
 */
export function ControlPanel(props: { snapshot: EmsSnapshot; current: boolean }): JSX.Element {
  const runCommands = useEms((s) => s.runCommands);
  const can = controlAvailability(props.snapshot, props.current);
  return (
    <section className="panel control" aria-labelledby="control-title">
      <h2 id="control-title">Control</h2>
      <div className="row">
        <button
          type="button"
          className="btn primary big"
          data-testid="btn-start"
          disabled={!can.start}
          onClick={() => void runCommands('Start', [{ type: 'start' }])}
        >
          Start
        </button>
        <button
          type="button"
          className="btn danger big"
          data-testid="btn-stop"
          disabled={!can.stop}
          onClick={() => void runCommands('Stop', [{ type: 'stop' }])}
        >
          Stop (0&nbsp;W)
        </button>
      </div>
      <ModeOverrideForm snapshot={props.snapshot} enabled={can.mode} reason={can.modeReason} />
      <GridTargetForm snapshot={props.snapshot} />
      <CommandStatusLine />
    </section>
  );
}
