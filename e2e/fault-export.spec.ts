import { expect, test } from './fixtures';
import { downloadCsv } from './support/csv-download';

/**
 * Fault inspection with the simulator's own fault console (`meterSilent on|off` on its
 * stdin: the meter stops answering Modbus but its socket stays open, a different failure
 * from a dead process): the log records raise and clear, each entry shows the seconds
 * before it, and both exports on the faults screen save CSV files.
 */

const FAULT_HEADER =
  'time,code,kind,message,grid_w,grid_age_ms,inverter_w,inverter_age_ms,soc_pct,bms_age_ms,bms_alarms';

test('faults screen: log, inspection and CSV export after a silent meter', async ({
  ui,
  site,
  bridgeFrames,
}) => {
  await ui.startSelfConsumption();
  await bridgeFrames.waitForPushes('history', 3); // a few seconds of trend before the fault
  site.sim().send('meterSilent on');
  await ui.expectState('FAULT', 3000);
  await expect(ui.id('live-setpoint-w')).toHaveAttribute('data-value', '0');
  site.sim().send('meterSilent off');
  await ui.expectState('STANDBY', 15_000);

  await ui.show('faults');
  const rows = ui.id('fault-log-row').filter({ hasText: 'METER_COMM_LOSS' });
  await expect(rows).toHaveCount(2);
  // Newest first: cleared above raised.
  await expect(rows.nth(0)).toContainText('cleared');
  await expect(rows.nth(1)).toContainText('raised');
  await expect(ui.id('btn-ack-fault')).toBeDisabled(); // a comm loss clears by itself

  await rows.nth(1).locator('button').click();
  await expect(rows.nth(1).locator('button')).toHaveAttribute('aria-pressed', 'true');
  const context = ui.id('fault-context-chart');
  expect(Number(await context.getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
  await expect(context.locator('svg').first()).toBeVisible();

  const faults = await downloadCsv(ui.page, ui.id('btn-export-faults-csv'));
  expect(faults.fileName).toMatch(/^ems-faults-.*\.csv$/);
  expect(faults.lines[0]).toBe(FAULT_HEADER);
  const meterLines = faults.lines.filter((l) => l.includes(',METER_COMM_LOSS,'));
  expect(meterLines.map((l) => l.split(',')[2])).toEqual(['raised', 'cleared']);
});
