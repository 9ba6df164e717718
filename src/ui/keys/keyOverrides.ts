/**
 * The config's "keys" object ({"regenerate": "alt+g", "verbose": ["f2", "f10"]}) checked and laid over
 * the default bindings, and the help rows rewritten to show the keys in force. Pure (no Ink, no fs).
 */
import { DEFAULT_BINDINGS, FIXED_ACTIONS, KEY_HELP, keyBindings, RESERVED_KEYS, type KeyAction, type KeyBindings, type KeyHelp } from './keymap.js';
import { keyLabel, parseKeySpec } from './keySpec.js';

export type KeyOverrideResult =
  | { ok: true; bindings: KeyBindings; changed: KeyAction[] }
  /** `action` names the sub-field ("keys.<action>"); absent when the "keys" value itself is wrong. */
  | { ok: false; action?: string; problem: string };

/** Actions the config may rebind, in table order. */
export function rebindableActions(): KeyAction[] {
  return (Object.keys(DEFAULT_BINDINGS) as KeyAction[]).filter((a) => !FIXED_ACTIONS.has(a));
}

const describe = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);

const labels = (specs: readonly string[] | undefined): string => (specs && specs.length > 0 ? specs.map(keyLabel).join(', ') : 'no key');

/** Check the "keys" value and return the bindings with its changes (defaults for every other action). */
export function resolveKeyOverrides(value: unknown, defaults: KeyBindings = DEFAULT_BINDINGS): KeyOverrideResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: `expected an object mapping actions to keys like {"regenerate": "alt+g"}, got ${describe(value)}` };
  }
  const bindings: Partial<Record<KeyAction, readonly string[]>> = { ...defaults };
  const changed: KeyAction[] = [];
  for (const [name, raw] of Object.entries(value)) {
    const action = name as KeyAction;
    if (!(name in defaults)) {
      return { ok: false, action: name, problem: `unknown action (actions you can rebind: ${rebindableActions().join(', ')})` };
    }
    if (FIXED_ACTIONS.has(action)) {
      return { ok: false, action: name, problem: `${labels(defaults[action])} (${name}) is a fixed key and cannot be rebound` };
    }
    const texts = typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((r) => typeof r === 'string') ? (raw as string[]) : undefined;
    if (texts === undefined) {
      return { ok: false, action: name, problem: `expected a key like "ctrl+g", "alt+m" or "f2" (or a list of them), got ${describe(raw)}` };
    }
    const specs: string[] = [];
    for (const text of texts) {
      const parsed = parseKeySpec(text);
      if (!parsed.ok) return { ok: false, action: name, problem: parsed.error };
      if (!specs.includes(parsed.spec)) specs.push(parsed.spec);
    }
    bindings[action] = specs;
    changed.push(action);
  }
  // One key, one action: the keys of actions left alone first, then the config's, in file order.
  const owner = new Map<string, KeyAction>();
  for (const [action, specs] of Object.entries(bindings) as [KeyAction, readonly string[]][]) {
    if (!changed.includes(action)) for (const spec of specs) owner.set(spec, action);
  }
  for (const action of changed) {
    for (const spec of bindings[action] ?? []) {
      const reserved = RESERVED_KEYS[spec];
      if (reserved) return { ok: false, action, problem: `${keyLabel(spec)} is already the key for ${reserved} and cannot be given to another action` };
      const other = owner.get(spec);
      if (other !== undefined && other !== action) {
        if (FIXED_ACTIONS.has(other)) {
          return { ok: false, action, problem: `${keyLabel(spec)} is the fixed key of "${other}" and cannot be given to another action` };
        }
        if (changed.includes(other)) {
          return { ok: false, action, problem: `${keyLabel(spec)} is also given to "${other}" in this file; a key can do only one thing` };
        }
        return {
          ok: false,
          action,
          problem: `${keyLabel(spec)} is already the key of "${other}"; give "${other}" another key too, or choose a free key for "${action}"`,
        };
      }
      owner.set(spec, action);
    }
  }
  return { ok: true, bindings, changed };
}

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
export function keyHelpInForce(help: readonly KeyHelp[] = KEY_HELP, bindings: KeyBindings = keyBindings(), defaults: KeyBindings = DEFAULT_BINDINGS): KeyHelp[] {
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
export function actionKeyLabel(action: KeyAction, bindings: KeyBindings = keyBindings()): string {
  return firstLabel(bindings[action]);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A hint or title with the keys in force: each default key label of an action the config moved
 * ("F3 changes it", "Alt+M: rendered Markdown") is replaced by its new key. Unchanged when nothing moved.
 */
export function withKeysInForce(text: string, bindings: KeyBindings = keyBindings(), defaults: KeyBindings = DEFAULT_BINDINGS): string {
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
