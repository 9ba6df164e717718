/**
 * The theme at runtime: ThemeSwitcher holds the theme in force and provides it through ThemeContext, so
 * every component re-renders with new colours when it changes. It also holds the theme picker's state
 * (Alt+T), so the shell's one key dispatcher drives it from the first key after Alt+T: ↑/↓ preview a
 * theme, Enter keeps it (saved through `persist`), Esc or Alt+T put the kept one back.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ThemeContext } from './theme.js';
import type { Theme } from '../../core/theme.js';
import type { KeyAction } from '../../core/keyBindings.js';
import type { UiHint } from '../common/hint.js';

/** A theme the picker can list: loaded, or broken with the reason. (Same shape as system/themeCatalog.) */
export type ThemeChoice = { name: string; theme: Theme; user?: boolean } | { name: string; error: string; user?: boolean };

export interface ThemePickerState {
  /** Which opening this is (a late close from an earlier picker must not close a new one). */
  session: number;
  entries: readonly ThemeChoice[];
  index: number;
  /** Why Enter did nothing (a broken theme). */
  problem?: string;
}

export interface ThemeKeyResult {
  /** The key belongs to the picker (nothing else should act on it). */
  handled: boolean;
  /** Close the overlay. */
  close?: boolean;
  /** Say this (a theme was kept). */
  notice?: UiHint;
}

export interface ThemeSwitch {
  /** NO_COLOR is set (core/theme.ts noColorRequested, decided once by the CLI): no theme adds colour. */
  noColor?: boolean;
  /** Name of the kept theme (the one Esc returns to). */
  keptName: string;
  /** The open picker, or null. */
  picker: ThemePickerState | null;
  /** Read the themes and open the picker on the kept one. */
  openPicker(): void;
  /** A key while the picker is open. */
  pickerKey(action: KeyAction): ThemeKeyResult;
  /** The picker went away (any way): the kept theme comes back unless one was just kept. With a
   * session, only that opening is closed. */
  closePicker(session?: number): void;
  /** Show a theme now without keeping it. */
  preview(theme: Theme): void;
  /** Back to the kept theme. */
  restore(): void;
  /** Keep a theme (saves it through `persist`); returns what to tell the user. */
  keep(name: string, theme: Theme): UiHint;
}

const ThemeSwitchContext = createContext<ThemeSwitch | undefined>(undefined);

export function useThemeSwitch(): ThemeSwitch | undefined {
  return useContext(ThemeSwitchContext);
}

/** Index of the entry the picker starts on: the kept theme, else the first. */
export function startIndex(entries: readonly ThemeChoice[], keptName: string): number {
  return Math.max(0, entries.findIndex((e) => e.name === keptName));
}

export interface ThemeSwitcherProps {
  initial: Theme;
  /** The file name of the initial theme ("dark"). */
  initialName: string;
  list: () => ThemeChoice[];
  /** Save the kept theme; the notice says where, or why it is for this session only. */
  persist?: (name: string) => UiHint;
  /** NO_COLOR is set: the picker says why colours stay off. */
  noColor?: boolean;
  children: ReactNode;
}

export function ThemeSwitcher({ initial, initialName, list, persist, noColor = false, children }: ThemeSwitcherProps) {
  const [shown, setShown] = useState(initial);
  const [keptName, setKeptName] = useState(initialName);
  const kept = useRef({ name: initialName, theme: initial });
  // The picker's state lives in a ref (keys that arrive before a re-render see the previous key's
  // move) mirrored into React state for drawing.
  const pickerRef = useRef<ThemePickerState | null>(null);
  const [picker, setPickerState] = useState<ThemePickerState | null>(null);
  const setPicker = useCallback((next: ThemePickerState | null) => {
    pickerRef.current = next;
    setPickerState(next);
  }, []);
  const listRef = useRef(list);
  listRef.current = list;
  const persistRef = useRef(persist);
  persistRef.current = persist;

  const preview = useCallback((theme: Theme) => setShown(theme), []);
  const restore = useCallback(() => setShown(kept.current.theme), []);
  const keep = useCallback((name: string, theme: Theme): UiHint => {
    kept.current = { name, theme };
    setShown(theme);
    setKeptName(name);
    return persistRef.current ? persistRef.current(name) : { text: `Theme "${name}" for this session.`, level: 'info' };
  }, []);

  const sessions = useRef(0);
  const openPicker = useCallback(() => {
    const entries = listRef.current();
    setPicker({ session: ++sessions.current, entries, index: startIndex(entries, kept.current.name) });
  }, [setPicker]);

  const closePicker = useCallback((session?: number) => {
    if (pickerRef.current === null) return;
    if (session !== undefined && pickerRef.current.session !== session) return;
    setPicker(null);
    setShown(kept.current.theme);
  }, [setPicker]);

  const pickerKey = useCallback(
    (action: KeyAction): ThemeKeyResult => {
      const state = pickerRef.current;
      if (state === null) return { handled: false };
      const count = state.entries.length;
      const move = (index: number): ThemeKeyResult => {
        if (count === 0) return { handled: true };
        const entry = state.entries[index]!;
        setPicker({ ...state, index, problem: undefined });
        setShown('theme' in entry ? entry.theme : kept.current.theme);
        return { handled: true };
      };
      switch (action) {
        case 'up':
          return move((state.index - 1 + count) % Math.max(1, count));
        case 'down':
          return move((state.index + 1) % Math.max(1, count));
        case 'home':
          return move(0);
        case 'end':
          return move(Math.max(0, count - 1));
        case 'send': {
          const entry = state.entries[state.index];
          if (!entry) return { handled: true };
          if (!('theme' in entry)) {
            setPicker({ ...state, problem: `${entry.name} cannot be used: ${entry.error}` });
            return { handled: true };
          }
          const notice = keep(entry.name, entry.theme);
          setPicker(null);
          return { handled: true, close: true, notice };
        }
        case 'stop':
        case 'themes':
          closePicker();
          return { handled: true, close: true };
        default:
          return { handled: false };
      }
    },
    [closePicker, keep, setPicker],
  );

  const value = useMemo<ThemeSwitch>(
    () => ({ noColor, keptName, picker, openPicker, pickerKey, closePicker, preview, restore, keep }),
    [noColor, keptName, picker, openPicker, pickerKey, closePicker, preview, restore, keep],
  );
  return (
    <ThemeSwitchContext.Provider value={value}>
      <ThemeContext.Provider value={shown}>{children}</ThemeContext.Provider>
    </ThemeSwitchContext.Provider>
  );
}
