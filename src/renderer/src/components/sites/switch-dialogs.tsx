import { useState, type JSX } from 'react';
import { ConfirmDialog } from '../control/confirm-dialog';

/** Props of the switch confirmation. */
export interface SwitchConfirmProps {
  readonly fromName: string;
  readonly toName: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** "Switch site?": what a switch does, before it does it. */
export function SwitchConfirm(props: SwitchConfirmProps): JSX.Element {
  return (
    <ConfirmDialog
      title="Switch site?"
      confirmLabel="Switch site"
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <p>
        <strong>{props.fromName}</strong> stops: its inverter is set to 0 W and must confirm it.
        Then <strong>{props.toName}</strong> starts in STOP. Control does not start by itself: press
        Start on Live when the site is ready.
      </p>
    </ConfirmDialog>
  );
}

/** Props of the forced-switch dialog. */
export interface ForceSwitchProps {
  readonly reason: string;
  readonly onForce: () => void;
  readonly onCancel: () => void;
}

/**
 * The switch was refused because 0 W was not confirmed. Forcing it needs the operator to
 * tick that they know the old inverter may still be running; until then the button is off.
 */
export function ForceSwitchDialog(props: ForceSwitchProps): JSX.Element {
  const [acknowledged, setAcknowledged] = useState(false);
  return (
    <ConfirmDialog
      title="0 W not confirmed"
      confirmLabel="Force the switch"
      confirmDisabled={!acknowledged}
      onConfirm={props.onForce}
      onCancel={props.onCancel}
    >
      <p className="error" data-testid="switch-refusal">
        {props.reason}
      </p>
      <p>
        The running site stays active, in STOP, and keeps sending 0 W. Check its inverter (is it
        reachable, does it show 0 W?) and try again, or force the switch.
      </p>
      <label className="check">
        <input
          type="checkbox"
          data-testid="force-acknowledge"
          checked={acknowledged}
          onChange={(e) => setAcknowledged(e.target.checked)}
        />
        I understand that the old inverter may still be running after the switch.
      </label>
    </ConfirmDialog>
  );
}
