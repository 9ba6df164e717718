/**
 * Theme loading: themes/<name>.json (shipped with the package) mapped onto the semantic tokens of
 * src/ui/theme/theme.ts. Every problem becomes one human sentence naming the file; NO_COLOR wins over any theme.
 */
import { existsSync, readdirSync } from 'node:fs';
import { FileRefusedError, MAX_THEME_BYTES, readRegularFile } from './safeFiles.js';
import { JsonPositionError, parseJsonWithPosition } from '../core/jsonText.js';

export { JsonPositionError, parseJsonWithPosition };
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noColorTheme, THEME_TOKENS, type Theme, type ThemeToken } from '../core/theme.js';
import { isThemeName } from '../core/themeName.js';

/** src/system/themeFiles.ts and dist/system/themeFiles.js both sit two levels below the package root. */
export const THEMES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'themes');

export const DEFAULT_THEME = 'dark';

export interface LoadThemeOptions {
  /** True when NO_COLOR is set to a non-empty value: every token becomes the terminal default. */
  noColor?: boolean;
  /** Directory holding the theme files (tests). */
  dir?: string;
  /** The user's own themes ($XDG_CONFIG_HOME/r1-tui/themes); a file there wins over a shipped one of the same name. */
  userDir?: string;
}

const NAMED_COLORS = new Set(
  ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey'].flatMap((c) =>
    c === 'gray' || c === 'grey' ? [c] : [c, `${c}Bright`],
  ),
);

export function isValidColor(value: string): boolean {
  if (NAMED_COLORS.has(value)) return true;
  if (/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) return true;
  const ansi = /^ansi256\((\d{1,3})\)$/.exec(value);
  if (ansi) return Number(ansi[1]) <= 255;
  const rgb = /^rgb\((\d{1,3}),\s?(\d{1,3}),\s?(\d{1,3})\)$/.exec(value);
  if (rgb) return rgb.slice(1).every((n) => Number(n) <= 255);
  return false;
}

export function availableThemes(dir = THEMES_DIR): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
  } catch {
    return [];
  }
}

export function loadTheme(name: string, options: LoadThemeOptions = {}): Theme {
  if (options.noColor) return noColorTheme;
  const dir = options.dir ?? THEMES_DIR;
  if (!isThemeName(name)) {
    throw new Error(`Theme name "${name}" is not valid: use letters, digits, "-" or "_" (for example --theme dark).`);
  }
  const userFile = options.userDir !== undefined ? join(options.userDir, `${name}.json`) : undefined;
  const fromUser = userFile !== undefined && existsSync(userFile);
  const file = fromUser ? userFile : join(dir, `${name}.json`);
  const shown = fromUser ? userFile : `themes/${name}.json`;
  if (!existsSync(file)) {
    const list = [...new Set([...availableThemes(dir), ...(options.userDir !== undefined ? availableThemes(options.userDir) : [])])].sort();
    throw new Error(
      `Theme "${name}" not found (${shown}). Available themes: ${list.length > 0 ? list.join(', ') : 'none'}.`,
    );
  }
  let raw: string;
  try {
    raw = readRegularFile(file, MAX_THEME_BYTES);
  } catch (err) {
    if (err instanceof FileRefusedError) throw new Error(`${err.message}.`);
    throw new Error(`Cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}.`);
  }
  let data: unknown;
  try {
    data = parseJsonWithPosition(raw);
  } catch (err) {
    if (err instanceof JsonPositionError) {
      throw new Error(`${shown} is not valid JSON: ${err.problem} (line ${err.line}, column ${err.column}).`);
    }
    throw err;
  }
  return validateTheme(data, name, shown);
}

function validateTheme(data: unknown, name: string, shown: string): Theme {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${shown} must hold a JSON object with a "colors" object.`);
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'name' && key !== 'colors') {
      throw new Error(`${shown} has an unknown field "${key}"; only "name" and "colors" are allowed.`);
    }
  }
  if (record.name !== undefined && typeof record.name !== 'string') {
    throw new Error(`${shown}: "name" must be a string.`);
  }
  const colors = record.colors;
  if (typeof colors !== 'object' || colors === null || Array.isArray(colors)) {
    throw new Error(`${shown} has no "colors" object mapping each token to a colour.`);
  }
  const known = new Set<string>(THEME_TOKENS);
  const entries = colors as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (!known.has(key)) {
      throw new Error(`${shown} has an unknown token "${key}"; known tokens: ${THEME_TOKENS.join(', ')}.`);
    }
  }
  const result = {} as Record<ThemeToken, string | undefined>;
  for (const token of THEME_TOKENS) {
    const value = entries[token];
    if (value === undefined) {
      throw new Error(`${shown} is missing the token "${token}".`);
    }
    if (typeof value !== 'string' || !isValidColor(value)) {
      throw new Error(
        `${shown}: token "${token}" has the colour ${JSON.stringify(value)}, which is not a colour name, #rrggbb, ansi256(n) or rgb(r,g,b).`,
      );
    }
    result[token] = value;
  }
  return { name: typeof record.name === 'string' ? record.name : name, colors: result };
}
