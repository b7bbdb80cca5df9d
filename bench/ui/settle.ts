/**
 * "When is the chart done?" A library may finish an update in several passes (recharts
 * measures, then renders again from its own store), so the end of an update is the first
 * frame after the chart's DOM stopped changing. Canvas charts (uPlot) draw synchronously and
 * change no DOM: they are done at the next frame.
 */

/** Resolves once the next frame has been drawn. */
export function nextFrame(): Promise<void> {
  // rAF runs before the frame is drawn; the task after it runs once the frame is out.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Frames without a DOM change before the chart counts as settled. */
const QUIET_FRAMES = 2;
/** Give up waiting after this many frames (a chart that animates forever). */
const MAX_FRAMES = 120;

/**
 * Resolves with the time (performance.now()) at the end of the last frame in which `root`'s
 * subtree changed, or of the first frame when nothing changed at all.
 */
export async function settled(root: Element): Promise<number> {
  let mutations = 0;
  const observer = new MutationObserver((records) => {
    mutations += records.length;
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  try {
    await nextFrame();
    let lastChange = performance.now();
    let quiet = 0;
    for (let i = 0; i < MAX_FRAMES && quiet < QUIET_FRAMES; i++) {
      const before = mutations;
      await nextFrame();
      if (mutations !== before) {
        lastChange = performance.now();
        quiet = 0;
      } else quiet++;
    }
    return lastChange;
  } finally {
    observer.disconnect();
  }
}
