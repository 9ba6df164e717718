/**
 * The help rows, hints and titles rewritten to show the keys in force (the config's "keys" object is
 * checked and laid over the defaults in src/core/keyBindings.ts). Pure (no Ink, no fs). The bindings in
 * force are an argument (a component reads them from KeyTableContext): there is no global key table.
 */
import { DEFAULT_BINDINGS, type KeyAction, type KeyBindings } from '../../core/keyBindings.js';
import { keyLabel } from '../../core/keySpec.js';
import { KEY_HELP, type KeyHelp } from './keymap.js';

/** Rows of KEY_HELP that name two actions in one label ("Ctrl+←/→"). */
const PAIRED_LABELS: readonly [string, KeyAction, KeyAction][] = [
  ['Shift+PgUp/PgDn', 'reasoningUp', 'reasoningDown'],
  ['Ctrl+←/→', 'wordLeft', 'wordRight'],
  ['Alt+↑/↓', 'selectPrevTurn', 'selectNextTurn'],
];

const firstLabel = (specs: readonly string[] | undefined): string => (specs && specs.length > 0 ? keyLabel(specs[0]!) : '(none)');

/**
 * The help rows with the keys in force: where the config moved an action, its default label is
 * replaced by its new key(s). Rows stay as written when nothing was rebound.
 */
export function keyHelpInForce(bindings: KeyBindings, help: readonly KeyHelp[] = KEY_HELP, defaults: KeyBindings = DEFAULT_BINDINGS): KeyHelp[] {
  if (bindings === defaults) return [...help];
  const moved = (Object.keys(defaults) as KeyAction[]).filter((a) => bindings[a] !== defaults[a]);
  if (moved.length === 0) return [...help];
  return help.map((row) => {
    let keys = row.keys;
    for (const [label, a, b] of PAIRED_LABELS) {
      if ((moved.includes(a) || moved.includes(b)) && keys.includes(label)) {
        keys = keys.replace(label, `${firstLabel(bindings[a])}/${firstLabel(bindings[b])}`);
      }
    }
    const tokens = keys.split(' ');
    for (const action of moved) {
      const old = firstLabel(defaults[action]);
      const i = tokens.indexOf(old);
      if (i >= 0) tokens[i] = (bindings[action] ?? []).length > 0 ? (bindings[action] ?? []).map(keyLabel).join('/') : '(none)';
    }
    keys = tokens.join(' ');
    return keys === row.keys ? row : { ...row, keys };
  });
}

/** The label of an action's first key in force, for hints ("Alt+M: rendered Markdown"). */
export function actionKeyLabel(action: KeyAction, bindings: KeyBindings): string {
  return firstLabel(bindings[action]);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A hint or title with the keys in force: each default key label of an action the config moved
 * ("F3 changes it", "Alt+M: rendered Markdown") is replaced by its new key. Unchanged when nothing moved.
 */
export function withKeysInForce(text: string, bindings: KeyBindings, defaults: KeyBindings = DEFAULT_BINDINGS): string {
  if (bindings === defaults) return text;
  let out = text;
  for (const action of Object.keys(defaults) as KeyAction[]) {
    if (bindings[action] === defaults[action]) continue;
    const old = firstLabel(defaults[action]);
    const now = (bindings[action] ?? []).length > 0 ? (bindings[action] ?? []).map(keyLabel).join('/') : '(no key)';
    out = out.replace(new RegExp(`(?<![\\w+])${escapeRe(old)}(?![\\w])`, 'g'), now);
  }
  return out;
}
