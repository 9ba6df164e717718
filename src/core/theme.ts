/**
 * Semantic colour tokens. Components use tokens only, never raw colours. A theme file in themes/
 * maps every token to an Ink colour (named, #hex, or ansi256(n)); NO_COLOR maps every token to undefined.
 */

export const THEME_TOKENS = [
  'text', // normal text
  'muted', // secondary text, hints, labels
  'accent', // titles, highlights, the model name
  'user', // the "you" label
  'assistant', // the model's label
  'thinking', // reasoning text
  'border', // pane borders
  'borderActive', // border of the focused/active pane
  'ok', // connected, success
  'warn', // warnings, "stopped"
  'error', // errors
  'barFill', // filled part of RAM/VRAM bars, sparkline
  'barEmpty', // empty part of bars
  'code', // inline code and code blocks
] as const;

export type ThemeToken = (typeof THEME_TOKENS)[number];

export interface Theme {
  name: string;
  /** undefined = terminal default colour (always the case under NO_COLOR). */
  colors: Record<ThemeToken, string | undefined>;
}

/** The NO_COLOR convention (https://no-color.org): set and non-empty. The one place that decides it. */
export function noColorRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  return typeof env.NO_COLOR === 'string' && env.NO_COLOR !== '';
}

export const noColorTheme: Theme = {
  name: 'no-color',
  colors: Object.fromEntries(THEME_TOKENS.map((t) => [t, undefined])) as Record<ThemeToken, undefined>,
};

/** Built-in fallback used by tests and when no theme file is loaded; matches themes/dark.json. */
export const defaultTheme: Theme = {
  name: 'dark',
  colors: {
    text: 'white',
    muted: 'gray',
    accent: 'cyan',
    user: 'green',
    assistant: 'magenta',
    thinking: 'gray',
    border: 'gray',
    borderActive: 'cyan',
    ok: 'green',
    warn: 'yellow',
    error: 'red',
    barFill: 'cyan',
    barEmpty: 'gray',
    code: 'yellow',
  },
};
