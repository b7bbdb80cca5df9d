import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { csvLine, type CsvValue } from '../src/main/recording/csv-format';
import { exportCsvChunks } from '../src/main/recording/csv-export';
import { openRecordingStore } from '../src/main/recording/recording-store';
import type { CsvKind } from '../src/main/recording/recording-types';
import {
  eventAt,
  faultAt,
  manualTime,
  snapshotAt,
  tempStorePath,
} from './fixtures/recording-harness';

const T0 = Date.UTC(2025, 2, 3, 4, 5, 6, 789);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** An RFC 4180 reader written for this test: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    i += 1;
    if (quoted) {
      if (c !== '"') {
        field += c;
      } else if (next === '"') {
        field += '"';
        i += 1;
      } else {
        quoted = false;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && next === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

async function storeWithSession() {
  const tmp = tempStorePath();
  const time = manualTime(T0);
  const store = await openRecordingStore({
    path: tmp.path,
    now: time.now,
    scheduler: time.scheduler,
  });
  cleanups.push(() => store.close(), tmp.remove);
  const id = store.startSession({ siteName: 'csv', hostKind: 'headless' })!;
  return { store, id, path: tmp.path };
}

const csvOf = (chunks: Iterable<string>): string => [...chunks].join('');

describe('recording CSV export', () => {
  it('any text and number survives a line and a parse (formula starts get an apostrophe)', () => {
    const cell = fc.oneof(
      fc.string({
        unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '=', '-', '+', '@', '\t', 'ü'),
      }),
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells: CsvValue[]) => {
        const [parsed] = parseCsv(csvLine(cells));
        const expected = cells.map((c) => {
          if (c === null) return '';
          if (typeof c !== 'string') return String(c);
          return /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
        });
        expect(parsed).toEqual(expected);
      }),
    );
  });

  it('quotes commas, quotes, line breaks and edge spaces, and defuses formulas', async () => {
    const { store, id } = await storeWithSession();
    const messages = [
      'plain',
      'a, b',
      'say "hi"',
      'line 1\nline 2',
      'cr\r\nlf',
      ' padded ',
      '=HYPERLINK("x")',
      '-5 W',
      'Wechselrichter ü',
    ];
    messages.forEach((m, i) =>
      store.recordEvent(eventAt(T0 + i, m, { code: i % 2 ? 'C,1' : null })),
    );
    store.flush();
    const text = csvOf(store.exportCsv('events', id));
    expect(text.startsWith('time,kind,code,message\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['time', 'kind', 'code', 'message']);
    expect(rows.map((r) => r[3])).toEqual([
      ...messages.slice(0, 6),
      `'=HYPERLINK("x")`,
      `'-5 W`,
      'Wechselrichter ü',
    ]);
    expect(rows.map((r) => r[0])).toEqual(messages.map((_, i) => new Date(T0 + i).toISOString()));
    expect(rows[0]![0]).toBe('2025-03-03T04:05:06.789Z');
    expect(rows.map((r) => r[2])).toEqual(messages.map((_, i) => (i % 2 ? 'C,1' : '')));
  });

  it('writes snapshots with plain numbers, empty unknowns and ISO times', async () => {
    const { store, id } = await storeWithSession();
    store.recordSnapshot(
      snapshotAt(T0, {
        gridW: -2500.5,
        soc: null,
        canOk: null,
        faults: ['METER_COMM_LOSS', 'BMS_COMM_LOSS'],
        state: 'FAULT',
        setpointW: 0,
      }),
    );
    store.recordSnapshot(snapshotAt(T0 + 1000, { modbusOk: false }));
    store.flush();
    const lines = csvOf(store.exportCsv('snapshots', id)).split('\r\n');
    expect(lines).toEqual([
      'time,state,mode,grid_w,inverter_w,soc_pct,setpoint_w,limited_by,modbus_ok,can_ok,faults,pv_w,load_w',
      '2025-03-03T04:05:06.789Z,FAULT,SELF_CONSUMPTION,-2500.5,-850,,0,none,true,,METER_COMM_LOSS;BMS_COMM_LOSS,,735',
      '2025-03-03T04:05:07.789Z,SELF_CONSUMPTION,SELF_CONSUMPTION,120,-850,55.5,-900,none,false,true,,,735',
      '',
    ]);
  });

  it('writes the fault log with its measurements as JSON that parses back', async () => {
    const { store, id } = await storeWithSession();
    const fault = faultAt(T0, {
      message: 'BMS says "over-temp", cell 7',
      kind: 'raised',
      code: 'BMS_PROTECTION_ALARM',
    });
    store.recordFault({
      ...fault,
      measurements: { ...fault.measurements, bmsAlarms: ['OT', 'a,b'] },
    });
    store.flush();
    const [header, row] = parseCsv(csvOf(store.exportCsv('faults', id)));
    expect(header).toEqual(['time', 'code', 'kind', 'message', 'measurements']);
    expect(row!.slice(0, 4)).toEqual([
      new Date(T0).toISOString(),
      'BMS_PROTECTION_ALARM',
      'raised',
      'BMS says "over-temp", cell 7',
    ]);
    expect(JSON.parse(row![4]!)).toEqual({ ...fault.measurements, bmsAlarms: ['OT', 'a,b'] });
  });

  it('pages through equal times without losing or repeating a row, and names a bad kind', async () => {
    const { store, id, path } = await storeWithSession();
    // Seven events share one millisecond: the cursor must carry the row id, not only the time.
    for (let i = 0; i < 10; i++) store.recordEvent(eventAt(i < 7 ? T0 : T0 + i, `e${i}`));
    store.flush();
    const raw = new Database(path, { readonly: true });
    cleanups.unshift(() => raw.close());
    const chunks = [...exportCsvChunks(raw, 'events', id, 3)];
    expect(chunks).toHaveLength(1 + 4);
    expect(
      parseCsv(chunks.join(''))
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`));
    expect(csvOf(store.exportCsv('events', id + 1))).toBe('time,kind,code,message\r\n');
    expect(() => store.exportCsv('trades' as CsvKind, id)).toThrow(
      /CSV kind must be one of snapshots, events, faults, got trades/,
    );
    expect(() => store.exportCsv('events', Number.NaN)).toThrow(/sessionId/);
  });

  it('a slow consumer of a long export does not block the flush', async () => {
    const { store, id } = await storeWithSession();
    for (let i = 0; i < 12_000; i++) {
      store.recordEvent(eventAt(T0 + i, `e${i}`));
      if (i % 1000 === 999) store.flush();
    }
    expect(store.status().dropped).toBe(0);
    const chunks = store.exportCsv('events', id);
    chunks.next();
    chunks.next();
    // Half-way through the export, the writer still gets its transaction.
    store.recordEvent(eventAt(T0 + 20_000, 'late'));
    expect(store.flush()).toMatchObject({ rows: 1 });
    expect(store.status().lastError).toBeNull();
    const rest = [...chunks].join('');
    expect(rest.split('\r\n').filter(Boolean)).toHaveLength(12_001 - 5000);
  });
});
