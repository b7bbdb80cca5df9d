import { useEffect, useState, type JSX } from 'react';
import { initialTheme, saveTheme, type Theme } from '../../theme/theme-choice';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function systemPrefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** Sets the theme on the document root, where the colour variables of styles.css hang. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** Applies the stored or preferred theme before the first paint (called from main.tsx). */
export function applyInitialTheme(): void {
  applyTheme(initialTheme(storage(), systemPrefersDark()));
}

/** Switches between the light and the dark theme and remembers the choice. */
export function ThemeToggle(): JSX.Element {
  const [theme, setTheme] = useState<Theme>(() =>
    document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light',
  );
  useEffect(() => applyTheme(theme), [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="bar-btn"
      data-testid="theme-toggle"
      aria-pressed={theme === 'dark'}
      aria-label="Dark theme"
      title={`Switch to the ${next} theme`}
      onClick={() => {
        saveTheme(storage(), next);
        setTheme(next);
      }}
    >
      {/* A moon: the word would not fit beside every screen's button at 1280 px. */}
      <span aria-hidden="true">{'\u263e'}</span>
    </button>
  );
}
