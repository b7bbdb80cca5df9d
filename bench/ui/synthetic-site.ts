import type { HistorySample } from '../../src/shared/history';

/**
 * A day of 1 Hz trend samples for the chart benchmark: a house with step loads and noise, a
 * battery that mostly follows it, a SOC that drifts with it, and short gaps (stale meter) so
 * the charts also draw breaks. Deterministic (seeded), so every run draws the same data.
 */

/** Samples per day at 1 Hz. */
export const DAY_SAMPLES = 86_400;

/** A small seeded generator (mulberry32): the same seed gives the same day. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Endless 1 Hz samples from `startMs` on. */
export class SyntheticSite {
  private readonly random: () => number;
  private t: number;
  private loadW = 600;
  private inverterW = 0;
  private soc = 50;
  private gapLeft = 0;

  constructor(startMs: number, seed = 1) {
    this.random = seeded(seed);
    this.t = startMs;
  }

  /** The next second. */
  next(): HistorySample {
    const r = this.random;
    if (r() < 0.004) this.loadW = 200 + r() * 4_000; // a kettle, an oven, a heat pump
    const pvW = Math.max(
      0,
      Math.sin((((this.t / 3_600_000) % 24) / 24) * 2 * Math.PI - Math.PI / 2) * 4_000,
    );
    const houseW = this.loadW + (r() - 0.5) * 120 - pvW;
    // The battery follows the house with a lag and its 5 kW rating, like the control law.
    this.inverterW += (Math.max(-5_000, Math.min(5_000, houseW)) - this.inverterW) * 0.3;
    this.soc = Math.max(5, Math.min(98, this.soc - (this.inverterW / 36_000_000) * 100));
    if (this.gapLeft === 0 && r() < 0.0005) this.gapLeft = 5 + Math.floor(r() * 20);
    const stale = this.gapLeft > 0;
    if (stale) this.gapLeft--;
    const sample: HistorySample = {
      t: this.t,
      gridW: stale ? null : Math.round(houseW - this.inverterW),
      inverterW: Math.round(this.inverterW),
      soc: Math.round(this.soc * 10) / 10,
      setpointW: Math.round(this.inverterW),
      pvW: null,
      loadW: null,
    };
    this.t += 1_000;
    return sample;
  }

  /** `count` samples in a row. */
  take(count: number): HistorySample[] {
    const out: HistorySample[] = [];
    for (let i = 0; i < count; i++) out.push(this.next());
    return out;
  }
}
