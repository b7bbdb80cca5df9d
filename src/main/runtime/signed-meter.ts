import type { MeterPort } from './device-ports';

/**
 * The meter with the site's sign correction applied (site file `meter.powerSign`): a meter
 * or CT mounted the other way reads export as import, and this turns it around before the
 * core sees it. Sign 1 hands the meter through unchanged. The meter's own energy counters
 * swap too: what such a meter counts as import was fed into the grid.
 */
export function signedMeter(meter: MeterPort, sign: 1 | -1 | undefined): MeterPort {
  if (sign === undefined || sign === 1) return meter;
  return {
    get label() {
      return meter.label;
    },
    get lastReadRequests() {
      return meter.lastReadRequests;
    },
    read: async () => {
      const r = await meter.read();
      return {
        ...r,
        gridW: r.gridW * sign + 0,
        importWh: r.exportWh ?? null,
        exportWh: r.importWh ?? null,
      };
    },
    close: () => meter.close(),
  };
}
