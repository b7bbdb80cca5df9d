import type { SunSpecProgressStep } from '../../../shared/sunspec-views';

/**
 * The discovery's progress as lines for the operator, plus how far the reads got. Steps are
 * pushed by main; 'read' steps come often, so they update one line instead of adding many.
 */

/** The progress of one discovery run. */
export interface DiscoveryProgress {
  readonly lines: readonly string[];
  /** Registers read and to read over every model body; null before the first read. */
  readonly registers: { readonly read: number; readonly total: number } | null;
  readonly finished: boolean;
}

/** Before any step. */
export const EMPTY_PROGRESS: DiscoveryProgress = { lines: [], registers: null, finished: false };

/** Most lines kept (a device with hundreds of models must not grow the page forever). */
const MAX_LINES = 200;

/** One step in words. */
export function stepText(step: SunSpecProgressStep): string {
  switch (step.kind) {
    case 'base':
      return step.found
        ? `'SunS' found at ${step.base}`
        : `no 'SunS' at ${step.base}${step.detail ? ` (${step.detail})` : ''}`;
    case 'model':
      return `model ${step.id} at ${step.address}, length ${step.length}${step.known ? '' : ' (unknown: listed raw)'}`;
    case 'read':
      return `reading ${step.count} registers at ${step.address} (${step.registersRead}/${step.registersTotal})`;
    case 'done':
      return `done: ${step.models} models, ${step.registersRead} registers read`;
    case 'failed':
      return `failed: ${step.detail}`;
  }
}

/**
 * Adds a step; consecutive reads replace each other's line. A failure adds no line: the
 * screen shows its reason once, as the discovery's error.
 */
export function addStep(p: DiscoveryProgress, step: SunSpecProgressStep): DiscoveryProgress {
  if (step.kind === 'failed') return { ...p, finished: true };
  const text = stepText(step);
  const last = p.lines[p.lines.length - 1];
  const replace = step.kind === 'read' && last?.startsWith('reading ') === true;
  const lines = replace ? [...p.lines.slice(0, -1), text] : [...p.lines, text];
  return {
    lines: lines.length > MAX_LINES ? lines.slice(lines.length - MAX_LINES) : lines,
    registers:
      step.kind === 'read' ? { read: step.registersRead, total: step.registersTotal } : p.registers,
    finished: p.finished || step.kind === 'done',
  };
}
