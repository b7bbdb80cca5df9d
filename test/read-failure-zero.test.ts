import { describe, expect, it } from 'vitest';
import { measureReadFailure, READ_FAILURES, type ReadFailure } from './support/read-failure';

/**
 * Reads fail while writes still work (test/support/read-failure.ts): the EMS controls the
 * simulator's SunSpec inverter over real Modbus TCP through a fault proxy, discharging at
 * 1500 W, and every read of the inverter then fails one way while writes pass. The EMS must
 * fault and put 0 W on the inverter itself (the simulator's setpoint, not the EMS's view),
 * well before the inverter's own 30 s watchdog. The goal is 2 s (npm run bench:read-failure
 * prints the figures); this test holds the 5 s bound the issue allows on a loaded machine.
 */

const BOUND_MS = 5000;

describe('a read failure with writes still working puts 0 W on the inverter', () => {
  it.each(Object.keys(READ_FAILURES) as ReadFailure[])(
    '%s: INVERTER_COMM_LOSS, FAULT, 0 W within the bound',
    async (failure) => {
      const r = await measureReadFailure(failure, 15_000);
      expect(r.alteredOrDropped, 'the fault touched the reads').toBeGreaterThan(0);
      expect(r.zeroAfterMs, '0 W reached the inverter').not.toBeNull();
      expect(r.zeroAfterMs ?? Infinity).toBeLessThanOrEqual(BOUND_MS);
      expect(r.state).toBe('FAULT');
      expect(r.faults).toContain('INVERTER_COMM_LOSS');
    },
    60_000,
  );
});
