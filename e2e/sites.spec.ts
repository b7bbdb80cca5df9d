import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { saveScreenshot } from './support/screenshots';

/**
 * Managed sites through the UI only: a technician opens Sites, tries to save an empty form
 * and sees each field's problem in the schema's words, fixes a port that is out of range,
 * builds a site for the simulator in front of them, switches to it (confirmed: the running
 * site stops at 0 W), and the top bar names the new site, in STOP.
 */

interface Reach {
  host: string;
  port: number;
}

test('create a site in the form, see its validation, activate it, see its name in the top bar', async ({
  ui,
  site,
}, testInfo) => {
  test.setTimeout(120_000);
  const file = JSON.parse(await readFile(join(site.dataDir, 'site.json'), 'utf8')) as {
    meter: Reach & { profile: string };
    inverter: Reach & { profile: string; ratedChargeW: number; ratedDischargeW: number };
  };
  const field = (path: string) => ui.id(`site-field-${path}`);
  const error = (path: string) => ui.id(`site-error-${path}`);

  await ui.show('sites');
  await expect(ui.id('site-list')).toContainText('Built-in simulated site');
  await ui.id('btn-new-site').click();
  await ui.id('btn-save-site').click();
  await expect(ui.id('site-form-problems')).toBeVisible();
  await expect(error('name')).toBeVisible();
  await expect(error('meter.host')).toHaveText(/give either "host"/);
  await expect(error('inverter.ratedChargeW')).toBeVisible();

  await field('name').fill('Roof rig');
  await expect(error('name')).toHaveCount(0);
  await field('meter.host').fill(file.meter.host);
  await field('meter.port').fill('70000');
  await expect(error('meter.port')).toHaveText(/65535/);
  await saveScreenshot(ui.page, testInfo, 'sites-form');
  await field('meter.port').fill(String(file.meter.port));
  await expect(error('meter.port')).toHaveCount(0);
  await field('meter.profile').fill(file.meter.profile);
  await field('inverter.host').fill(file.inverter.host);
  await field('inverter.port').fill(String(file.inverter.port));
  await field('inverter.profile').fill(file.inverter.profile);
  await field('inverter.ratedChargeW').fill('abc');
  await expect(error('inverter.ratedChargeW')).toHaveText(/expected number/);
  await field('inverter.ratedChargeW').fill(String(file.inverter.ratedChargeW));
  await field('inverter.ratedDischargeW').fill(String(file.inverter.ratedDischargeW));
  await ui.id('btn-save-site').click();

  const row = ui.page.locator('[data-testid^="site-roof-rig-"]');
  await expect(row).toHaveCount(1);
  await row.getByTestId('btn-switch-site').click();
  await expect(ui.id('confirm-dialog')).toContainText('Switch site?');
  await ui.id('btn-confirm').click();
  await expect(ui.id('site-name')).toHaveText('Roof rig', { timeout: 30_000 });
  await expect(ui.id('sites-active')).toHaveText('Roof rig');
  await expect(row.getByTestId('site-active-marker')).toBeVisible();
  await expect(ui.id('state-badge')).toHaveAttribute('data-state', 'STOP', { timeout: 20_000 });
  await ui.expectNoSideScroll();
  await saveScreenshot(ui.page, testInfo, 'sites-switched');
});

test('a switch whose 0 W is not confirmed is refused; forcing it needs the acknowledgement', async ({
  ui,
  site,
}, testInfo) => {
  test.setTimeout(120_000);
  // The running site's devices go away: its inverter can no longer confirm 0 W.
  site.sim().kill();
  await ui.show('sites');
  await ui.page.getByTestId('site-built-in').getByTestId('btn-switch-site').click();
  await ui.id('btn-confirm').click();
  await expect(ui.id('switch-refusal')).toContainText('did not confirm 0 W', { timeout: 30_000 });
  await expect(ui.id('btn-confirm')).toBeDisabled();
  // Refused: the old site is still the one running.
  await expect(ui.id('site-name')).not.toHaveText('Built-in simulated site');
  await saveScreenshot(ui.page, testInfo, 'sites-force');
  await ui.id('force-acknowledge').check();
  await ui.id('btn-confirm').click();
  await expect(ui.id('site-name')).toHaveText('Built-in simulated site', { timeout: 30_000 });
  await expect(ui.id('sites-note')).toContainText('did not confirm 0 W');
  await expect(ui.id('state-badge')).toHaveAttribute('data-state', 'STOP', { timeout: 20_000 });
});
