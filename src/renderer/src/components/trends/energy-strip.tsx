import type { JSX } from 'react';
import { energyItems } from '../../format/format-energy';
import { useEms } from '../../store/store-context';

/**
 * Today's energy counters in one wrapping line above the trend: integrated in main from fresh
 * measurements and kept across restarts (per site and day in the session store). The items
 * wrap as whole label-value pairs, so the strip fits a phone without sideways scrolling.
 */
export function EnergyStrip(): JSX.Element | null {
  const energy = useEms((s) => s.snapshot?.energyToday ?? null);
  if (!energy) return null;
  return (
    <section className="energy-strip" aria-label="Energy today" data-testid="energy-strip">
      <strong>Today</strong>
      {energyItems(energy).map((item) => (
        <span
          key={item.key}
          className="energy-item"
          data-testid={`energy-${item.key}`}
          title={item.why ?? undefined}
        >
          {item.label} <b className="num">{item.text}</b>
        </span>
      ))}
    </section>
  );
}
