/**
 * Keys at run time. `matchKey` maps one Ink keypress to an action through a KeyTable (the bindings in
 * force, made once by `keyTable`); the help overlay lists KEY_HELP. No module state: the table in force
 * is data the App receives (its `keyBindings` prop) and hands down through KeyTableContext
 * (keyTableContext.ts), so two renders or tests with different keys cannot leak into each other. The actions and their default keys are data in src/core/keyBindings.ts.
 * The contract keys (README "Keys": Enter, Ctrl+C, Esc, Ctrl+T, Ctrl+P, F1-F6) never change; new features add rows there and here.
 */
import type { Key } from 'ink';
import { DEFAULT_BINDINGS, type KeyAction, type KeyBindings } from '../../core/keyBindings.js';
import { ALT, composeSpec, CTRL, FUNCTION_KEY_SEQUENCES, namedKeyOf, SHIFT } from '../../core/keySpec.js';

export interface KeyHelp {
  keys: string;
  action: string;
}

/** Every key with what it does, in the order the help overlay shows them. */
export const KEY_HELP: readonly KeyHelp[] = [
  { keys: 'Enter · Ctrl+J', action: 'send the message · new line in it' },
  { keys: 'Esc', action: 'stop generation / close overlay' },
  { keys: 'Ctrl+C', action: 'stop generation, or quit when idle' },
  { keys: 'Ctrl+D · Ctrl+Z', action: 'quit (when the input is empty) · suspend (fg resumes)' },
  { keys: 'Ctrl+T', action: 'fold / unfold the reasoning pane' },
  { keys: 'Ctrl+P', action: 'model picker (type to filter · Tab: spill advice)' },
  { keys: 'PgUp/PgDn End', action: 'scroll the chat by a page; End: newest' },
  { keys: 'Shift+PgUp/PgDn', action: 'scroll the reasoning (also Ctrl+↑/↓)' },
  { keys: '←→↑↓ Home End', action: 'move in the input; ↑/↓ on the first/last line: sent prompts' },
  { keys: 'Backspace Ctrl+U', action: 'delete left; Ctrl+U clears the input' },
  { keys: 'Ctrl+←/→ Ctrl+W Ctrl+G', action: 'word left/right (Alt+b/f) · delete word · regenerate the answer' },
  { keys: 'Alt+M · Alt+T · Alt+S · Alt+H', action: 'raw/rendered · themes · system prompt, temperature… · hosts' },
  { keys: 'Alt+R', action: 'compare models on the input or last question (Space, +/- runs, Enter)' },
  { keys: 'Ctrl+R', action: 'stop and ask again (thinking loop)' },
  { keys: 'r', action: 'retry now (server unreachable screen)' },
  { keys: 'F7 F8 · F9', action: 'previous/next model · unload it (picker: Tab detail, name+Enter pulls)' },
  { keys: 'Alt+↑/↓ · Ctrl+O', action: "select a turn (Esc clears) · its reasoning in the chat (all if none)" },
  { keys: 'F2 F3 F4 F5', action: 'statistics · fold auto/folded/open · think on/off · hide panel' },
  { keys: 'F6 · Ctrl+N', action: 'saved conversations (Enter opens, e exports) · new conversation' },
  { keys: 'Ctrl+Y Alt+Y Alt+1-9', action: 'copy answer · reasoning · code block [N] of the selected/last turn' },
  { keys: 'F1', action: 'this help (Esc or F1 closes it)' },
];

/** Footer hints, most important first; the footer drops from the end to fit (F1 help always stays). */
export const FOOTER_HINTS: readonly string[] = [
  'Enter send',
  'Esc stop',
  'Ctrl+T fold',
  'Ctrl+J newline',
  'Ctrl+P models',
  'Alt+H hosts',
];
export const FOOTER_HELP_HINT = 'F1 help';

/** Bindings made ready for matching keypresses. */
export interface KeyTable {
  readonly bindings: KeyBindings;
  /** canonical spec → action */
  readonly byKey: ReadonlyMap<string, KeyAction>;
  /** raw function-key sequence → action */
  readonly raw: ReadonlyMap<string, KeyAction>;
}

/** The table for these bindings (the defaults, or the defaults with the config's "keys" laid over them). */
export function keyTable(bindings: KeyBindings): KeyTable {
  const byKey = new Map<string, KeyAction>();
  const raw = new Map<string, KeyAction>();
  for (const [action, specs] of Object.entries(bindings) as [KeyAction, readonly string[]][]) {
    for (const spec of specs) {
      if (!byKey.has(spec)) byKey.set(spec, action);
      for (const seq of FUNCTION_KEY_SEQUENCES[spec] ?? []) if (!raw.has(seq)) raw.set(seq, action);
    }
  }
  return { bindings, byKey, raw };
}

