import { expect, test } from './fixtures';
import { parseShownPercent } from './support/shown-values';

/**
 * Start and SELF_CONSUMPTION from the UI: the grid settles near 0 W, on screen and in the
 * simulated meter's own register. Deadband 50 W (resources/sites/sim-modbus.json) + 150 W
 * for the house's step loads and the ramp between two samples.
 */
const DEADBAND_W = 50;
const NEAR_ZERO_W = DEADBAND_W + 150;
const SETTLE_TIMEOUT_MS = 30_000;
/** Consecutive samples (one per trend sample, about 1 s apart) that must all be near 0 W to count as settled. */
const SETTLED_SAMPLES = 3;

test('start + SELF_CONSUMPTION holds the grid near 0 W (UI and simulator meter agree)', async ({
  ui,
  site,
  bridgeFrames,
}, testInfo) => {
  await ui.expectState('STOP');
  await ui.startSelfConsumption();
  await ui.expectMode('SELF_CONSUMPTION');

  let run = 0;
  const seen: string[] = [];
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (run < SETTLED_SAMPLES) {
    expect(
      Date.now(),
      `grid never settled near 0 W; samples (UI, sim):\n${seen.join('\n')}`,
    ).toBeLessThan(deadline);
    const shown = await ui.watts('live-grid-w');
    const truth = await site.gridTruth();
    seen.push(`${String(shown)} ${truth}`);
    const near = shown !== null && Math.abs(shown) <= NEAR_ZERO_W && Math.abs(truth) <= NEAR_ZERO_W;
    run = near ? run + 1 : 0;
    await bridgeFrames.waitForPushes('history', 1);
  }

  // The rest of the live view shows live values, not stale marks, once the links are up.
  for (const link of ['link-meter', 'link-inverter']) await expect(ui.id(link)).toContainText(/OK/);
  await expect(ui.id('live-grid-w')).not.toHaveAttribute('data-stale', 'true');
  const soc = parseShownPercent(await ui.id('live-soc').innerText());
  const inverter = await site.inverterTruth();
  expect(soc).not.toBeNull();
  expect(Math.abs((soc ?? 0) - inverter.socPct)).toBeLessThan(1);
  await expect(ui.id('live-limited-by')).not.toBeEmpty();
  await ui.capture(testInfo, 'live');
});
