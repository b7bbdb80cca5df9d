import { expect, test } from './fixtures';

/**
 * The host's built-in simulated site (no --site: meter and inverter over Modbus TCP on
 * loopback, a BMS over an in-memory CAN bus): the live view shows the BMS's voltage, current,
 * temperature and limits as live values, and all three links healthy.
 */
test.use({ siteOptions: { simArgs: [], layout: 'built-in' } });

/** Values in the BMS panel: voltage, current, temperature, SOH, two limits, two flags, alarms, warnings. */
const BMS_VALUES = 10;

test('live view with a CAN BMS: pack values, limits and three healthy links', async ({
  ui,
  bridgeFrames,
}, testInfo) => {
  await ui.startSelfConsumption();
  for (const link of ['link-meter', 'link-inverter', 'link-bms'])
    await expect(ui.id(link)).toHaveAttribute('data-health', 'ok');
  // Every value in the panel is live (no stale mark), whatever the labels say.
  const panel = ui.page.getByRole('region', { name: 'Battery (BMS)' });
  const values = panel.locator('[data-stale]');
  await expect(values).toHaveCount(BMS_VALUES);
  for (let i = 0; i < BMS_VALUES; i++) {
    await expect(values.nth(i)).toHaveAttribute('data-stale', 'false');
    await expect(values.nth(i)).not.toHaveText('\u2014');
  }
  await expect(panel).toContainText(/\d+\.\d\sV/); // pack voltage (a no-break space keeps the unit on its line)
  await expect(panel).toContainText(/\d+\.\d\sA/); // current and its limits
  await expect(panel).toContainText(/°C/);
  await expect(ui.page.getByText('from the BMS')).toBeVisible();
  const soc = Number(await ui.id('live-soc').getAttribute('data-value'));
  expect(soc).toBeGreaterThan(0);
  expect(soc).toBeLessThanOrEqual(100);
  // Let the control settle a moment (three trend samples) so the picture shows a working site.
  await bridgeFrames.waitForPushes('history', 3);
  await ui.capture(testInfo, 'live-bms');
});
