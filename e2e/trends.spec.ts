import { expect, test } from './fixtures';
import type { EmsUi } from './support/ems-ui';
import { downloadCsv } from './support/csv-download';

/**
 * The trends screen draws a chart for each window (5 min, 1 h, 24 h) from the host's ring
 * buffer, pauses, and exports the trend as CSV. A fresh host has seconds of history: the
 * 5 min window fills at once, the 1 h one closes a 10 s bucket within 10 s, and the 24 h one
 * (120 s buckets) may still have no closed bucket; its chart is drawn with its axes.
 */

async function points(ui: EmsUi): Promise<number> {
  return Number(await ui.id('trend-chart').getAttribute('data-points'));
}

async function chooseWindow(ui: EmsUi, window: '5m' | '1h' | '24h'): Promise<void> {
  await ui.id(`trends-window-${window}`).click();
  await expect(ui.id(`trends-window-${window}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(ui.id('trend-chart').locator('svg.recharts-surface').first()).toBeVisible();
}

test('trends: a chart for each window, pause, CSV export', async ({
  ui,
  bridgeFrames,
}, testInfo) => {
  await ui.startSelfConsumption();
  await ui.show('trends');

  await chooseWindow(ui, '5m');
  await expect.poll(() => points(ui), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
  // Grid, battery, setpoint, house load and SOC, each a drawn line; this site's inverter has
  // no PV point, so PV has no line (and its energy reads "—").
  await expect(ui.id('trend-chart').locator('path.recharts-line-curve[d]')).toHaveCount(5);
  await expect(ui.id('energy-strip')).toContainText('Imported');
  await expect(ui.id('energy-pv')).toHaveText('PV \u2014');
  await ui.capture(testInfo, 'trends-5m');

  // Paused: the view holds still while samples keep arriving underneath.
  await ui.id('btn-trends-pause').click();
  await expect(ui.id('btn-trends-pause')).toHaveAttribute('aria-pressed', 'true');
  const held = await points(ui);
  const chartBefore = await ui
    .id('trend-chart')
    .locator('path.recharts-line-curve')
    .first()
    .getAttribute('d');
  await bridgeFrames.waitForPushes('history', 3);
  expect(await points(ui)).toBe(held);
  expect(
    await ui.id('trend-chart').locator('path.recharts-line-curve').first().getAttribute('d'),
  ).toBe(chartBefore);
  await ui.id('btn-trends-pause').click();
  await expect(ui.id('btn-trends-pause')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => points(ui)).toBeGreaterThan(held);

  const csv = await downloadCsv(ui.page, ui.id('btn-export-trend-csv'));
  expect(csv.fileName).toMatch(/^ems-trend-5m-.*\.csv$/);
  expect(csv.lines[0]).toBe(
    'time,bucket_ms,grid_w_min,grid_w_max,battery_w_min,battery_w_max,soc_pct_min,soc_pct_max,setpoint_w_min,setpoint_w_max,pv_w_min,pv_w_max,load_w_min,load_w_max',
  );
  expect(csv.lines.length).toBeGreaterThan(held);
  expect(csv.lines[1]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z,1000,/);

  await chooseWindow(ui, '24h');
  await expect(ui.page.getByText(/points of 120 s/)).toBeVisible();
  await ui.capture(testInfo, 'trends-24h');

  await chooseWindow(ui, '1h');
  await expect(ui.page.getByText(/points of 10 s/)).toBeVisible();
  await expect.poll(() => points(ui), { timeout: 25_000 }).toBeGreaterThanOrEqual(2);
  await expect(ui.id('trend-chart').locator('path.recharts-line-curve[d]')).toHaveCount(5);
  // No time label twice in a row (the 1 h axis used to repeat "HH:MM").
  const labels = (
    await ui.id('trend-chart').locator('text.recharts-cartesian-axis-tick-value').allTextContents()
  ).filter((l) => /^\d\d:\d\d/.test(l));
  expect(labels.length).toBeGreaterThan(1);
  expect(labels.filter((l, i) => l === labels[i - 1])).toEqual([]);
  await ui.capture(testInfo, 'trends-1h');
});
