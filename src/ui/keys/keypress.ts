/**
 * One input event (as Ink's input parser splits a read: a run of text, or one escape sequence) → the
 * (input, key) pair r1-tui's key handlers take. It replaces Ink 6.8's useInput decoding, which reports
 * Ctrl with no key name for CSI sequences it does not know (Ctrl+F1 `ESC[1;5P`, an SGR `ESC[0m` inside a
 * paste, a bracketed-paste marker) and then throws on `undefined.startsWith`.
 *
 * Contract: total. Every string gives a result, `input` is always a string, and an escape sequence that
 * is not a key gives `{ input: '' }` with no flags, so it is neither typed nor bound. The flags follow
 * Ink's meanings (what keymap.ts and the key tests rely on): Esc sets `meta`; Backspace (DEL) is
 * `delete`, Ctrl+H (BS) `backspace`; Ctrl+letter is (letter, ctrl); an upper-case letter sets `shift`.
 */
import type { Key } from 'ink';

export interface Keypress {
  input: string;
  key: Key;
  /** The function key (f1–f12) a sequence names, with or without modifiers. */
  functionKey?: string;
}

const ESC = '\u001B';

function blankKey(): Key {
  return {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
  };
}

type KeyName = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageup' | 'pagedown' | 'tab' | 'delete' | 'insert' | 'clear';

const FLAG: Partial<Record<KeyName, keyof Key>> = {
  up: 'upArrow',
  down: 'downArrow',
  left: 'leftArrow',
  right: 'rightArrow',
  home: 'home',
  end: 'end',
  pageup: 'pageUp',
  pagedown: 'pageDown',
  tab: 'tab',
  delete: 'delete',
};

/** Final letter of `CSI [1;mods] X` / `SS3 X` → key. */
const LETTER_KEYS: Record<string, KeyName | `f${number}`> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  E: 'clear',
  F: 'end',
  H: 'home',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
  Z: 'tab',
};
/** rxvt: lower-case letters are the Shift (CSI) or Ctrl (SS3) arrows. */
const RXVT_LETTERS: Record<string, KeyName> = { a: 'up', b: 'down', c: 'right', d: 'left', e: 'clear' };

/** Number of `CSI n [;mods] ~|^|$` → key. */
const TILDE_KEYS: Record<number, KeyName | `f${number}`> = {
  1: 'home',
  2: 'insert',
  3: 'delete',
  4: 'end',
  5: 'pageup',
  6: 'pagedown',
  7: 'home',
  8: 'end',
  11: 'f1',
  12: 'f2',
  13: 'f3',
  14: 'f4',
  15: 'f5',
  17: 'f6',
  18: 'f7',
  19: 'f8',
  20: 'f9',
  21: 'f10',
  23: 'f11',
  24: 'f12',
};
/** Cygwin/libuv `ESC [ [ X` function keys. */
const DOUBLE_BRACKET: Record<string, `f${number}`> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

function named(name: KeyName | `f${number}` | undefined, mods: number, extra: { meta?: boolean; shift?: boolean; ctrl?: boolean } = {}): Keypress {
  const key = blankKey();
  if (name === undefined) return { input: '', key };
  // xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8)
  const bits = mods > 1 ? mods - 1 : 0;
  key.shift = Boolean(bits & 1) || Boolean(extra.shift);
  key.meta = Boolean(bits & 10) || Boolean(extra.meta);
  key.ctrl = Boolean(bits & 4) || Boolean(extra.ctrl);
  if (name.startsWith('f')) return { input: '', key, functionKey: name };
  const flag = FLAG[name as KeyName];
  if (flag) (key as unknown as Record<string, boolean>)[flag] = true;
  return { input: '', key };
}

/** A modifier parameter: a small positive integer, else none (a garbled one must not set flags). */
function modifierOf(text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 16 ? n : 1;
}

