import { describe, expect, it } from 'vitest';
import { addStep, EMPTY_PROGRESS } from './discovery-progress';

describe('discovery progress', () => {
  it('lists bases and models, folds reads into one line and ends on done', () => {
    let p = EMPTY_PROGRESS;
    p = addStep(p, { kind: 'base', base: 40000, found: false, detail: 'exception 2' });
    p = addStep(p, { kind: 'base', base: 0, found: true, detail: '' });
    p = addStep(p, { kind: 'model', index: 0, id: 1, address: 2, length: 66, known: true });
    p = addStep(p, { kind: 'model', index: 1, id: 64001, address: 70, length: 4, known: false });
    p = addStep(p, { kind: 'read', address: 4, count: 66, registersRead: 66, registersTotal: 70 });
    p = addStep(p, { kind: 'read', address: 72, count: 4, registersRead: 70, registersTotal: 70 });
    expect(p.finished).toBe(false);
    p = addStep(p, { kind: 'done', models: 2, registersRead: 70 });
    expect(p.lines).toEqual([
      "no 'SunS' at 40000 (exception 2)",
      "'SunS' found at 0",
      'model 1 at 2, length 66',
      'model 64001 at 70, length 4 (unknown: listed raw)',
      'reading 4 registers at 72 (70/70)',
      'done: 2 models, 70 registers read',
    ]);
    expect(p.registers).toEqual({ read: 70, total: 70 });
    expect(p.finished).toBe(true);
  });

  it('finishes on failure without repeating the reason (the screen shows it once)', () => {
    let p = addStep(EMPTY_PROGRESS, { kind: 'base', base: 0, found: false, detail: 'held 0x0000' });
    p = addStep(p, { kind: 'failed', detail: "no SunSpec marker 'SunS' found" });
    expect(p).toMatchObject({ finished: true, lines: ["no 'SunS' at 0 (held 0x0000)"] });
  });
});
