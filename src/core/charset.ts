/**
 * What the terminal can draw, from the environment (pure: the caller passes the variables).
 *
 * utf8Locale: the locale's character set as the C library picks it: the first of LC_ALL, LC_CTYPE and
 * LANG that is set and non-empty decides; UTF-8 when it names UTF-8 ("C.UTF-8", "en_US.utf8"); with
 * none set, the locale is "C" (ASCII), as tmux and ncurses read it.
 *
 * asciiText: the screen's drawing characters in ASCII, one cell for one cell (the layout is unchanged):
 * box drawing → + - |, bars █░ → # ., sparkline levels ▁…█ → _.:-=+*#, arrows and pointers → ^ v < >,
 * the middle dot and ellipsis → ".". Text that is not drawing (an answer's CJK, accents) is left as it is.
 */

export function utf8Locale(env: Readonly<Record<string, string | undefined>>): boolean {
  for (const name of ['LC_ALL', 'LC_CTYPE', 'LANG']) {
    const value = env[name];
    if (value !== undefined && value !== '') return /utf-?8/i.test(value);
  }
  return false;
}

const ASCII: Readonly<Record<string, string>> = {
  '─': '-', '━': '-', '│': '|', '┃': '|', '┌': '+', '┐': '+', '└': '+', '┘': '+', '├': '+', '┤': '+',
  '┬': '+', '┴': '+', '┼': '+', '╭': '+', '╮': '+', '╰': '+', '╯': '+', '▏': '|',
  '█': '#', '░': '.', '▁': '_', '▂': '.', '▃': ':', '▄': '-', '▅': '=', '▆': '+', '▇': '*',
  '▸': '>', '▶': '>', '›': '>', '▾': 'v', '▴': '^', '◂': '<', '‹': '<',
  '↑': '^', '↓': 'v', '←': '<', '→': '>', '⟳': '~',
  '·': '.', '…': '.', '•': '*', '–': '-', '—': '-', '✗': 'x', '✓': 'v',
};
const DRAWING = new RegExp(`[${Object.keys(ASCII).join('')}]`, 'g');

export function asciiText(text: string): string {
  return text.replace(DRAWING, (c) => ASCII[c] ?? c);
}
