import type { JSX, ReactNode } from 'react';
import { STALE_TEXT } from '../../format/format-values';

/** Props of a value that can be stale. */
export interface LiveValueProps {
  readonly testId?: string;
  /** The raw value (W, %, code) for tests and tools; null = unknown or stale. */
  readonly value: number | string | boolean | null;
  /** False when the snapshot itself is not live: then every value is stale. */
  readonly current: boolean;
  readonly className?: string;
  /** What to show while fresh. */
  readonly children: ReactNode;
}

/**
 * A measured value. Unknown or stale shows "—" with data-stale="true", never the last
 * known number; the raw value sits in data-value so tests need not parse words.
 */
export function LiveValue(props: LiveValueProps): JSX.Element {
  const stale = !props.current || props.value === null;
  return (
    <span
      className={props.className}
      data-testid={props.testId}
      data-stale={stale ? 'true' : 'false'}
      data-value={stale ? undefined : String(props.value)}
    >
      {stale ? STALE_TEXT : props.children}
    </span>
  );
}
