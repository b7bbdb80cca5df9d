import { expect, test } from './fixtures';
import type { EmsUi } from './support/ems-ui';
import { saveScreenshot } from './support/screenshots';

/**
 * The register console and SunSpec discovery as a technician uses them, through the headless
 * host's UI against the simulator over real Modbus TCP: a typed write lands in the simulated
 * inverter's own registers, point names stand beside the addresses, a failed read leaves the
 * last table marked stale and readable, polling reads again until stopped, and a SunSpec
 * device's enumerations read by name.
 */

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
async function textContrast(ui: EmsUi, selector: string): Promise<number> {
  return ui.page
    .locator(selector)
    .first()
    .evaluate((el) => {
      type Styled = { parentElement: Styled | null };
      const win = globalThis as unknown as {
        getComputedStyle(e: Styled): { color: string; backgroundColor: string };
      };
      const rgba = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
        const lin = (c: number): number => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const start = el as unknown as Styled;
      let node: Styled | null = start;
      let bg = [255, 255, 255];
      while (node !== null) {
        const c = rgba(win.getComputedStyle(node).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || (c[3] ?? 0) > 0.99)) {
          bg = c;
          break;
        }
        node = node.parentElement;
      }
      const fg = luminance(rgba(win.getComputedStyle(start).color));
      const back = luminance(bg);
      return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
    });
}

/** The narrow windows a technician meets: a phone in a plant room, a cabinet panel PC. */
const NARROW = [
  { width: 390, height: 844 },
  { width: 1024, height: 700 },
] as const;

async function readBlock(ui: EmsUi, address: string, count: string): Promise<void> {
  await ui.id('console-address').fill(address);
  await ui.id('console-count').fill(count);
  await ui.id('btn-console-read').click();
}

test.describe('register console on the simulated site', () => {
  test('typed write of −2000 W as int32, point names, strict lists, stale table, polling', async ({
    ui,
    site,
  }, testInfo) => {
    await ui.show('console');
    await ui.id('console-device').selectOption('inverter');

    // A block of the inverter, with the profile's point names beside the addresses.
    await readBlock(ui, '0', '12');
    const row = (a: number) => ui.page.locator(`[data-testid="console-row"][data-address="${a}"]`);
    await expect(row(8).getByTestId('console-point')).toHaveText('setpointW (int32, W)');
    await expect(row(9).getByTestId('console-point')).toHaveText('setpointW (word 2 of 2)');
    await expect(ui.id('console-read-status')).toContainText('Read at');

    // A typed value: the words appear before anything is confirmed.
    await ui.id('console-write-address').fill('8');
    await expect(ui.id('console-write-point')).toHaveText(
      "Register 8 is setpointW (int32, W) in the site's profile.",
    );
    await ui.id('console-write-type').selectOption('int32');
    await ui.id('console-write-values').fill('\u22122000');
    await expect(ui.id('console-write-words')).toContainText('0xFFFF 0xF830');
    await ui.id('btn-console-write').click();
    await expect(ui.id('console-write-confirm-text')).toContainText('0xFFFF 0xF830');
    await expect(ui.id('console-write-confirm-text')).toContainText('int32 -2000');
    await ui.id('btn-confirm').click();
    await expect(ui.id('console-write-done')).toContainText('0xFFFF 0xF830');
    // The simulator's own register now holds the value that was typed.
    await expect.poll(async () => (await site.inverterTruth()).setpointW).toBe(-2000);
    await expect(ui.page.getByTestId('console-log-row').first()).toContainText('int32 -2000');

    // Strict lists: an empty entry is named, nothing is written.
    await ui.id('console-write-type').selectOption('words');
    await ui.id('console-write-values').fill('10,,5');
    await ui.id('btn-console-write').click();
    await expect(ui.id('console-write-input-error')).toHaveText(
      'value 2 is empty: nothing between the commas after "10"',
    );
    await expect(ui.id('confirm-dialog')).toHaveCount(0);

    // Polling: the read time moves on by itself, and stops when asked.
    const readAt = async (): Promise<number> =>
      Number(await ui.id('console-read-status').getAttribute('data-read-at'));
    const before = await readAt();
    await ui.id('console-poll-interval').selectOption('1');
    await ui.id('btn-console-poll').click();
    await expect(ui.id('console-read-status')).toContainText('polling every 1 s');
    await expect.poll(readAt, { timeout: 20_000 }).toBeGreaterThan(before);
    await ui.id('btn-console-poll-stop').click();
    await expect(ui.id('btn-console-poll')).toBeVisible();
    await expect(ui.id('console-read-status')).not.toContainText('polling');

    // A read the device refuses: the last good table stays, marked stale, with both times.
    await readBlock(ui, '5000', '1');
    await expect(ui.id('console-error')).toContainText('Read failed at');
    await expect(ui.id('console-error')).not.toContainText('registerRead:');
    await expect(ui.id('console-stale')).toContainText('the last good read was at');
    const table = ui.id('console-table');
    await expect(table).toHaveAttribute('data-stale', 'true');
    await expect(table.locator('caption')).toContainText('STALE');
    await expect(row(8).getByTestId('console-point')).toHaveText('setpointW (int32, W)');
    // Stale values and the "—" of the last row stay readable: contrast 6:1 or better.
    expect(await textContrast(ui, '[data-testid="console-table"] caption')).toBeGreaterThanOrEqual(
      6,
    );
    expect(
      await textContrast(ui, '[data-testid="console-row"][data-address="11"] td.num:last-child'),
    ).toBeGreaterThanOrEqual(6);
    await expect(row(11).locator('td.num').last()).toHaveText('\u2014');
    expect(await textContrast(ui, '[data-testid="console-stale"]')).toBeGreaterThanOrEqual(6);
    expect(await textContrast(ui, '[data-testid="console-error"] p')).toBeGreaterThanOrEqual(6);
    // The same in the dark theme for dim rooms.
    await ui.id('theme-toggle').click();
    await expect(ui.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await textContrast(ui, '[data-testid="console-table"] caption')).toBeGreaterThanOrEqual(
      6,
    );
    expect(
      await textContrast(ui, '[data-testid="console-row"][data-address="11"] td.num:last-child'),
    ).toBeGreaterThanOrEqual(6);
    expect(await textContrast(ui, '[data-testid="console-stale"]')).toBeGreaterThanOrEqual(6);
    expect(await textContrast(ui, '[data-testid="console-error"] p')).toBeGreaterThanOrEqual(6);
    await ui.id('theme-toggle').click();
    await saveScreenshot(ui.page, testInfo, 'register-console-stale');

    // On a phone and a cabinet panel PC the wide table scrolls inside its box, not the page.
    for (const size of NARROW) {
      await ui.page.setViewportSize(size);
      await expect(table).toBeVisible();
      await ui.expectNoSideScroll();
      await ui.expectInViewport('state-badge');
    }
  });
});

