import type { Page } from '@playwright/test';

/** A figure as shown on a check's card (its `data-figure` entry), as a number without its unit. */
export async function checkFigure(
  ui: { page: Page },
  check: string,
  name: string,
): Promise<number> {
  const text = await ui.page
    .getByTestId(`check-${check}-figures`)
    .locator(`[data-figure="${name}"]`)
    .innerText();
  return Number(text.split(' ')[0]);
}
