/**
 * How a command the core refused maps to HTTP. The core answers every refusal with a reason
 * in words (CommandResult has no code), so the mapping is this one table of the core's
 * reasons, tested against the real core in command-status.test.ts: a reason reworded in the
 * core fails that test instead of silently changing the status an integrator sees.
 *
 * - 400: the command itself is wrong whatever the EMS is doing (a value outside the inverter
 *   rating, a bad ttl); the message names the field.
 * - 409: the command is fine but the EMS cannot take it now (wrong mode, stopped, in FAULT,
 *   nothing to acknowledge); the message is the core's reason.
 * - 500: the core reported an internal error.
 */

/** What a refused command becomes. */
export interface RejectionStatus {
  readonly status: 400 | 409 | 500;
  /** The body field the reason is about (400 only). */
  readonly field?: string;
}

interface Rule extends RejectionStatus {
  readonly match: RegExp;
}

/** The core's refusals, by cause. The first match wins. */
export const REJECTION_RULES: readonly Rule[] = [
  // The value itself is wrong: 400.
  { match: /^watts must be/, status: 400, field: 'watts' },
  { match: /W (discharge |charge )?is above the inverter rating/, status: 400, field: 'watts' },
  { match: /^ttlSeconds /, status: 400, field: 'ttlSeconds' },
  { match: /^source must be/, status: 400, field: 'source' },
  { match: /^unknown mode/, status: 400, field: 'mode' },
  { match: /^malformed command|^unknown command/, status: 400, field: '(body)' },
  // The EMS cannot take it in its current state: 409.
  { match: /^mode is \w+: external setpoints are accepted only in mode EXTERNAL/, status: 409 },
  { match: /^already running/, status: 409 },
  { match: /^stopped: start first/, status: 409 },
  { match: /^in FAULT/, status: 409 },
  { match: /^no fault to acknowledge/, status: 409 },
  { match: /^BMS alarm still active/, status: 409 },
  // The core's own failures: 500.
  { match: /^internal error|^invalid clock/, status: 500 },
];

/**
 * The status of a refusal reason. A reason no rule knows is a 409: the core refused a
 * well-formed command (the body passed the contract's schema), so the cause is its state.
 */
export function rejectionStatus(reason: string): RejectionStatus {
  const rule = REJECTION_RULES.find((r) => r.match.test(reason));
  if (rule === undefined) return { status: 409 };
  return rule.field === undefined
    ? { status: rule.status }
    : { status: rule.status, field: rule.field };
}

/** The error line of a refusal: `field: reason` for a 400, the reason alone otherwise. */
export function rejectionMessage(reason: string): string {
  const { field } = rejectionStatus(reason);
  return field === undefined ? reason : `${field}: ${reason}`;
}
