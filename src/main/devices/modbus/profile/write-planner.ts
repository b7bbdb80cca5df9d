import { ModbusValueError } from '../wire/modbus-errors';
import { MAX_WRITE_REGISTERS } from '../modbus-transport';

/**
 * Write planning: points written together that sit in adjacent registers go in one
 * write-multiple request, so a device sees e.g. both halves of a charge/discharge rate pair at once.
 */

/** One encoded point to write. */
export interface PendingWrite {
  readonly name: string;
  readonly address: number;
  readonly regs: readonly number[];
}

/** One write-multiple request. */
export interface WriteRequest {
  readonly address: number;
  readonly regs: number[];
  /** Points the request carries, in address order. */
  readonly names: string[];
}

/**
 * Merges writes to adjacent registers (up to 123 registers a request) and returns the requests
 * in the order the caller listed their first point, because the order can matter to a device
 * (set the rates, then the mode that enables them). Throws ModbusValueError when two points overlap.
 */
export function planWrites(writes: readonly PendingWrite[], label: string): WriteRequest[] {
  const order = new Map(writes.map((w, i) => [w.name, i]));
  const sorted = [...writes].sort((a, b) => a.address - b.address);
  const groups: (WriteRequest & { first: number })[] = [];
  for (const w of sorted) {
    const index = order.get(w.name) ?? 0;
    const last = groups.at(-1);
    const lastEnd = last === undefined ? -1 : last.address + last.regs.length;
    if (last !== undefined && w.address < lastEnd) {
      throw new ModbusValueError(
        `${label}: points ${last.names.join(', ')} and ${w.name} share registers; write them separately`,
      );
    }
    if (
      last !== undefined &&
      w.address === lastEnd &&
      last.regs.length + w.regs.length <= MAX_WRITE_REGISTERS
    ) {
      last.regs.push(...w.regs);
      last.names.push(w.name);
      last.first = Math.min(last.first, index);
    } else {
      groups.push({ address: w.address, regs: [...w.regs], names: [w.name], first: index });
    }
  }
  return groups
    .sort((a, b) => a.first - b.first)
    .map(({ address, regs, names }) => ({ address, regs, names }));
}
