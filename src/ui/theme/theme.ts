/** The theme in force, handed down through React (the tokens and built-in themes are in src/core/theme.ts). */
import { createContext, useContext } from 'react';
import { defaultTheme, type Theme } from '../../core/theme.js';

export const ThemeContext = createContext<Theme>(defaultTheme);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
