/**
 * What the theme picker does with a kept theme: writes "theme" into config.json (configWrite.ts) and
 * says where, or says why the theme is for this session only.
 */
import { homedir } from 'node:os';
import { saveConfigString } from './configWrite.js';

export interface PersistNotice {
  text: string;
  level: 'info' | 'warn';
}

/** "/home/me/.config/r1-tui/config.json" → "~/.config/r1-tui/config.json". */
export function shortPath(path: string, home = homedir()): string {
  return home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

/** `flagTheme`: the --theme this run started with (it still wins over the saved one at the next start). */
export function themePersister(configFile: string, save = saveConfigString, flagTheme?: string): (name: string) => PersistNotice {
  return (name) => {
    const done = save(configFile, 'theme', name);
    if (done.ok) {
      const flag = flagTheme !== undefined && flagTheme !== name ? ` (a --theme flag still wins at start)` : '';
      return { text: `Theme "${name}" saved in ${shortPath(done.path)}${flag}.`, level: 'info' };
    }
    return {
      text: `Theme "${name}" is used for this session only: ${shortPath(done.path)} ${done.reason}.`,
      level: 'warn',
    };
  };
}
