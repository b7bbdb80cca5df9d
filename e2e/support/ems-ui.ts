import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { EmsState, RunMode } from '../../src/shared/ems-names';
import { saveScreenshot } from './screenshots';
import { parseShownWatts } from './shown-values';

/**
 * The operator UI as a technician uses it: every helper clicks, types and reads what is on
 * screen through the data-testids the renderer provides (listed in the UI notes), and the
 * raw data-value / data-stale attributes beside the words, nothing else.
 */

/** The screens of the UI. */
export type Screen =
  | 'live'
  | 'trends'
  | 'faults'
  | 'console'
  | 'discovery'
  | 'sessions'
  | 'can'
  | 'settings'
  | 'sites'
  // Find the devices (issue 12).
  | 'devices'
  // Commissioning checks and report (issue 12).
  | 'checks';

/** A state or mode as the UI may show it: its code (SELF_CONSUMPTION) or words (Self consumption). */
export function shownName(code: EmsState | RunMode): RegExp {
  const words = code.toLowerCase().replace(/_/g, '[ _]');
  // Word edges so STOP does not match inside a longer word.
  return new RegExp(`(^|[^A-Za-z_])${words}($|[^A-Za-z_])`, 'i');
}

/** The two sizes read from the page's scrolling element (no DOM types in the node tsconfig). */
interface Box {
  readonly scrollWidth: number;
  readonly scrollHeight: number;
}

/** The UI in one page, driven like a technician would. */
export class EmsUi {
  constructor(readonly page: Page) {}

  /** A data-testid's element. */
  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** Loads the UI and waits for its readiness marker (the first snapshot arrived). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('[data-app-state="ready"]')).toBeAttached({ timeout: 20_000 });
  }

  /** Goes to a screen with its navigation button (through the menu button on a narrow screen). */
  async show(screen: Screen): Promise<void> {
    const button = this.id(`nav-${screen}`);
    if (!(await button.isVisible())) await this.id('nav-menu').click();
    await button.click();
  }

  /** Waits until the live state shows `state`. */
  async expectState(state: EmsState, timeoutMs = 10_000): Promise<void> {
    await expect(this.id('live-state')).toHaveText(shownName(state), { timeout: timeoutMs });
  }

  /** Waits until the live mode shows `mode`. */
  async expectMode(mode: RunMode, timeoutMs = 10_000): Promise<void> {
    await expect(this.id('live-mode')).toHaveText(shownName(mode), { timeout: timeoutMs });
  }

  /**
   * A power as shown (W, in the EMS's sign), or null while it shows the stale mark. The
   * element's raw data-value is used, after checking that the words on screen say the same
   * (the technician reads the words, not the attribute).
   */
  async watts(testId: string): Promise<number | null> {
    // One read of all three, so a snapshot arriving in between cannot split them.
    // (The node tsconfig has no DOM types: the element is described by what is used.)
    const [text, raw, stale] = await this.id(testId).evaluate(
      (el: { innerText: string; getAttribute(name: string): string | null }) => [
        el.innerText,
        el.getAttribute('data-value'),
        el.getAttribute('data-stale'),
      ],
    );
    const shown = parseShownWatts(text);
    if (stale === 'true' || shown === null) {
      if (stale !== 'true' || shown !== null || raw !== null)
        throw new Error(
          `${testId}: stale marking disagrees: text "${text}", data-stale ${String(stale)}`,
        );
      return null;
    }
    const value = raw === null ? NaN : Number(raw);
    // Words round to whole W below 1 kW and to 10 W above.
    if (!Number.isFinite(value) || Math.abs(value - shown) > (Math.abs(value) >= 999.5 ? 5 : 0.5))
      throw new Error(`${testId}: the screen says "${text}" but data-value is ${String(raw)}`);
    return value;
  }

  /**
   * The screen fits the 1280x800 window of a laptop in a plant room: nothing to scroll
   * sideways or down, so no control or value is hidden off-screen.
   */
  async expectFits(): Promise<void> {
    const size = await this.page.evaluate(() => {
      const el = (globalThis as unknown as { document: { scrollingElement: Box | null } }).document
        .scrollingElement;
      return { w: el?.scrollWidth ?? 0, h: el?.scrollHeight ?? 0 };
    });
    const view = this.page.viewportSize() ?? { width: 0, height: 0 };
    expect(size, `page size ${size.w}x${size.h} in a ${view.width}x${view.height} window`).toEqual({
      w: view.width,
      h: view.height,
    });
  }

  /**
   * Nothing scrolls sideways: the page is no wider than the window (any window size; a narrow
   * one may scroll down).
   */
  async expectNoSideScroll(): Promise<void> {
    const size = await this.page.evaluate(() => {
      const win = globalThis as unknown as {
        document: { documentElement: Box };
        innerWidth: number;
      };
      return { scrollWidth: win.document.documentElement.scrollWidth, innerWidth: win.innerWidth };
    });
    expect(
      size.scrollWidth,
      `page ${size.scrollWidth} px wide in a ${size.innerWidth} px window`,
    ).toBeLessThanOrEqual(size.innerWidth);
  }

  /** The element is entirely inside the window, as it is (not after scrolling to it). */
  async expectInViewport(testId: string): Promise<void> {
    const box = await this.id(testId).boundingBox();
    const view = this.page.viewportSize() ?? { width: 0, height: 0 };
    expect(box, `${testId} is rendered`).not.toBeNull();
    if (box === null) return;
    expect(box.x, `${testId} left edge`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${testId} top edge`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${testId} right edge`).toBeLessThanOrEqual(view.width);
    expect(box.y + box.height, `${testId} bottom edge`).toBeLessThanOrEqual(view.height);
  }

  /** Saves a screenshot of the screen as it is (an artifact), then checks that it fits. */
  async capture(testInfo: TestInfo, name: string): Promise<void> {
    await saveScreenshot(this.page, testInfo, name);
    await this.expectFits();
  }

  /** Start, then wait until the EMS has left STOP. */
  async start(): Promise<void> {
    await this.id('btn-start').click();
    await expect(this.id('live-state')).not.toHaveText(shownName('STOP'));
  }

  /** Chooses a run mode in the mode menu and applies it. */
  async chooseMode(mode: RunMode): Promise<void> {
    await this.id('mode-select').selectOption(mode);
    await this.id('btn-apply-mode').click();
  }

  /** Start, SELF_CONSUMPTION, and wait for the state to show it. */
  async startSelfConsumption(): Promise<void> {
    await this.show('live');
    await this.start();
    await this.chooseMode('SELF_CONSUMPTION');
    await this.expectState('SELF_CONSUMPTION', 15_000);
  }

  /** Types an override power and presses apply (no confirmation yet). */
  async typeOverride(text: string): Promise<void> {
    await this.id('override-input').fill(text);
    await this.id('btn-apply-mode').click();
  }
}
