/**
 * Light for a bright plant room, dark for a dim one. The operator's choice is kept in the
 * browser's storage; without one, the system's preference decides.
 */

/** A colour theme. */
export type Theme = 'light' | 'dark';

/** The storage key of the operator's choice. */
export const THEME_KEY = 'ems-theme';

/** The part of Web Storage used here (a fake in tests, localStorage in the app). */
export interface ThemeStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The theme to open with: the stored choice if it is valid, else the system's preference. */
export function initialTheme(storage: ThemeStorage | null, prefersDark: boolean): Theme {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(THEME_KEY) ?? null;
  } catch {
    // Storage can be refused (privacy settings); the system's preference still works.
  }
  if (saved === 'light' || saved === 'dark') return saved;
  return prefersDark ? 'dark' : 'light';
}

/** Stores a choice; a refusing storage only means the choice lasts until a reload. */
export function saveTheme(storage: ThemeStorage | null, theme: Theme): void {
  try {
    storage?.setItem(THEME_KEY, theme);
  } catch {
    // See initialTheme.
  }
}