/** The default keys' table (a constant; a table with the config's keys is made by the App). */
export const DEFAULT_KEY_TABLE: KeyTable = keyTable(DEFAULT_BINDINGS);

/** Raw sequences of F1 (xterm SS3, rxvt/VT220, Linux console); Ink's useInput reports them as no key. */
export const F1_SEQUENCES: readonly string[] = FUNCTION_KEY_SEQUENCES.f1!;
export const F2_SEQUENCES: readonly string[] = FUNCTION_KEY_SEQUENCES.f2!;
export const F7_SEQUENCES: readonly string[] = FUNCTION_KEY_SEQUENCES.f7!;
export const F8_SEQUENCES: readonly string[] = FUNCTION_KEY_SEQUENCES.f8!;
export const F9_SEQUENCES: readonly string[] = FUNCTION_KEY_SEQUENCES.f9!;
export const F3_SEQUENCES: readonly string[] = FUNCTION_KEY_SEQUENCES.f3!;
export const F4_SEQUENCES: readonly string[] = FUNCTION_KEY_SEQUENCES.f4!;
export const F5_SEQUENCES: readonly string[] = FUNCTION_KEY_SEQUENCES.f5!;

/** Function keys that useInput cannot name, matched on the raw input event. */
export function matchRawKey(data: string, table: KeyTable = DEFAULT_KEY_TABLE): KeyAction | undefined {
  return table.raw.get(data);
}

/** For each modifier set, its proper subsets: most modifiers first, then Ctrl before Alt before Shift. */
const FEWER_MODIFIERS: readonly (readonly number[])[] = [0, 1, 2, 3, 4, 5, 6, 7].map((mods) =>
  [CTRL | ALT, CTRL | SHIFT, ALT | SHIFT, CTRL, ALT, SHIFT, 0].filter((m) => m !== mods && (m & mods) === m),
);

/**
 * One Ink keypress → the action bound to it. A named key with modifiers nobody bound falls back to fewer
 * modifiers (Shift+← is ←, Ctrl+Alt+↑ is Ctrl+↑), as before the table; typed text returns at once.
 */
export function matchKey(input: string, key: Key, table: KeyTable = DEFAULT_KEY_TABLE): KeyAction | undefined {
  const byKey = table.byKey;
  const named = namedKeyOf(key);
  if (named === undefined) {
    if (input === '\n') return byKey.get('ctrl+j');
    if (!key.ctrl && !key.meta) return undefined;
    if (input.length !== 1) return undefined;
    const base = input.toLowerCase();
    const mods = (key.ctrl ? CTRL : 0) | (key.meta ? ALT : 0) | (key.shift || base !== input ? SHIFT : 0);
    const hit = byKey.get(composeSpec(mods, base));
    // Ctrl+letter wins over other modifiers (as terminals mostly cannot send Ctrl+Shift+letter).
    if (hit !== undefined || !key.ctrl || mods === CTRL) return hit;
    return byKey.get(composeSpec(CTRL, base));
  }
  // Ink marks Esc as meta; Esc with anything is Esc.
  const mods = (key.ctrl ? CTRL : 0) | (key.meta && named !== 'esc' ? ALT : 0) | (key.shift ? SHIFT : 0);
  const hit = byKey.get(composeSpec(mods, named));
  if (hit !== undefined || mods === 0 || (named === 'tab' && key.shift)) return hit;
  for (const fewer of FEWER_MODIFIERS[mods]!) {
    const found = byKey.get(composeSpec(fewer, named));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Text to insert for a keypress that is not a binding (typed characters and whole pastes). */
export function typedText(input: string, key: Key): string | undefined {
  if (key.ctrl || key.meta || key.tab) return undefined;
  if (input === '') return undefined;
  return input;
}

export type TypedPiece = { text: string } | { action: 'deleteLeft' | 'send' };

/**
 * Over a slow link several typed keys can arrive in one read ("helo\x7flo\r"). A multi-character
 * input holding Backspace (DEL or BS) is split into text and delete-left, and one trailing CR with no
 * other line break means Enter. Anything else with line breaks is a paste and is inserted whole.
 * Returns undefined when the input needs no splitting.
 */
export function splitTypedInput(input: string): TypedPiece[] | undefined {
  if (input.length < 2) return undefined;
  const hasDelete = /[\u007F\b]/.test(input);
  const body = input.endsWith('\r') ? input.slice(0, -1) : input;
  const trailingEnter = body !== input && !/[\r\n]/.test(body);
  if (!hasDelete && !trailingEnter) return undefined;
  const pieces: TypedPiece[] = [];
  const source = trailingEnter ? body : input;
  for (const part of source.split(/([\u007F\b])/)) {
    if (part === '') continue;
    pieces.push(part === '\u007F' || part === '\b' ? { action: 'deleteLeft' } : { text: part });
  }
  if (trailingEnter) pieces.push({ action: 'send' });
  return pieces;
}
