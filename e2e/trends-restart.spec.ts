import { expect, test } from './fixtures';

/**
 * What a restart of the EMS keeps: the trend of the seconds before it (read back from the
 * session store), the latest events of the earlier run, and the earlier run itself as a
 * recorded session that opens in the Trends screen.
 */

test('trends and events survive a host restart; a recorded session opens in Trends', async ({
  ui,
  site,
  page,
}, testInfo) => {
  await ui.startSelfConsumption();
  await ui.show('trends');
  const chart = ui.id('trend-chart');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(5);

  // Leave the page first: a bridge dropping under an open page is logged as a problem.
  await page.goto('about:blank');
  const restartAt = Date.now();
  const host = await site.restartHost();
  const paired = await page.request.post(`${host.url}api/pair`, {
    data: { code: host.pairingCode },
  });
  expect(paired.status(), 'pairing with the restarted host').toBe(200);
  await ui.open(host.url);

  // The earlier run's events are there, though this page never saw them pushed.
  await ui.show('faults');
  await expect(ui.id('event-list')).toContainText('start command', { timeout: 15_000 });

  await ui.show('trends');
  // The 5 min window begins before the restart: those seconds came from the session store.
  await expect
    .poll(async () => Number(await chart.getAttribute('data-first-t')), { timeout: 15_000 })
    .toBeLessThan(restartAt);
  await ui.capture(testInfo, 'trends-after-restart');

  // The earlier run opens as a recorded session, drawn with the same series.
  const source = ui.id('trends-source');
  await expect(source.locator('option', { hasText: /^Session 1,/ })).toHaveCount(1);
  await source.selectOption({
    label: (await source.locator('option', { hasText: /^Session 1,/ }).textContent()) ?? '',
  });
  const recorded = ui.id('session-trend-chart');
  await expect
    .poll(async () => Number(await recorded.getAttribute('data-points')), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(5);
  await expect(recorded.locator('path.recharts-line-curve[d]').first()).toBeVisible();
  await expect(ui.id('session-trend-summary')).toContainText('Session 1:');
  await ui.capture(testInfo, 'trends-recorded-session');
  await source.selectOption('live');
  await expect(chart).toBeVisible();
});
