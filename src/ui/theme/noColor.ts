/** NO_COLOR convention (https://no-color.org): set and non-empty. (UI copy of system/themeFiles' check.) */
export function noColorRequested(env: Record<string, string | undefined> = process.env): boolean {
  return typeof env.NO_COLOR === 'string' && env.NO_COLOR !== '';
}
