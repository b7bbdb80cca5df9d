import type { JSX } from 'react';
import { describeStatus } from '../../store/command-status';
import { useEms } from '../../store/store-context';

/** The fate of the last command: accepted, pending (and why), or the core's reason for refusing. */
export function CommandStatusLine(): JSX.Element {
  const status = useEms((s) => s.command);
  if (status.phase === 'rejected') {
    return (
      <p className="error" role="alert" data-testid="command-error">
        {status.label} rejected: {status.reason}
      </p>
    );
  }
  return (
    <p className="status" role="status" data-testid="command-status">
      {describeStatus(status)}
    </p>
  );
}
