/**
 * The themes the picker offers: every themes/*.json shipped with r1-tui and every *.json in the user's
 * theme directory ($XDG_CONFIG_HOME/r1-tui/themes; a user file wins over a shipped one of the same name),
 * each loaded and checked. A file that fails the check is listed with its error (the picker shows it and
 * will not apply it).
 */
import { availableThemes, loadTheme, THEMES_DIR } from './themeFiles.js';
import type { Theme } from '../core/theme.js';

export type ThemeEntry = { name: string; theme: Theme; user?: boolean } | { name: string; error: string; user?: boolean };

export function listThemes(options: { dir?: string; userDir?: string; noColor?: boolean } = {}): ThemeEntry[] {
  const dir = options.dir ?? THEMES_DIR;
  const userNames = new Set(options.userDir !== undefined ? availableThemes(options.userDir) : []);
  const names = [...new Set([...availableThemes(dir), ...userNames])].sort();
  return names.map((name) => {
    const user = userNames.has(name) ? { user: true } : {};
    try {
      return { name, theme: loadTheme(name, { dir, userDir: options.userDir, noColor: options.noColor ?? false }), ...user };
    } catch (err) {
      return { name, error: (err as Error).message, ...user };
    }
  });
}
