import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { checkFigure } from './support/check-figures';
import { saveScreenshot } from './support/screenshots';

/**
 * Commissioning checks from the UI, end to end: the simulator as its own process with a
 * known inverter (ramp 1000 W/s, dead time 0.5 s, a watchdog that reverts to 0 W), the
 * headless host controlling it through a site file, the Checks screen in Chromium. The
 * technician starts the EMS, runs inverterStep and watchdog after the confirmation, reads
 * their figures, types a name and downloads the report.
 */
test.use({
  siteOptions: {
    simArgs: ['--inverter-ramp', '1000', '--inverter-delay', '0.5', '--watchdog-revert', 'zero'],
    layout: 'one-process',
  },
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
  { width: 390, height: 844 },
] as const;

test('run checks from the Checks screen and download the report', async ({
  ui,
  site,
}, testInfo) => {
  test.setTimeout(240_000);
  await ui.show('checks');
  // Outside STANDBY the screen says so, and the host refuses a check with the reason.
  await expect(ui.id('checks-not-standby')).toContainText('STOP');
  await ui.id('run-inverterStep').click();
  await ui.id('btn-confirm').click();
  await expect(ui.id('checks-error')).toContainText('only with the EMS started and in STANDBY');

  await ui.show('live');
  await ui.start();
  await ui.expectState('STANDBY', 15_000);
  await ui.show('checks');

  await ui.id('run-inverterStep').click();
  await expect(ui.id('confirm-dialog')).toContainText('Inverter step response');
  await ui.id('btn-confirm').click();
  await expect(ui.id('check-inverterStep-progress')).toBeVisible();
  // A second check while one runs: refused with the reason (REST with this browser's session).
  const again = await ui.page.request.post(`${site.url}api/commissioning/checks`, {
    data: { check: 'watchdog', confirmed: true },
  });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain('already running');
  await expect(ui.id('check-inverterStep-status')).toHaveText('pass', { timeout: 90_000 });
  const delay = await checkFigure(ui, 'inverterStep', 'delayS');
  const ramp = await checkFigure(ui, 'inverterStep', 'rampWPerS');
  // The simulator's dead time is 0.5 s and its ramp 1000 W/s (with its 0.3 s lag).
  expect(delay).toBeGreaterThanOrEqual(0.5);
  expect(delay).toBeLessThan(1.5);
  expect(ramp).toBeGreaterThan(700);
  expect(ramp).toBeLessThan(1150);
  await saveScreenshot(ui.page, testInfo, 'checks-inverter-step');

  await ui.id('run-watchdog').click();
  await ui.id('btn-confirm').click();
  await expect(ui.id('check-watchdog-status')).toHaveText('pass', { timeout: 90_000 });
  const revert = await checkFigure(ui, 'watchdog', 'revertS');
  expect(revert).toBeGreaterThanOrEqual(10);
  expect(revert).toBeLessThan(15);
  await expect(ui.id('check-watchdog-figures')).toContainText('zero');
  // Back in STANDBY at 0 W (the top bar's badge shows the state on every screen).
  await expect(ui.id('state-badge')).toHaveAttribute('data-state', 'STANDBY');
  expect((await site.inverterTruth()).setpointW).toBe(0);

  await ui.id('report-technician').fill('Ann Example');
  await ui.id('report-notes').fill('Roof west, inverter in the garage.');
  const [download] = await Promise.all([
    ui.page.waitForEvent('download'),
    ui.id('report-download').click(),
  ]);
  const html = await readFile((await download.path()) ?? '', 'utf8');
  for (const id of ['meterSign', 'inverterStep', 'watchdog', 'bmsLink', 'commLoss'])
    expect(html).toContain(`id="check-${id}"`);
  expect(html).toContain('Ann Example');
  expect(html).toContain('sim-inverter');
  expect(html).not.toMatch(/<script/i);

  for (const size of SIZES) {
    await ui.page.setViewportSize(size);
    await ui.expectNoSideScroll();
    await saveScreenshot(ui.page, testInfo, `checks-${size.width}x${size.height}`);
  }
});
