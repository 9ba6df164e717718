/**
 * Where r1-tui keeps its files, by the XDG base directory rules: data under $XDG_DATA_HOME/r1-tui
 * (default ~/.local/share/r1-tui), config under $XDG_CONFIG_HOME/r1-tui (default ~/.config/r1-tui).
 * A relative XDG value is ignored, as the spec says.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

type Env = Record<string, string | undefined>;

function xdgBase(env: Env, variable: string, fallback: string[]): string {
  const value = env[variable];
  if (value && isAbsolute(value)) return value;
  return join(env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir(), ...fallback);
}

export function dataDir(env: Env = process.env): string {
  return join(xdgBase(env, 'XDG_DATA_HOME', ['.local', 'share']), 'r1-tui');
}

export function conversationsDir(env: Env = process.env): string {
  return join(dataDir(env), 'conversations');
}

/** Where copies that could not go to the clipboard are written. */
export function clipsDir(env: Env = process.env): string {
  return join(dataDir(env), 'clips');
}

export function configDir(env: Env = process.env): string {
  return join(xdgBase(env, 'XDG_CONFIG_HOME', ['.config']), 'r1-tui');
}

export function configPath(env: Env = process.env): string {
  return join(configDir(env), 'config.json');
}

/** The user's own theme files (the theme picker lists them next to the shipped ones). */
export function userThemesDir(env: Env = process.env): string {
  return join(configDir(env), 'themes');
}
