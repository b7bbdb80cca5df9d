import { expect, test } from './fixtures';

/**
 * CHARGE_ONLY at 2000 W through the override box and the confirmation dialog: the simulated
 * battery charges (read from the simulator's own registers), the banner says so, and one
 * click returns to SELF_CONSUMPTION. The simulator runs at 30x so the SOC visibly moves
 * (2 kW into 10 kWh is 0.17 %/s at 30x; at 1x the 0.1 % register would need 18 s).
 */
test.use({ siteOptions: { simArgs: ['--speed', '30'], layout: 'one-process' } });

const OVERRIDE_W = 2000;

test('CHARGE_ONLY at 2000 W charges the simulated battery; one click back to SELF_CONSUMPTION', async ({
  ui,
  site,
  bridgeFrames,
}, testInfo) => {
  await ui.startSelfConsumption();

  // Choose the override; nothing may be sent before the operator confirms.
  const before = Date.now();
  await ui.id('mode-select').selectOption('CHARGE_ONLY');
  await ui.typeOverride(String(OVERRIDE_W));
  const dialog = ui.id('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/charge/i);
  await expect(dialog).toContainText('2.00 kW');
  await expect(ui.id('btn-cancel')).toBeFocused();
  await ui.capture(testInfo, 'control-confirm');
  expect(bridgeFrames.commandsSince(before), 'sent before confirmation').toEqual([]);

  await ui.id('btn-confirm').click();
  await expect(dialog).toBeHidden();
  await ui.expectMode('CHARGE_ONLY');
  await expect(ui.id('override-banner')).toBeVisible();
  await expect(ui.id('override-banner')).toContainText('2.00 kW');
  // Mode and power travel as one command, so neither can land without the other.
  expect(bridgeFrames.commandsSince(before).map((r) => r.commandType)).toEqual(['setMode']);

  // The truth: the simulated inverter charges, and its battery's SOC rises.
  await expect
    .poll(async () => (await site.inverterTruth()).activePowerW, { timeout: 10_000 })
    .toBeLessThan(-1500);
  const socBefore = (await site.inverterTruth()).socPct;
  await expect
    .poll(async () => (await site.inverterTruth()).socPct, { timeout: 10_000 })
    .toBeGreaterThan(socBefore + 0.2);
  const setpoint = (await site.inverterTruth()).setpointW;
  expect(setpoint).toBeGreaterThanOrEqual(-OVERRIDE_W - 1);
  expect(setpoint).toBeLessThan(-1500);

  // The UI says the same as the simulator.
  await expect.poll(() => ui.watts('live-setpoint-w')).toBeLessThan(-1500);
  await expect.poll(() => ui.watts('live-battery-w')).toBeLessThan(-1500);
  await expect(ui.id('live-battery-w')).toContainText('charging');
  const shownSoc = Number(await ui.id('live-soc').getAttribute('data-value'));
  await expect
    .poll(async () => Number(await ui.id('live-soc').getAttribute('data-value')), {
      timeout: 10_000,
    })
    .toBeGreaterThan(shownSoc);
  await ui.capture(testInfo, 'live-override');

  // One click back; the inverter leaves the charge override.
  await ui.id('btn-back-to-self-consumption').click();
  await ui.expectMode('SELF_CONSUMPTION');
  await expect(ui.id('override-banner')).toBeHidden();
  await expect
    .poll(async () => (await site.inverterTruth()).setpointW, { timeout: 10_000 })
    .toBeGreaterThan(-1000);
});
