import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { createLinkProblems } from './link-problems';

describe('BMS link problem bookkeeping', () => {
  it('logs a hiccup at most every 10 s, saying how many were left out, and counts them all', () => {
    const time = new VirtualTime();
    const logged: string[] = [];
    const problems = createLinkProblems('slcan:x', (m) => logged.push(m), time);
    for (let i = 0; i < 50; i++) {
      problems.hiccup(`garbled line ${i}`);
      time.advance(100);
    }
    problems.hiccup('garbled line 50');
    expect(logged).toEqual(['garbled line 0']);
    time.advance(10_000 - time.now());
    problems.hiccup('garbled line 51');
    expect(logged).toEqual(['garbled line 0', 'garbled line 51 (and 50 more not logged)']);
    expect(problems.transportErrors).toBe(52);
    expect(problems.current(true, 0)).toBe('garbled line 51');
  });

  it('logs a repeated transport error once, and again after a good frame', () => {
    const logged: string[] = [];
    const problems = createLinkProblems('x', (m) => logged.push(m), new VirtualTime());
    problems.transportError('x: open failed: ECONNREFUSED');
    problems.transportError('x: open failed: ECONNREFUSED');
    problems.frame({ ok: true, id: 0x351, fields: {}, alarms: [], warnings: [] });
    expect(problems.current(true, 0)).toBeNull();
    problems.transportError('x: open failed: ECONNREFUSED');
    expect(logged).toEqual(['x: open failed: ECONNREFUSED', 'x: open failed: ECONNREFUSED']);
    expect(problems.current(false, 0)).toBe('x: open failed: ECONNREFUSED');
  });
});
