/**
 * What r1-tui accepts as a theme name (--theme, the config's "theme", a themes/<name>.json to load): a
 * letter or digit, then letters, digits, - and _. One rule, so a theme the picker loads can also be named
 * on the command line and saved in the config.
 */
export const THEME_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function isThemeName(name: string): boolean {
  return THEME_NAME_PATTERN.test(name);
}
