import { expect, test } from './fixtures';

/**
 * An override power that is empty, not a number, negative or above the rating gets an inline
 * error and sends nothing: no command on the WebSocket, mode and override power unchanged in
 * the snapshot, and the simulated inverter's setpoint register still exactly 0 W. A valid
 * one that the operator cancels sends nothing either. Runs in STANDBY (started, IDLE), where
 * the setpoint is exactly 0 W, so any change would show.
 */

const RATING_W = 5000; // resources/sites/sim-modbus.json
const INVALID = ['', 'abc', '-5', String(RATING_W + 1), '2kW'];

test('an invalid override shows an inline error and changes nothing', async ({
  ui,
  site,
  bridgeFrames,
}) => {
  await ui.start();
  await ui.expectState('STANDBY');
  await ui.expectMode('IDLE');
  const overrideShown = ui.page.locator('dt:text-is("Override power") + dd');
  const overrideBefore = await overrideShown.innerText();
  const since = Date.now();

  await ui.id('mode-select').selectOption('CHARGE_ONLY');
  for (const text of INVALID) {
    await ui.typeOverride(text);
    await expect(ui.id('override-error'), `typed "${text}"`).toBeVisible();
    await expect(ui.id('override-error')).not.toBeEmpty();
    await expect(ui.id('override-input')).toHaveAttribute('aria-invalid', 'true');
    await expect(ui.id('confirm-dialog')).toHaveCount(0);
  }
  // The mode button with an invalid power is refused the same way.
  await ui.id('override-input').fill('abc');
  await ui.id('btn-apply-mode').click();
  await expect(ui.id('override-error')).toBeVisible();
  await expect(ui.id('confirm-dialog')).toHaveCount(0);

  // A valid power, cancelled in the dialog (button, then Escape), sends nothing either.
  await ui.typeOverride('2000');
  await expect(ui.id('override-error')).toHaveCount(0);
  await ui.id('btn-cancel').click();
  await expect(ui.id('confirm-dialog')).toHaveCount(0);
  await ui.typeOverride('2000');
  await expect(ui.id('confirm-dialog')).toBeVisible();
  await ui.page.keyboard.press('Escape');
  await expect(ui.id('confirm-dialog')).toHaveCount(0);

  // Let a few snapshots and control steps pass, then check nothing moved anywhere.
  await bridgeFrames.waitForPushes('snapshot', 3);
  await bridgeFrames.waitForPushes('history', 1);
  expect(bridgeFrames.commandsSince(since), 'commands sent').toEqual([]);
  await ui.expectState('STANDBY');
  await ui.expectMode('IDLE');
  expect(await ui.watts('live-setpoint-w')).toBe(0);
  await expect(overrideShown).toHaveText(overrideBefore);
  await expect(ui.id('override-banner')).toHaveCount(0);
  const truth = await site.inverterTruth();
  expect(truth.setpointW).toBe(0);
  expect(Math.abs(truth.activePowerW)).toBeLessThan(50);
});
