/**
 * SGR (Select Graphic Rendition) state: what the screen writer reads from Ink's rows and what it tells
 * the terminal. A style is a bit set of attributes plus a foreground and a background colour kept as
 * their SGR parameter text ('31', '38;5;12', '38;2;1;2;3'; '' = the terminal's default).
 * Styles are interned by a StyleTable so a cell holds a small number and equal styles compare by id.
 */
export const BOLD = 1;
export const DIM = 2;
export const ITALIC = 4;
export const UNDERLINE = 8;
export const BLINK = 16;
export const INVERSE = 32;
export const HIDDEN = 64;
export const STRIKE = 128;
export const OVERLINE = 256;

export interface Style {
  readonly flags: number;
  readonly fg: string;
  readonly bg: string;
}

export const PLAIN: Style = { flags: 0, fg: '', bg: '' };

/** Attribute bit and its SGR on/off codes (bold and dim share 22 as their off code). */
const ATTRIBUTES: ReadonlyArray<readonly [number, number, number]> = [
  [BOLD, 1, 22],
  [DIM, 2, 22],
  [ITALIC, 3, 23],
  [UNDERLINE, 4, 24],
  [BLINK, 5, 25],
  [INVERSE, 7, 27],
  [HIDDEN, 8, 28],
  [STRIKE, 9, 29],
  [OVERLINE, 53, 55],
];

const ON = new Map<number, number>(ATTRIBUTES.map(([bit, on]) => [on, bit]));
const OFF = new Map<number, number>([
  [22, BOLD | DIM],
  [23, ITALIC],
  [24, UNDERLINE],
  [25, BLINK],
  [27, INVERSE],
  [28, HIDDEN],
  [29, STRIKE],
  [55, OVERLINE],
]);

/** The style after applying one SGR parameter list (the text between `ESC[` and `m`). */
export function applySgr(style: Style, params: string): Style {
  let { flags, fg, bg } = style;
  const parts = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.includes(':')) {
      // colon forms (38:2::r:g:b): kept as written
      if (part.startsWith('38')) fg = part;
      else if (part.startsWith('48')) bg = part;
      continue;
    }
    const p = part === '' ? 0 : Number(part);
    if (p === 0) {
      flags = 0;
      fg = '';
      bg = '';
    } else if (p === 38 || p === 48) {
      const mode = parts[i + 1];
      const take = mode === '5' ? 2 : mode === '2' ? 4 : 0;
      if (take === 0) break; // malformed: ignore the rest, as terminals do
      const colour = parts.slice(i, i + 1 + take).join(';');
      if (p === 38) fg = colour;
      else bg = colour;
      i += take;
    } else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) fg = part;
    else if ((p >= 40 && p <= 47) || (p >= 100 && p <= 107)) bg = part;
    else if (p === 39) fg = '';
    else if (p === 49) bg = '';
    else if (ON.has(p)) flags |= ON.get(p)!;
    else if (OFF.has(p)) flags &= ~OFF.get(p)!;
  }
  return { flags, fg, bg };
}

/** The shortest SGR sequence that turns `from` into `to` ('' when they are equal). */
export function sgrTransition(from: Style, to: Style): string {
  if (from.flags === to.flags && from.fg === to.fg && from.bg === to.bg) return '';
  if (to.flags === 0 && to.fg === '' && to.bg === '') return '\u001B[m';
  const incremental: string[] = [];
  const off = from.flags & ~to.flags;
  let kept = from.flags & to.flags;
  if (off & (BOLD | DIM)) {
    incremental.push('22');
    kept &= ~(BOLD | DIM);
  }
  for (const [bit, , offCode] of ATTRIBUTES) if (bit !== BOLD && bit !== DIM && off & bit) incremental.push(String(offCode));
  for (const [bit, onCode] of ATTRIBUTES) if (to.flags & bit && !(kept & bit)) incremental.push(String(onCode));
  if (from.fg !== to.fg) incremental.push(to.fg || '39');
  if (from.bg !== to.bg) incremental.push(to.bg || '49');
  const reset = ['0'];
  for (const [bit, onCode] of ATTRIBUTES) if (to.flags & bit) reset.push(String(onCode));
  if (to.fg) reset.push(to.fg);
  if (to.bg) reset.push(to.bg);
  const a = incremental.join(';');
  const b = reset.join(';');
  return `\u001B[${a.length <= b.length ? a : b}m`;
}

/** Interns styles: equal styles get the same id; id 0 is the plain style. */
export class StyleTable {
  private readonly ids = new Map<string, number>([['0||', 0]]);
  private readonly styles: Style[] = [PLAIN];

  id(style: Style): number {
    const key = `${style.flags}|${style.fg}|${style.bg}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.styles.length;
      this.styles.push(style);
      this.ids.set(key, id);
    }
    return id;
  }

  style(id: number): Style {
    return this.styles[id] ?? PLAIN;
  }
}
