/** Reading a captured screen as text, for the e2e tests' matchers. */
import type { AppProcess } from './pty.js';

/** The header row. */
export const header = (s: string): string => s.split('\n')[0] ?? '';

/** The screen as one line of words: borders removed, wrapped rows joined, so sentences can be matched. */
export const words = (s: string): string =>
  s
    .split('\n')
    .map((r) => r.replace(/[│┌┐└┘─]/g, ' ').trim())
    .join(' ')
    .replace(/\s+/g, ' ');

/** Wait until the screen's words match `re`. */
export const waitWords = (a: AppProcess, re: RegExp, ms = 20_000): Promise<string> => a.waitFor((s) => re.test(words(s)), ms);
