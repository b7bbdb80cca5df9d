import type { RegisterKind } from '../modbus-transport';
import { MAX_READ_REGISTERS } from '../modbus-transport';

/**
 * Read planning: every poll cycle reads all points of a device, and each Modbus request costs
 * a round trip, so points are grouped into as few requests as the protocol and the device allow.
 */

/** A point with its absolute address, as the planner sees it. */
export interface PlannedPoint {
  readonly name: string;
  readonly kind: RegisterKind;
  /** Absolute 0-based register address. */
  readonly address: number;
  /** Registers the point occupies. */
  readonly count: number;
}

/** One read request and the points it serves. */
export interface ReadBlock {
  readonly kind: RegisterKind;
  readonly start: number;
  readonly count: number;
  readonly points: readonly PlannedPoint[];
}

/** Options of {@link planReadBlocks}. */
export interface PlanOptions {
  /**
   * Unnamed registers a request may span to merge two groups (default 0: devices that answer
   * an exception for unimplemented registers must only be asked for named ones).
   */
  readonly maxGap?: number;
  /** Longest request, registers (default and ceiling 125, the Modbus limit). */
  readonly maxRegisters?: number;
}

/**
 * Groups points into the fewest read requests: points of the same kind whose registers touch,
 * overlap or lie at most `maxGap` registers apart share a request, as long as it stays within
 * `maxRegisters`. Scanning in address order and extending the current request while possible is
 * optimal here, because any cut the scan makes is forced by the gap or the length limit.
 * Throws RangeError for a point that is malformed or runs past register 65535.
 */
export function planReadBlocks(
  points: readonly PlannedPoint[],
  options: PlanOptions = {},
): ReadBlock[] {
  const maxGap = options.maxGap ?? 0;
  const maxRegisters = Math.min(options.maxRegisters ?? MAX_READ_REGISTERS, MAX_READ_REGISTERS);
  if (!Number.isInteger(maxGap) || maxGap < 0)
    throw new RangeError(`maxGap ${maxGap} is not a whole number >= 0`);
  if (!Number.isInteger(maxRegisters) || maxRegisters < 2)
    throw new RangeError(`maxRegisters ${maxRegisters} is below 2`);
  for (const p of points) checkPoint(p);

  const blocks: ReadBlock[] = [];
  for (const kind of ['holding', 'input'] as const) {
    const sorted = points
      .filter((p) => p.kind === kind)
      .sort((a, b) => a.address - b.address || b.count - a.count);
    let current: { start: number; end: number; points: PlannedPoint[] } | null = null;
    for (const p of sorted) {
      const end = p.address + p.count;
      if (
        current !== null &&
        p.address - current.end <= maxGap &&
        Math.max(current.end, end) - current.start <= maxRegisters
      ) {
        current.end = Math.max(current.end, end);
        current.points.push(p);
        continue;
      }
      if (current !== null) blocks.push(toBlock(kind, current));
      current = { start: p.address, end, points: [p] };
    }
    if (current !== null) blocks.push(toBlock(kind, current));
  }
  return blocks;
}

/** The registers of `point` inside the data read for `block`. */
export function pointRegisters(
  block: ReadBlock,
  data: readonly number[],
  point: PlannedPoint,
): number[] {
  const offset = point.address - block.start;
  if (offset < 0 || offset + point.count > data.length) {
    throw new RangeError(
      `point ${point.name} (${point.address}+${point.count}) is outside the block read at ${block.start}+${data.length}`,
    );
  }
  return data.slice(offset, offset + point.count);
}

function toBlock(
  kind: RegisterKind,
  b: { start: number; end: number; points: PlannedPoint[] },
): ReadBlock {
  return { kind, start: b.start, count: b.end - b.start, points: b.points };
}

function checkPoint(p: PlannedPoint): void {
  if (!Number.isInteger(p.address) || p.address < 0 || p.address > 0xffff) {
    throw new RangeError(`point ${p.name}: address ${p.address} is not 0..65535`);
  }
  if (!Number.isInteger(p.count) || p.count < 1 || p.count > MAX_READ_REGISTERS) {
    throw new RangeError(
      `point ${p.name}: register count ${p.count} is not 1..${MAX_READ_REGISTERS}`,
    );
  }
  if (p.address + p.count > 0x10000)
    throw new RangeError(`point ${p.name}: runs past register 65535`);
}
