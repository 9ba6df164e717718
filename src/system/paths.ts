/**
 * Where r1-tui keeps its files, by the XDG base directory rules: data under $XDG_DATA_HOME/r1-tui
 * (default ~/.local/share/r1-tui), config under $XDG_CONFIG_HOME/r1-tui (default ~/.config/r1-tui),
 * the log under $XDG_STATE_HOME (log.ts). A relative XDG value is ignored, as the spec says.
 * The app, `r1-tui bench` and `r1-tui doctor` all ask here.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

type Env = Record<string, string | undefined>;

/** An XDG base directory: the variable when it is an absolute path, else $HOME (or the OS's home) + fallback. */
export function xdgBase(env: Env, variable: string, fallback: string[]): string {
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

/** `r1-tui bench` results, one JSON report per line (the compare overlay appends here too). */
export function benchHistoryPath(env: Env = process.env): string {
  return join(dataDir(env), 'bench-history.jsonl');
}

/** This host's measured load times and prompt-eval rates per model (beside the bench history). */
export function waitMeasurementsPath(env: Env = process.env): string {
  return join(dataDir(env), 'wait-measurements.json');
}

/** The user's own theme files (the theme picker lists them next to the shipped ones). */
export function userThemesDir(env: Env = process.env): string {
  return join(configDir(env), 'themes');
}
