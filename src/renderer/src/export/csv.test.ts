import { describe, expect, it } from 'vitest';
import type { FaultLogView } from '../../../shared/fault-view';
import { csvCell, exportFileName, faultLogCsv, toCsv, trendCsv } from './csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes numbers as they are and unknown as empty', () => {
    expect(csvCell(-408.5)).toBe('-408.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM')).toBe("'@SUM");
  });
});

describe('toCsv', () => {
  it('joins rows with CRLF and ends with one', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, 'y,z'],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n,"y,z"\r\n');
  });
});

const entry: FaultLogView = {
  time: '2026-11-29T10:39:00.000Z',
  code: 'BMS_PROTECTION_ALARM',
  kind: 'raised',
  message: 'BMS protection alarm: CELL_OVER_VOLTAGE, "pack 3"',
  measurements: {
    gridW: -214,
    gridAgeMs: 800,
    inverterW: null,
    inverterAgeMs: null,
    socPct: 50.1,
    bmsAgeMs: 120,
    bmsAlarms: ['CELL_OVER_VOLTAGE', 'OVER_TEMPERATURE'],
  },
  before: [],
};

describe('faultLogCsv', () => {
  it('writes a header and one quoted row per entry', () => {
    const lines = faultLogCsv([entry]).split('\r\n');
    expect(lines[0]).toBe(
      'time,code,kind,message,grid_w,grid_age_ms,inverter_w,inverter_age_ms,soc_pct,bms_age_ms,bms_alarms',
    );
    expect(lines[1]).toBe(
      '2026-11-29T10:39:00.000Z,BMS_PROTECTION_ALARM,raised,"BMS protection alarm: CELL_OVER_VOLTAGE, ""pack 3""",-214,800,,,50.1,120,CELL_OVER_VOLTAGE OVER_TEMPERATURE',
    );
    expect(lines).toHaveLength(3);
  });
});

describe('trendCsv', () => {
  it('writes min and max of every series per bucket', () => {
    const csv = trendCsv(
      [
        {
          t: Date.UTC(2026, 10, 29, 10, 0, 0),
          gridW: [-10, 20],
          inverterW: null,
          soc: [50, 50.2],
          setpointW: [0, 0],
          pvW: null,
          loadW: [900, 1200],
        },
      ],
      10_000,
    );
    expect(csv).toBe(
      'time,bucket_ms,grid_w_min,grid_w_max,battery_w_min,battery_w_max,soc_pct_min,soc_pct_max,setpoint_w_min,setpoint_w_max,pv_w_min,pv_w_max,load_w_min,load_w_max\r\n' +
        '2026-11-29T10:00:00.000Z,10000,-10,20,,,50,50.2,0,0,,,900,1200\r\n',
    );
  });
});

describe('exportFileName', () => {
  it('stamps the UTC time without colons', () => {
    expect(exportFileName('faults', new Date(Date.UTC(2026, 10, 29, 10, 18, 21)))).toBe(
      'ems-faults-2026-11-29T10-18-21.csv',
    );
  });
});
