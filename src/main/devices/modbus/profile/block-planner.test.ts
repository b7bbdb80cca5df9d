import { describe, expect, it } from 'vitest';
import type { PlannedPoint } from './block-planner';
import { planReadBlocks, pointRegisters } from './block-planner';

const p = (
  name: string,
  address: number,
  count = 1,
  kind: PlannedPoint['kind'] = 'holding',
): PlannedPoint => ({ name, kind, address, count });
const spans = (blocks: ReturnType<typeof planReadBlocks>): string[] =>
  blocks.map((b) => `${b.kind[0]}${b.start}+${b.count}`);

describe('planReadBlocks', () => {
  it('merges contiguous and overlapping points of the same kind', () => {
    const blocks = planReadBlocks([
      p('c', 4, 2),
      p('a', 0, 2),
      p('b', 2),
      p('inner', 4),
      p('d', 3, 2),
    ]);
    expect(spans(blocks)).toEqual(['h0+6']);
    expect(blocks[0]?.points.map((x) => x.name).sort()).toEqual(['a', 'b', 'c', 'd', 'inner']);
  });

  it('never merges holding and input registers', () => {
    expect(spans(planReadBlocks([p('a', 0), p('b', 1, 1, 'input'), p('c', 1)]))).toEqual([
      'h0+2',
      'i1+1',
    ]);
  });

  it('splits at gaps unless maxGap allows spanning them', () => {
    const points = [p('a', 0, 2), p('b', 5), p('c', 10)];
    expect(spans(planReadBlocks(points))).toEqual(['h0+2', 'h5+1', 'h10+1']);
    expect(spans(planReadBlocks(points, { maxGap: 3 }))).toEqual(['h0+6', 'h10+1']);
    expect(spans(planReadBlocks(points, { maxGap: 2 }))).toEqual(['h0+2', 'h5+1', 'h10+1']);
    expect(spans(planReadBlocks(points, { maxGap: 100 }))).toEqual(['h0+11']);
  });

  it('keeps every request within 125 registers, and within a smaller limit when asked', () => {
    const many = Array.from({ length: 200 }, (_, i) => p(`r${i}`, 1000 + i));
    expect(spans(planReadBlocks(many))).toEqual(['h1000+125', 'h1125+75']);
    expect(
      spans(planReadBlocks([p('a', 0, 2), p('b', 2, 2), p('c', 4, 2)], { maxRegisters: 4 })),
    ).toEqual(['h0+4', 'h4+2']);
    expect(spans(planReadBlocks([p('a', 0), p('b', 124, 2)]))).toEqual(['h0+1', 'h124+2']);
    expect(spans(planReadBlocks([p('a', 0), p('b', 123, 2)], { maxGap: 200 }))).toEqual(['h0+125']);
  });

  it('covers every point exactly once', () => {
    const points = [
      p('a', 40002, 2),
      p('b', 40070),
      p('c', 40080, 2, 'input'),
      p('d', 40004),
      p('e', 0),
    ];
    const blocks = planReadBlocks(points, { maxGap: 10 });
    expect(blocks.flatMap((b) => b.points.map((x) => x.name)).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    for (const b of blocks)
      for (const x of b.points)
        expect(x.address >= b.start && x.address + x.count <= b.start + b.count).toBe(true);
  });

  it('returns no request for no points', () => {
    expect(planReadBlocks([])).toEqual([]);
  });

  it('rejects malformed points and options, naming them', () => {
    expect(() => planReadBlocks([p('w', 65535, 2)])).toThrow(/point w: runs past register 65535/);
    expect(() => planReadBlocks([p('n', -1)])).toThrow(/point n: address -1/);
    expect(() => planReadBlocks([p('z', 0, 0)])).toThrow(/point z: register count 0/);
    expect(() => planReadBlocks([], { maxGap: -1 })).toThrow(/maxGap/);
  });
});

describe('pointRegisters', () => {
  it('slices the point out of the block data', () => {
    const [block] = planReadBlocks([p('a', 10, 2), p('b', 12)]);
    if (!block) throw new Error('no block');
    expect(pointRegisters(block, [1, 2, 3], p('b', 12))).toEqual([3]);
    expect(pointRegisters(block, [1, 2, 3], p('a', 10, 2))).toEqual([1, 2]);
    expect(() => pointRegisters(block, [1, 2], p('b', 12))).toThrow(/point b .* outside the block/);
  });
});
