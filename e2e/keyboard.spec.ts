import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The controls are usable by keyboard alone: Tab reaches Start, the mode menu and Stop in
 * a sensible number of steps, and Enter works them.
 */

/** Presses Tab until the element with `testId` has the focus; fails after `max` presses. */
async function tabTo(page: Page, testId: string, max = 40): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } | null };
          }
        ).document.activeElement?.getAttribute('data-testid') ?? null,
    );
    if (focused === testId) return presses;
  }
  throw new Error(`${testId} was not reached with ${max} presses of Tab`);
}

test('keyboard only: start, choose a mode, stop', async ({ ui }) => {
  await tabTo(ui.page, 'btn-start');
  await ui.page.keyboard.press('Enter');
  await ui.expectState('STANDBY');

  await tabTo(ui.page, 'mode-select');
  await ui.page.keyboard.press('ArrowDown'); // IDLE -> SELF_CONSUMPTION
  await expect(ui.id('mode-select')).toHaveValue('SELF_CONSUMPTION');
  await tabTo(ui.page, 'btn-apply-mode', 3);
  await ui.page.keyboard.press('Enter');
  await ui.expectState('SELF_CONSUMPTION', 15_000);

  // Back to the top of the page, then to Stop: it must be reachable without the mouse.
  await ui.page.locator('body').focus();
  await tabTo(ui.page, 'btn-stop');
  await ui.page.keyboard.press('Enter');
  await ui.expectState('STOP');
  expect(await ui.watts('live-setpoint-w')).toBe(0);
});
