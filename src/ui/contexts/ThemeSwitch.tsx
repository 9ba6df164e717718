/**
 * The theme at runtime: ThemeSwitcher holds the theme in force and provides it through ThemeContext, so
 * every component re-renders with new colours when it changes. The theme picker previews a theme
 * (preview), puts the kept one back (restore) and keeps one (keep: saved through `persist`).
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ThemeContext, type Theme } from '../theme.js';

/** A theme the picker can list: loaded, or broken with the reason. (Same shape as system/themeCatalog.) */
export type ThemeChoice = { name: string; theme: Theme; user?: boolean } | { name: string; error: string; user?: boolean };

export interface ThemeNotice {
  text: string;
  level: 'info' | 'warn' | 'error';
}

export interface ThemeSwitch {
  /** Name of the kept theme (the one Esc returns to). */
  keptName: string;
  /** Themes to offer (read when the picker opens). */
  list(): ThemeChoice[];
  /** Show a theme now without keeping it. */
  preview(theme: Theme): void;
  /** Back to the kept theme. */
  restore(): void;
  /** Keep a theme (saves it through `persist`); returns what to tell the user. */
  keep(name: string, theme: Theme): ThemeNotice;
}

const ThemeSwitchContext = createContext<ThemeSwitch | undefined>(undefined);

export function useThemeSwitch(): ThemeSwitch | undefined {
  return useContext(ThemeSwitchContext);
}

export interface ThemeSwitcherProps {
  initial: Theme;
  /** The file name of the initial theme ("dark"). */
  initialName: string;
  list: () => ThemeChoice[];
  /** Save the kept theme; the notice says where, or why it is for this session only. */
  persist?: (name: string) => ThemeNotice;
  children: ReactNode;
}

export function ThemeSwitcher({ initial, initialName, list, persist, children }: ThemeSwitcherProps) {
  const [shown, setShown] = useState(initial);
  const [keptName, setKeptName] = useState(initialName);
  const kept = useRef(initial);
  const preview = useCallback((theme: Theme) => setShown(theme), []);
  const restore = useCallback(() => setShown(kept.current), []);
  const keep = useCallback(
    (name: string, theme: Theme): ThemeNotice => {
      kept.current = theme;
      setShown(theme);
      setKeptName(name);
      return persist ? persist(name) : { text: `Theme "${name}" for this session.`, level: 'info' };
    },
    [persist],
  );
  const value = useMemo<ThemeSwitch>(() => ({ keptName, list, preview, restore, keep }), [keptName, list, preview, restore, keep]);
  return (
    <ThemeSwitchContext.Provider value={value}>
      <ThemeContext.Provider value={shown}>{children}</ThemeContext.Provider>
    </ThemeSwitchContext.Provider>
  );
}
