import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ProjectProcess } from './support/project-process';
import { checkFigure } from './support/check-figures';
import { saveScreenshot } from './support/screenshots';

/**
 * Build a site from the app alone, as a technician does it on a new site: scan the network,
 * open a new site with the inverter found, test its connection (live values and the serial
 * from SunSpec model 1), take the meter from the same scan and its profile from the library
 * (searched, its sources opened), set the BMS and the control settings with their inline
 * messages, save, and switch to it; then start it, run the meter sign and inverter step
 * checks on it, and download the report, which names the inverter's serial. The simulated
 * inverter's ramp and dead time are set, so the measured figures can be held to them.
 */

/** What the simulated inverter is told; inverterStep must measure it back. */
const SIM_RAMP_W_PER_S = 1000;
const SIM_DELAY_S = 0.5;

const LOCALHOST = '127.0.0.1';

test('scan, new site with the found inverter, test connections, pick profiles, save, activate, check, report', async ({
  ui,
}, testInfo) => {
  test.setTimeout(300_000);
  // Port 0: the simulator binds free ports and names them in its ready line.
  const sim = new ProjectProcess('sim-sunspec', 'src/main/sim/cli.ts', [
    ...['--sunspec', '--seed', '5', '--meter-port', '0', '--inverter-port', '0'],
    ...['--can-port', '0', '--inverter-ramp', `${SIM_RAMP_W_PER_S}`],
    ...['--inverter-delay', `${SIM_DELAY_S}`, '--inverter-lag', '0'],
    // Evening: no PV, so the form's 4 kW export limit leaves the discharge step whole.
    ...['--time', '20:00'],
  ]);
  const field = (path: string) => ui.id(`site-field-${path}`);
  const error = (path: string) => ui.id(`site-error-${path}`);
  try {
    const ready = JSON.parse(
      await sim.waitForLine('stdout', (l) => l.includes('"ready":true'), 60_000),
    ) as { meterPort: number; inverterPort: number; canPort: number };
    const ports = { meter: ready.meterPort, inverter: ready.inverterPort, can: ready.canPort };
    await ui.show('devices');
    await ui.id('scan-targets').fill(LOCALHOST);
    await ui.id('scan-ports').fill(`${ports.inverter}, ${ports.meter}`);
    await ui.id('scan-unitIds').fill('1');
    await ui.id('btn-scan').click();
    await expect(ui.id('scan-progress')).toContainText('2 of 2 units probed, 2 found, done');
    const inverterRow = ui.id('scan-row').filter({ hasText: `${ports.inverter}` });
    await inverterRow.getByTestId('btn-use-as-inverter').click();

    // The Sites screen opens a new site with the unit and the suggested profile filled in.
    await expect(ui.page.getByRole('heading', { name: 'New site' })).toBeVisible();
    await expect(field('inverter.host')).toHaveValue(LOCALHOST);
    await expect(field('inverter.port')).toHaveValue(`${ports.inverter}`);
    await expect(field('inverter.profile')).toHaveValue('sunspec-storage-124');
    await ui.id('btn-try-inverter').click();
    await expect(ui.id('try-serial-inverter')).toHaveText('SIM-INV-5', { timeout: 20_000 });
    await expect(ui.id('try-result-inverter')).toContainText(/SOC \d+(\.\d)? %/);
    await expect(ui.id('try-result-inverter')).toContainText('round trip');

    // The meter from the same scan; its profile searched in the library.
    await ui.id('site-found-meter').selectOption(`${LOCALHOST}:${ports.meter}:1`);
    await expect(field('meter.port')).toHaveValue(`${ports.meter}`);
    await field('meter.profile').fill('wye');
    const option = ui.id('profile-option').filter({ hasText: 'sunspec-meter-203' });
    await expect(ui.id('profile-option')).toHaveCount(1);
    await expect(option).toContainText('unverified');
    await option.getByText('Sources').click();
    await expect(option.locator('details')).toHaveAttribute('open', '');
    await option.getByRole('button', { name: 'sunspec-meter-203' }).click();
    await expect(field('meter.profile')).toHaveValue('sunspec-meter-203');
    await ui.id('btn-try-meter').click();
    await expect(ui.id('try-serial-meter')).toHaveText('SIM-MTR-5', { timeout: 20_000 });
    await expect(ui.id('try-result-meter')).toContainText(/Grid power \(\+ import\) -?\d/);
    await ui.id('btn-try-inverter').click();
    await expect(ui.id('try-serial-inverter')).toHaveText('SIM-INV-5', { timeout: 20_000 });
    await ui.expectNoSideScroll();
    await saveScreenshot(ui.page, testInfo, 'build-site-tested', { fullPage: true });
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await expect(ui.id('try-serial-meter')).toBeAttached();
    await ui.expectNoSideScroll();
    await ui.page.setViewportSize({ width: 1280, height: 800 });

    // The BMS over the simulator's socketcand gateway, its profile from the library.
    await field('bms.transport.type').selectOption('socketcand');
    await field('bms.transport.host').fill(LOCALHOST);
    await field('bms.transport.port').fill(`${ports.can}`);
    await field('bms.profile').fill('pylon');
    await ui
      .id('profile-option')
      .filter({ hasText: 'pylontech-v1.2' })
      .getByRole('button', { name: 'pylontech-v1.2' })
      .click();
    await expect(field('bms.profile')).toHaveValue('pylontech-v1.2');

    // Control settings, with the schema's message for a window that is upside down.
    await field('name').fill('Built from a scan');
    await field('inverter.ratedChargeW').fill('5000');
    await field('inverter.ratedDischargeW').fill('5000');
    await field('control.socMinPct').fill('96');
    await expect(error('control.socMinPct')).toHaveText('socMinPct must be below socMaxPct');
    await field('control.socMinPct').fill('15');
    await expect(error('control.socMinPct')).toHaveCount(0);
    await field('control.gridExportLimitW').fill('4000');
    await ui.id('btn-save-site').click();

    const row = ui.page.locator('[data-testid^="site-built-from-a-scan-"]');
    await expect(row).toHaveCount(1);
    await row.getByTestId('btn-switch-site').click();
    await ui.id('btn-confirm').click();
    await expect(ui.id('site-name')).toHaveText('Built from a scan', { timeout: 30_000 });
    await expect(ui.id('state-badge')).toHaveAttribute('data-state', 'STOP', { timeout: 20_000 });

    // Outside STOP the test is off (the control loop has the devices).
    await ui.show('live');
    await ui.start();
    await ui.show('sites');
    await row.getByTestId('btn-edit-site').click();
    await expect(ui.id('btn-try-meter')).toBeDisabled();

    // Test the site it built: the checks run on the devices found by the scan.
    await expect(ui.id('state-badge')).toHaveAttribute('data-state', 'STANDBY', {
      timeout: 30_000,
    });
    await ui.show('checks');
    await ui.id('run-meterSign').click();
    await ui.id('btn-confirm').click();
    await expect(ui.id('check-meterSign-status')).toHaveText('pass', { timeout: 90_000 });
    await ui.id('run-inverterStep').click();
    await ui.id('btn-confirm').click();
    await expect(ui.id('check-inverterStep-status')).toHaveText('pass', { timeout: 90_000 });
    // Dead time plus up to one poll (250 ms) to see the move; the ramp as configured (lag 0).
    const delay = await checkFigure(ui, 'inverterStep', 'delayS');
    expect(delay).toBeGreaterThanOrEqual(SIM_DELAY_S);
    expect(delay).toBeLessThanOrEqual(SIM_DELAY_S + 0.5);
    const ramp = await checkFigure(ui, 'inverterStep', 'rampWPerS');
    expect(ramp).toBeGreaterThan(0.85 * SIM_RAMP_W_PER_S);
    expect(ramp).toBeLessThan(1.1 * SIM_RAMP_W_PER_S);

    await saveScreenshot(ui.page, testInfo, 'checks-built-site');
    await ui.id('report-technician').fill('Ann Example');
    const [download] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.id('report-download').click(),
    ]);
    const html = await readFile((await download.path()) ?? '', 'utf8');
    expect(html).toContain('SIM-INV-5');
    expect(html).toContain('sunspec-storage-124');
    for (const id of ['meterSign', 'inverterStep']) expect(html).toContain(`id="check-${id}"`);
    // The report as a browser shows it (it is self-contained: no script, no link out).
    const report = await ui.page.context().newPage();
    await report.setViewportSize({ width: 1280, height: 800 });
    await report.setContent(html);
    await saveScreenshot(report, testInfo, 'commissioning-report');
    await report.close();
  } finally {
    await sim.stop();
  }
});
