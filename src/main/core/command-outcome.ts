import type { CommandResult } from '../../shared/commands';
import type { CoreEvent, CoreState } from './core-state';
import type { Transition } from './transitions';

/** What applyCommand returns. */
export interface CommandOutcome {
  readonly state: CoreState;
  readonly result: CommandResult;
  readonly events: CoreEvent[];
}

/** A command as untrusted data: its fields are checked by each handler. */
export type RawCommand = Readonly<Record<string, unknown>>;

/** A rejection: the state is unchanged and a 'command-rejected' event carries the reason. */
export function reject(s: CoreState, now: number, type: string, reason: string): CommandOutcome {
  const event: CoreEvent = {
    at: now,
    kind: 'command-rejected',
    code: type,
    message: `${type} rejected: ${reason}`,
  };
  return { state: s, result: { ok: false, reason }, events: [event] };
}

/** An acceptance; `pending` says what an accepted intent still waits for. */
export function accept(t: Transition, pending?: string): CommandOutcome {
  return {
    state: t.state,
    result: pending === undefined ? { ok: true } : { ok: true, pending },
    events: t.events,
  };
}

/** A transition that only changes data, not the state or mode. */
export function unchanged(state: CoreState): Transition {
  return { state, events: [] };
}
