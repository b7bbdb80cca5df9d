import type { JSX } from 'react';
import type { XAxisTickContentProps, YAxisTickContentProps } from 'recharts';

/**
 * An axis label drawn as a plain SVG text. recharts' default label measures every new
 * string and keeps it in a text-size cache of 2000 entries; a clock axis makes a new
 * string every tick step, so that cache (and the heap) would grow for hours. Our ticks
 * are spaced so labels never overlap (time-ticks.ts), so nothing needs measuring.
 */
export function plainTick(
  format: (value: number) => string,
): (props: XAxisTickContentProps | YAxisTickContentProps) => JSX.Element {
  return function PlainTick(props) {
    const value: unknown = props.payload.value;
    // Same baseline offsets as recharts' own labels: below the x axis, centred on a y tick.
    const dy = props.verticalAnchor === 'start' ? '0.71em' : '0.355em';
    return (
      <text
        x={props.x}
        y={props.y}
        dy={dy}
        textAnchor={props.textAnchor}
        fill={props.fill}
        className="recharts-cartesian-axis-tick-value"
      >
        {typeof value === 'number' ? format(value) : ''}
      </text>
    );
  };
}
