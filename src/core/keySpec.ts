/**
 * Key specs: the text form of a key used by the binding table and the config ("ctrl+g", "alt+m",
 * "shift+pageup", "f2"), parsed into a canonical spec, turned into a label for the help ("Ctrl+G"),
 * and computed from one Ink keypress (pure, cheap: it runs on every keypress).
 */

/** Modifier bits of a canonical spec. */
export const CTRL = 1;
export const ALT = 2;
export const SHIFT = 4;

/** Keys with names (everything else is one character). */
export const NAMED_KEYS = ['enter', 'esc', 'tab', 'backspace', 'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end'] as const;
export type NamedKey = (typeof NAMED_KEYS)[number];

/** Raw sequences of the function keys (xterm SS3 and CSI, rxvt/VT220, Linux console); Ink cannot name them. */
export const FUNCTION_KEY_SEQUENCES: Readonly<Record<string, readonly string[]>> = {
  f1: ['\u001BOP', '\u001B[11~', '\u001B[[A'],
  f2: ['\u001BOQ', '\u001B[12~', '\u001B[[B'],
  f3: ['\u001BOR', '\u001B[13~', '\u001B[[C'],
  f4: ['\u001BOS', '\u001B[14~', '\u001B[[D'],
  f5: ['\u001B[15~', '\u001B[[E'],
  f6: ['\u001B[17~'],
  f7: ['\u001B[18~'],
  f8: ['\u001B[19~'],
  f9: ['\u001B[20~'],
  f10: ['\u001B[21~'],
  f11: ['\u001B[23~'],
  f12: ['\u001B[24~'],
};

const NAME_ALIASES: Record<string, string> = {
  return: 'enter',
  escape: 'esc',
  pgup: 'pageup',
  pgdn: 'pagedown',
  pgdown: 'pagedown',
  page_up: 'pageup',
  page_down: 'pagedown',
  bs: 'backspace',
  '↑': 'up',
  '↓': 'down',
  '←': 'left',
  '→': 'right',
};
const MODIFIER_ALIASES: Record<string, number> = { ctrl: CTRL, control: CTRL, alt: ALT, meta: ALT, option: ALT, opt: ALT, shift: SHIFT };

/** Canonical spec: "ctrl+alt+shift+base" with the modifiers in that order ("alt+m", "shift+pageup", "f2"). */
export function composeSpec(mods: number, base: string): string {
  return `${mods & CTRL ? 'ctrl+' : ''}${mods & ALT ? 'alt+' : ''}${mods & SHIFT ? 'shift+' : ''}${base}`;
}

export type ParsedSpec = { ok: true; spec: string; mods: number; base: string } | { ok: false; error: string };

/** Same byte as another key in a terminal: Ctrl+I is Tab, Ctrl+M Enter, Ctrl+H Backspace, Ctrl+[ Esc. */
const CTRL_ALIASES: Record<string, string> = { i: 'Tab', m: 'Enter', h: 'Backspace', '[': 'Esc' };

/** Parse what a user wrote ("Ctrl+G", "alt+m", "F2", "shift+PgUp") into a canonical spec, or say why not. */
export function parseKeySpec(text: string): ParsedSpec {
  const shown = JSON.stringify(text.slice(0, 40));
  const parts = text.trim().toLowerCase().split('+').map((p) => p.trim());
  const rawBase = parts.pop() ?? '';
  if (rawBase === '') return { ok: false, error: `${shown} is not a key: it needs a key after the modifiers, like "ctrl+g", "alt+m" or "f2"` };
  let mods = 0;
  for (const part of parts) {
    const bit = MODIFIER_ALIASES[part];
    if (bit === undefined) return { ok: false, error: `${shown} is not a key: "${part}" is not a modifier (use ctrl, alt or shift)` };
    mods |= bit;
  }
  const base = NAME_ALIASES[rawBase] ?? rawBase;
  if (/^f([1-9]|1[0-2])$/.test(base)) {
    if (mods !== 0) return { ok: false, error: `${shown}: function keys are bound without modifiers here (write just "${base}")` };
    return { ok: true, spec: base, mods, base };
  }
  if ((NAMED_KEYS as readonly string[]).includes(base)) return { ok: true, spec: composeSpec(mods, base), mods, base };
  if ([...base].length !== 1) {
    return { ok: false, error: `${shown} is not a key: use a letter, a digit, f1-f12, or one of ${NAMED_KEYS.join(', ')}, with ctrl+, alt+ or shift+` };
  }
  if (!/^[a-z0-9.,;/\\\-=[\]']$/.test(base)) return { ok: false, error: `${shown} is not a key a terminal sends reliably; use a letter or a digit with ctrl+ or alt+` };
  if (!(mods & (CTRL | ALT))) return { ok: false, error: `${shown} would stop you typing "${base}"; add ctrl+ or alt+ (for example "alt+${base}")` };
  if (mods & SHIFT) return { ok: false, error: `${shown}: shift with a letter or digit is not told apart by most terminals; use ctrl+ or alt+ alone` };
  if (mods & CTRL && mods & ALT) return { ok: false, error: `${shown}: ctrl+alt together is not sent reliably by terminals; use ctrl+ or alt+ alone` };
  if (mods & CTRL && !/^[a-z]$/.test(base)) return { ok: false, error: `${shown}: terminals send Ctrl only with letters; use "alt+${base}" instead` };
  if (mods & CTRL && CTRL_ALIASES[base]) return { ok: false, error: `${shown} is the same byte as ${CTRL_ALIASES[base]} in a terminal; choose another letter` };
  return { ok: true, spec: composeSpec(mods, base), mods, base };
}

const LABEL_NAMES: Record<string, string> = {
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
};

/** "ctrl+g" → "Ctrl+G", "shift+pageup" → "Shift+PgUp", "f2" → "F2", "alt+up" → "Alt+↑". */
export function keyLabel(spec: string): string {
  const parts = spec.split('+');
  const base = parts.pop() ?? '';
  const name = LABEL_NAMES[base] ?? base.toUpperCase();
  return [...parts.map((p) => (p === 'ctrl' ? 'Ctrl' : p === 'alt' ? 'Alt' : 'Shift')), name].join('+');
}

/** The flags of Ink's Key that keySpec reads (a structural subset, so tests can pass plain objects). */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  meta?: boolean;
}

/** The named key of an Ink keypress, or undefined for a character. Ink 6.8 reports Backspace as `delete`. */
export function namedKeyOf(key: KeyFlags): NamedKey | undefined {
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return 'tab';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.backspace || key.delete) return 'backspace';
  return undefined;
}
