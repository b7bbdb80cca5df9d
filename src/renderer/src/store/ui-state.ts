import type { HistoryBucket, HistoryWindow } from '../../../shared/history';

/** The screens of the app. */
export const SCREENS = [
  'live',
  'trends',
  'faults',
  'console',
  'discovery',
  'sessions',
  'can',
  'settings',
  // Managed sites.
  'sites',
  // Find the devices (issue 12).
  'devices',
  // Commissioning checks and report (issue 12).
  'checks',
] as const;
/** A screen. */
export type Screen = (typeof SCREENS)[number];

/** State that belongs to the renderer alone: where the operator is and what they froze. */
export interface UiState {
  readonly screen: Screen;
  readonly trendWindow: HistoryWindow;
  /** The trend view is frozen; data keeps arriving underneath. */
  readonly paused: boolean;
  /** What the frozen view shows (the closed buckets at the moment of pausing). */
  readonly frozen: readonly HistoryBucket[] | null;
  /** Key of the selected fault-log entry (see faultKey). */
  readonly selectedFault: string | null;
}

/** The state the app opens with. */
export const INITIAL_UI: UiState = {
  screen: 'live',
  trendWindow: '5m',
  paused: false,
  frozen: null,
  selectedFault: null,
};

/** Freezes or unfreezes the trend view; `current` is what is on screen now. */
export function withPaused(
  ui: UiState,
  paused: boolean,
  current: readonly HistoryBucket[],
): UiState {
  if (paused === ui.paused) return ui;
  return { ...ui, paused, frozen: paused ? current : null };
}

/** Switches the trend window; a new window is a new view, so it starts live. */
export function withTrendWindow(ui: UiState, window: HistoryWindow): UiState {
  if (window === ui.trendWindow) return ui;
  return { ...ui, trendWindow: window, paused: false, frozen: null };
}
