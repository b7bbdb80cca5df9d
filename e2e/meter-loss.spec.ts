import { expect, test } from './fixtures';

/**
 * The grid meter stops (its simulator process is killed, like a meter losing power): within
 * 3 s the UI shows FAULT, a 0 W setpoint, a stale grid value and a fault-log entry, and the
 * simulated inverter's own setpoint register is 0 W. The meter comes back: STANDBY.
 */
test.use({ siteOptions: { simArgs: [], layout: 'split-meter' } });

const FAULT_WITHIN_MS = 3000;

/** The fault log's "YYYY-MM-DD HH:MM:SS" (local time) as ms since the epoch. */
function localTime(text: string): number {
  const m = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (m === null) throw new Error(`no date and time in "${text}"`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(y, mo - 1, d, h, mi, s).getTime();
}

test('meter stopped: FAULT, 0 W and a fault-log entry within 3 s; restarted: STANDBY', async ({
  ui,
  site,
}, testInfo) => {
  await ui.startSelfConsumption();
  // Evening house load: the battery discharges, so "0 W" below is a change, not a default.
  await expect
    .poll(async () => (await site.inverterTruth()).setpointW, { timeout: 15_000 })
    .toBeGreaterThan(200);

  const killedAt = Date.now();
  site.killMeter();
  const left = (): number => Math.max(1, killedAt + FAULT_WITHIN_MS - Date.now());

  await ui.expectState('FAULT', left());
  testInfo.annotations.push({
    type: 'FAULT shown after kill, ms',
    description: String(Date.now() - killedAt),
  });
  await expect(ui.id('live-setpoint-w')).toHaveAttribute('data-value', '0', { timeout: left() });
  await expect(ui.id('live-grid-w')).toHaveAttribute('data-stale', 'true', { timeout: left() });
  await expect(ui.id('live-grid-w')).toHaveText('\u2014');
  await expect(ui.id('link-meter')).toHaveAttribute('data-health', 'lost', { timeout: left() });
  await expect
    .poll(async () => (await site.inverterTruth()).setpointW, { timeout: left() })
    .toBe(0);
  await ui.capture(testInfo, 'live-fault');

  // The entry was logged within 3 s of the kill (its time, to the second, says when).
  await ui.show('faults');
  const raised = ui
    .id('fault-log-row')
    .filter({ hasText: 'METER_COMM_LOSS' })
    .filter({ hasText: 'raised' });
  await expect(raised).toHaveCount(1, { timeout: Math.max(1000, left()) });
  const loggedAt = localTime(await raised.locator('td').first().innerText());
  expect(loggedAt).toBeGreaterThanOrEqual(Math.floor(killedAt / 1000) * 1000);
  expect(loggedAt).toBeLessThanOrEqual(killedAt + FAULT_WITHIN_MS);
  await expect(ui.id('active-faults')).toContainText('METER_COMM_LOSS');
  // Inspect it: what the EMS knew, and the seconds before.
  await raised.first().click();
  await expect(ui.id('fault-context-chart')).toBeVisible();
  await expect(ui.id('fault-context-chart').locator('svg').first()).toBeVisible();
  await ui.capture(testInfo, 'faults');

  await site.restartMeter();
  await ui.show('live');
  await ui.expectState('STANDBY', 15_000);
  await expect(ui.id('link-meter')).toHaveAttribute('data-health', 'ok');
  await expect(ui.id('live-grid-w')).toHaveAttribute('data-stale', 'false');
  await ui.show('faults');
  await expect(
    ui.id('fault-log-row').filter({ hasText: 'METER_COMM_LOSS' }).filter({ hasText: 'cleared' }),
  ).toHaveCount(1);
  await expect(ui.id('active-faults')).toContainText('No active faults');
  // What happened and what to do now, until a mode is chosen again (issue 13, item 5).
  await expect(ui.id('recovery-banner')).toContainText('METER_COMM_LOSS');
  await expect(ui.id('recovery-banner')).toContainText('Choose a mode again');
  await ui.show('live');
  await ui.chooseMode('SELF_CONSUMPTION');
  await ui.expectState('SELF_CONSUMPTION', 15_000);
  await expect(ui.id('recovery-banner')).toHaveCount(0);
});
