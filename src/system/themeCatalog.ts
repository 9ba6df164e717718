/**
 * The themes the picker offers: every themes/*.json, each loaded and checked. A file that fails the check
 * is listed with its error (the picker shows it and will not apply it).
 */
import { availableThemes, loadTheme, THEMES_DIR } from './themeFiles.js';
import type { Theme } from '../ui/theme.js';

export type ThemeEntry = { name: string; theme: Theme } | { name: string; error: string };

export function listThemes(options: { dir?: string; noColor?: boolean } = {}): ThemeEntry[] {
  const dir = options.dir ?? THEMES_DIR;
  return availableThemes(dir).map((name) => {
    try {
      return { name, theme: loadTheme(name, { dir, noColor: options.noColor ?? false }) };
    } catch (err) {
      return { name, error: (err as Error).message };
    }
  });
}
