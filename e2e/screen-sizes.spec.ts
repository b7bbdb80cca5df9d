import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { EmsUi } from './support/ems-ui';
import { saveScreenshot } from './support/screenshots';

/**
 * The screens on every window a technician meets: a phone in a plant room (390x844), a
 * cabinet panel PC (1024x700), a laptop (1280x800) and a desktop (1920x1080). The top bar
 * and the window title name the site. At each size
 * nothing scrolls sideways, the state badge is in view and names the manual override with
 * its power, the control panel does not cover a tile, and the trend chart's axes are whole;
 * every other screen is checked for sideways scrolling too.
 */

const SIZES = [
  { width: 390, height: 844 },
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const OVERRIDE_W = 2000;

/** Boxes of the four tiles and the control panel do not overlap. */
async function expectControlBesideOrBelowTiles(ui: EmsUi): Promise<void> {
  const control = await ui.page.locator('.panel.control').boundingBox();
  expect(control).not.toBeNull();
  const tiles = await ui.page.locator('.tile').all();
  expect(tiles).toHaveLength(4);
  for (const tile of tiles) {
    const t = await tile.boundingBox();
    if (t === null || control === null) throw new Error('a tile or the control panel is not shown');
    const apart =
      t.x + t.width <= control.x ||
      control.x + control.width <= t.x ||
      t.y + t.height <= control.y ||
      control.y + control.height <= t.y;
    expect(apart, `tile at ${t.x},${t.y} and control panel at ${control.x},${control.y}`).toBe(
      true,
    );
  }
}

/** The chart's drawing (axes and tick labels included) lies inside its box. */
async function expectChartWhole(ui: EmsUi): Promise<void> {
  const box = await ui.page.locator('.chart-box').first().boundingBox();
  const drawing = await ui.page.locator('.chart-box svg.recharts-surface').first().boundingBox();
  if (box === null || drawing === null) throw new Error('no trend chart shown');
  const ticks = await ui.page.locator('.chart-box .recharts-cartesian-axis-tick-value').all();
  expect(ticks.length).toBeGreaterThan(0);
  for (const tick of ticks) {
    const t = await tick.boundingBox();
    if (t === null) continue;
    expect(t.x, 'tick label left of the chart').toBeGreaterThanOrEqual(drawing.x - 0.5);
    expect(t.x + t.width, 'tick label right of the chart').toBeLessThanOrEqual(
      drawing.x + drawing.width + 0.5,
    );
    expect(t.y + t.height, 'tick label below the chart').toBeLessThanOrEqual(
      drawing.y + drawing.height + 0.5,
    );
  }
  expect(drawing.x + drawing.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
}

test('every screen size: no sideways scroll, the badge names CHARGE_ONLY and its power', async ({
  ui,
  site,
}, testInfo) => {
  // Four sizes times eight screens: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  // The site file's name is in the top bar and the window title.
  const siteFile = JSON.parse(await readFile(join(site.dataDir, 'site.json'), 'utf8')) as {
    name: string;
  };
  await expect(ui.id('site-name')).toHaveText(siteFile.name);
  await expect(ui.page).toHaveTitle(`${siteFile.name} \u00b7 EMS commissioning`);

  await ui.startSelfConsumption();
  await ui.id('mode-select').selectOption('CHARGE_ONLY');
  await ui.typeOverride(String(OVERRIDE_W));
  await ui.id('btn-confirm').click();
  await ui.expectMode('CHARGE_ONLY');
  const badge = ui.id('state-badge');
  await expect(badge).toContainText('CHARGE_ONLY');
  await expect(badge).toContainText('2.00 kW');
  await expect(badge).toContainText('manual');

  for (const size of SIZES) {
    const name = `${size.width}x${size.height}`;
    await ui.page.setViewportSize(size);
    await ui.show('live');
    await expect(ui.id('power-flow')).toBeVisible();
    await ui.expectNoSideScroll();
    await ui.expectInViewport('state-badge');
    await expect(badge).toContainText('CHARGE_ONLY');
    await expectControlBesideOrBelowTiles(ui);
    await saveScreenshot(ui.page, testInfo, `live-${name}`);
    // On a phone the page scrolls: keep the whole of it too, for the docs.
    if (size.width < 600)
      await saveScreenshot(ui.page, testInfo, `live-${name}-full`, { fullPage: true });

    await ui.show('trends');
    await expect(ui.page.locator('.chart-box svg.recharts-surface').first()).toBeVisible();
    await ui.expectNoSideScroll();
    await ui.expectInViewport('state-badge');
    await expectChartWhole(ui);
    await saveScreenshot(ui.page, testInfo, `trends-${name}`);

    for (const screen of [
      'faults',
      'console',
      'discovery',
      'sessions',
      'can',
      'settings',
      'sites',
      // Find the devices (issue 12).
      'devices',
      // Commissioning checks and report (issue 12).
      'checks',
    ] as const) {
      await ui.show(screen);
      await expect(ui.id(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
      await ui.expectNoSideScroll();
      await ui.expectInViewport('state-badge');
    }
  }
});