test.describe('SunSpec discovery of the simulator as a SunSpec device', () => {
  test.use({
    siteOptions: {
      simArgs: ['--sunspec'],
      layout: 'one-process',
      profiles: { meter: 'sunspec-meter-203', inverter: 'sunspec-storage-124' },
    },
  });

  test('enumerations by name, a chosen base and unit id, one error without prefix', async ({
    ui,
  }, testInfo) => {
    await ui.show('discovery');
    await ui.id('discovery-device').selectOption('inverter');

    // A base without 'SunS': the reason is shown once, without the request's name.
    await ui.id('discovery-bases').fill('0');
    await ui.id('btn-discover').click();
    const error = ui.id('discovery-error');
    await expect(error).toContainText("no SunSpec marker 'SunS' found; tried 0");
    await expect(error).not.toContainText('discoverSunSpec');
    await expect(ui.page.getByText("no SunSpec marker 'SunS' found")).toHaveCount(1);

    // The usual base, on the device's unit id typed in: St and ChaSt read by name (the
    // EMS is stopped, so the inverter stands by and the battery holds).
    await ui.id('discovery-bases').fill('40000');
    await ui.id('discovery-unit').fill('1');
    await ui.id('btn-discover').click();
    await expect(ui.id('discovery-models')).toContainText('models at base 40000 of unit 1');
    const point = (model: number, name: string) =>
      ui.page.locator(
        `[data-testid="discovery-model"][data-model-id="${model}"] [data-testid="discovery-point"][data-point="${name}"]`,
      );
    await expect(point(103, 'St')).toContainText('8 STANDBY');
    await expect(point(124, 'ChaSt')).toContainText('6 HOLDING');
    await expect(error).toHaveCount(0);
    await saveScreenshot(ui.page, testInfo, 'sunspec-discovery-names');
    for (const size of NARROW) {
      await ui.page.setViewportSize(size);
      await expect(point(124, 'ChaSt')).toBeVisible();
      await ui.expectNoSideScroll();
    }
    await ui.page.setViewportSize({ width: 1280, height: 800 });

    // The register console names the SunSpec points where the driver found them.
    await ui.show('console');
    await ui.id('console-device').selectOption('inverter');
    await readBlock(ui, '40108', '1');
    await expect(
      ui.page.locator(
        '[data-testid="console-row"][data-address="40108"] [data-testid="console-point"]',
      ),
    ).toHaveText('St (uint16)');
  });
});
