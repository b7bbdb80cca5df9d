import { findFreePort } from '../src/main/sim/free-port';
import { expect, test } from './fixtures';
import { ProjectProcess } from './support/project-process';
import { saveScreenshot } from './support/screenshots';

/**
 * Build a site from the app alone, as a technician does it on a new site: scan the network,
 * open a new site with the inverter found, test its connection (live values and the serial
 * from SunSpec model 1), take the meter from the same scan and its profile from the library
 * (searched, its sources opened), set the BMS and the control settings with their inline
 * messages, save, and switch to it.
 */

const LOCALHOST = '127.0.0.1';

test('scan, new site with the found inverter, test connections, pick profiles, save, activate', async ({
  ui,
}, testInfo) => {
  test.setTimeout(180_000);
  const ports = {
    meter: await findFreePort(LOCALHOST),
    inverter: await findFreePort(LOCALHOST),
    can: await findFreePort(LOCALHOST),
  };
  const sim = new ProjectProcess('sim-sunspec', 'src/main/sim/cli.ts', [
    '--sunspec',
    '--seed',
    '5',
    '--meter-port',
    `${ports.meter}`,
    '--inverter-port',
    `${ports.inverter}`,
    '--can-port',
    `${ports.can}`,
  ]);
  const field = (path: string) => ui.id(`site-field-${path}`);
  const error = (path: string) => ui.id(`site-error-${path}`);
  try {
    await sim.waitForLine('stdout', (l) => l.includes('"ready":true'), 60_000);
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
  } finally {
    await sim.stop();
  }
});