const CSI_KEY = /^\[(?:(\d+)(?:;(\d*))?([~^$])|(?:1;)?(\d*)([A-Za-z]))$/;
const SS3_KEY = /^O(\d*)([A-Za-z])$/;

/** `body` is what follows the ESC (one ESC already removed; `alt` when there was a second one). */
function escapeSequence(body: string, alt: boolean): Keypress {
  if (body.startsWith('[[') && body.length === 3) return named(DOUBLE_BRACKET[body[2]!], 1, { meta: alt });
  if (body === '[[5~' || body === '[[6~') return named(body === '[[5~' ? 'pageup' : 'pagedown', 1, { meta: alt });
  let match = CSI_KEY.exec(body);
  if (match) {
    if (match[3] !== undefined) {
      const name = TILDE_KEYS[Number(match[1])];
      const mods = modifierOf(match[2]);
      return named(name, mods, { meta: alt, shift: match[3] === '$', ctrl: match[3] === '^' });
    }
    const letter = match[5]!;
    const rxvt = RXVT_LETTERS[letter];
    if (rxvt) return named(rxvt, 1, { meta: alt, shift: true });
    const name = LETTER_KEYS[letter];
    return named(name, modifierOf(match[4]), { meta: alt, shift: letter === 'Z' });
  }
  match = SS3_KEY.exec(body);
  if (match) {
    const letter = match[2]!;
    const rxvt = RXVT_LETTERS[letter];
    if (rxvt) return named(rxvt, 1, { meta: alt, ctrl: true });
    return named(LETTER_KEYS[letter], modifierOf(match[1]), { meta: alt });
  }
  return { input: '', key: blankKey() };
}

/** Decode one input event. Never throws; see the module comment. */
export function decodeKeypress(sequence: string): Keypress {
  const key = blankKey();
  const s = typeof sequence === 'string' ? sequence : '';
  if (s === '') return { input: '', key };
  if (s === '\r' || s === `${ESC}\r`) {
    key.return = true;
    key.meta = s.length === 2;
    return { input: '', key };
  }
  if (s === '\n') return { input: '\n', key }; // Ctrl+J (keymap.ts binds it by this input)
  if (s === '\t') {
    key.tab = true;
    return { input: '', key };
  }
  if (s === '\b' || s === `${ESC}\b`) {
    key.backspace = true;
    key.meta = s.length === 2;
    return { input: '', key };
  }
  if (s === '\u007F' || s === `${ESC}\u007F`) {
    key.delete = true;
    key.meta = s.length === 2;
    return { input: '', key };
  }
  if (s === ESC || s === `${ESC}${ESC}`) {
    key.escape = true;
    key.meta = true;
    return { input: '', key };
  }
  if (s.startsWith(ESC)) {
    const alt = s[1] === ESC;
    const body = s.slice(alt ? 2 : 1);
    if (body.startsWith('[') || (body.startsWith('O') && body.length > 1)) return escapeSequence(body, alt);
    // ESC + one character: Alt+character (Ink's Alt+letter/digit, and any other printable one).
    const chars = [...body];
    if (chars.length === 1 && !alt) {
      const c = chars[0]!;
      if (c === ' ') return { input: ' ', key: { ...key, meta: true } };
      if (c >= ' ' && c !== '\u007F') return { input: c, key: { ...key, meta: true, shift: /^[A-Z]$/.test(c) } };
      if (c < ' ') {
        // Alt+Ctrl+letter
        return { input: String.fromCharCode(c.charCodeAt(0) + 96), key: { ...key, meta: true, ctrl: true } };
      }
    }
    return { input: '', key };
  }
  if (s.length === 1 && s <= '\u001A') {
    key.ctrl = true;
    return { input: String.fromCharCode(s.charCodeAt(0) + 96), key };
  }
  if (s.length === 1 && s >= 'A' && s <= 'Z') key.shift = true;
  // Any other control byte alone (FS, GS, RS, US) is not text.
  if (s.length === 1 && s < ' ') return { input: '', key };
  return { input: s, key };
}
