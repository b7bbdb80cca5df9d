import { describe, expect, it } from 'vitest';
import { THEME_KEY, initialTheme, saveTheme, type ThemeStorage } from './theme-choice';

function memory(): ThemeStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

const refusing: ThemeStorage = {
  getItem: () => {
    throw new Error('denied');
  },
  setItem: () => {
    throw new Error('denied');
  },
};

describe('theme choice', () => {
  it('follows the system until the operator chooses, then keeps the choice', () => {
    const storage = memory();
    expect(initialTheme(storage, true)).toBe('dark');
    expect(initialTheme(storage, false)).toBe('light');
    saveTheme(storage, 'light');
    expect(storage.data.get(THEME_KEY)).toBe('light');
    expect(initialTheme(storage, true)).toBe('light');
  });

  it('ignores a stored value that is not a theme, and storage that refuses', () => {
    const storage = memory();
    storage.setItem(THEME_KEY, 'purple');
    expect(initialTheme(storage, false)).toBe('light');
    expect(initialTheme(refusing, true)).toBe('dark');
    expect(() => saveTheme(refusing, 'dark')).not.toThrow();
    expect(initialTheme(null, false)).toBe('light');
  });
});
