import { describe, expect, it } from 'vitest';
import { planWrites } from './write-planner';

describe('planWrites', () => {
  it('merges adjacent points into one request and keeps the caller order between requests', () => {
    const requests = planWrites(
      [
        { name: 'out', address: 112, regs: [1] },
        { name: 'in', address: 113, regs: [2] },
        { name: 'mode', address: 105, regs: [3] },
      ],
      'dev',
    );
    expect(requests).toEqual([
      { address: 112, regs: [1, 2], names: ['out', 'in'] },
      { address: 105, regs: [3], names: ['mode'] },
    ]);
  });

  it('orders a merged request by its earliest listed point', () => {
    const requests = planWrites(
      [
        { name: 'b', address: 11, regs: [2] },
        { name: 'x', address: 50, regs: [9] },
        { name: 'a', address: 10, regs: [1] },
      ],
      'dev',
    );
    expect(requests.map((r) => r.names)).toEqual([['a', 'b'], ['x']]);
    expect(requests[0]?.regs).toEqual([1, 2]);
  });

  it('does not merge across a gap or beyond 123 registers', () => {
    expect(
      planWrites(
        [
          { name: 'a', address: 0, regs: [1] },
          { name: 'b', address: 2, regs: [2] },
        ],
        'dev',
      ),
    ).toHaveLength(2);
    const big = Array.from({ length: 62 }, (_, i) => ({
      name: `p${i}`,
      address: i * 2,
      regs: [0, 0],
    }));
    expect(planWrites(big, 'dev').map((r) => r.regs.length)).toEqual([122, 2]);
  });

  it('rejects points that share registers, naming them', () => {
    expect(() =>
      planWrites(
        [
          { name: 'a', address: 0, regs: [1, 2] },
          { name: 'b', address: 1, regs: [3] },
        ],
        'dev',
      ),
    ).toThrow('dev: points a and b share registers; write them separately');
  });
});
