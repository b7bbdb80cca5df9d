import type { EmsSnapshot } from '../../../shared/snapshot';

/** The once-a-second line the headless host prints on stdout (flat fields, documented in the README). */
export interface StatusLine {
  readonly time: string;
  readonly state: EmsSnapshot['state'];
  readonly mode: EmsSnapshot['mode'];
  readonly gridW: number | null;
  readonly inverterW: number | null;
  readonly soc: number | null;
  readonly setpointW: number;
  readonly limitedBy: string;
  readonly modbusOk: boolean;
  readonly canOk: boolean | null;
  readonly faults: readonly string[];
  readonly pendingMode?: string;
  readonly bms?: {
    voltageV: number | null;
    currentA: number | null;
    temperatureC: number | null;
    cclA: number | null;
    dclA: number | null;
  };
  readonly warnings?: readonly string[];
}

/** Flattens a snapshot into the status line; a stale or unknown value stays null. */
export function toStatusLine(s: EmsSnapshot): StatusLine {
  // Setpoint is exactly 0 outside the active states; the core guarantees it, the line states it plainly.
  const active = s.state === 'SELF_CONSUMPTION' || s.state === 'EXTERNAL_CONTROL';
  return {
    time: s.time,
    state: s.state,
    mode: s.mode,
    gridW: s.gridW,
    inverterW: s.inverterW,
    soc: s.soc,
    setpointW: active ? s.setpointW : 0,
    limitedBy: s.limitedBy,
    modbusOk: s.modbusOk,
    canOk: s.canOk,
    faults: s.faults.map((f) => f.code),
    ...(s.pendingMode ? { pendingMode: s.pendingMode } : {}),
    ...(s.bms
      ? {
          bms: {
            voltageV: s.bms.voltageV,
            currentA: s.bms.currentA,
            temperatureC: s.bms.temperatureC,
            cclA: s.bms.chargeCurrentLimitA,
            dclA: s.bms.dischargeCurrentLimitA,
          },
        }
      : {}),
    ...(s.warnings.length > 0 ? { warnings: s.warnings } : {}),
  };
}
