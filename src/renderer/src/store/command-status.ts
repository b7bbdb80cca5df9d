import type { CommandResult } from '../../../shared/commands';

/** The last command the operator sent and what became of it. */
export type CommandStatus =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending'; readonly label: string }
  | { readonly phase: 'accepted'; readonly label: string; readonly pending: string | null }
  | { readonly phase: 'rejected'; readonly label: string; readonly reason: string };

/** The status after a sequence of results (stops at the first rejection). */
export function statusFromResults(label: string, results: readonly CommandResult[]): CommandStatus {
  let pending: string | null = null;
  for (const r of results) {
    if (!r.ok) return { phase: 'rejected', label, reason: r.reason };
    if (r.pending) pending = r.pending;
  }
  return { phase: 'accepted', label, pending };
}

/** One line for the status area. */
export function describeStatus(status: CommandStatus): string {
  switch (status.phase) {
    case 'idle':
      return '';
    case 'sending':
      return `${status.label}: sending\u2026`;
    case 'accepted':
      return status.pending
        ? `${status.label}: accepted, pending (${status.pending})`
        : `${status.label}: accepted`;
    case 'rejected':
      return `${status.label}: rejected: ${status.reason}`;
  }
}
