import { describe, expect, it } from 'vitest';
import { runConsoleCommand } from './sim-console';
import { SiteModel } from './site-model';

describe('bmsNoDischarge: the simulated BMS withdraws its discharge permission', () => {
  it('drops the discharge enable flag only; DCL, charge and alarms stay as they were', () => {
    const model = new SiteModel({ startAt: 0, initialSocPct: 60 });
    const before = model.battery.bmsReading();
    expect(before.dischargeEnabled).toBe(true);
    expect(runConsoleCommand('bmsNoDischarge on', model)).toBe('bmsNoDischarge on');
    const blocked = model.battery.bmsReading();
    expect(blocked).toMatchObject({ dischargeEnabled: false, chargeEnabled: true, alarms: [] });
    expect(blocked.dischargeCurrentLimitA).toBe(before.dischargeCurrentLimitA);
    expect(model.battery.powerBounds().maxDischargeW).toBe(0);
    expect(runConsoleCommand('bmsNoDischarge off', model)).toBe('bmsNoDischarge off');
    expect(model.battery.bmsReading().dischargeEnabled).toBe(true);
  });
});
