/**
 * The key table as data: every action, its default keys (key specs, see keySpec.ts), the actions the
 * config cannot rebind, and the check of the config's "keys" object ({"regenerate": "alt+g"}) laid over
 * the defaults. Pure: the Ink side (matching a keypress, the help rows) is src/ui/keys/.
 * To add a key: a member of KeyAction, a row in DEFAULT_BINDINGS, a row in KEY_HELP (src/ui/keys/keymap.ts).
 */
import { keyLabel, parseKeySpec } from './keySpec.js';

export type KeyAction =
  | 'send'
  | 'newline'
  | 'stop'
  | 'interrupt' // Ctrl+C: stop generation, or quit when idle
  | 'quitIfEmpty'
  | 'suspend' // Ctrl+Z: restore the terminal and stop (the shell's fg resumes)
  | 'toggleReasoning'
  | 'models'
  | 'pageUp'
  | 'pageDown'
  | 'reasoningUp'
  | 'reasoningDown'
  | 'help'
  | 'verbose'
  | 'reask'
  | 'prevModel' // F7: switch to the previous installed model
  | 'nextModel' // F8: switch to the next installed model
  | 'unloadModel' // F9: unload the current (in the picker: the highlighted) model
  | 'modelDetail' // Tab in the picker: fit formula, spill advice, num_ctx / num_gpu
  | 'cycleReasoningMode' // F3: auto → folded → open
  | 'cycleThink' // F4: think on → off → levels
  | 'togglePanel' // F5: hide/show the performance panel
  | 'selectPrevTurn' // Alt+↑
  | 'selectNextTurn' // Alt+↓
  | 'toggleInlineReasoning' // Ctrl+O: the selected turn's reasoning inline in the chat, or every turn's
  | 'wordLeft' // Ctrl+← / Alt+b
  | 'wordRight' // Ctrl+→ / Alt+f
  | 'deleteWordLeft' // Ctrl+W
  | 'regenerate' // Ctrl+G: send the last question again as a new turn
  | 'toggleRaw' // Alt+M: answers as raw text / rendered Markdown
  | 'themes' // Alt+T: theme picker (live preview)
  | 'compareModels' // Alt+R: run the current prompt across selected models (in-TUI bench)
  | 'settings' // Alt+S: this conversation's system prompt and sampling options
  | 'hosts' // Alt+H: host switcher (every host's backend, health, models; Enter switches)
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'deleteLeft'
  | 'deleteRight'
  | 'clearInput';

/**
 * The default keys of every action, as key specs (keySpec.ts: "ctrl+g", "alt+m", "shift+pageup", "f2").
 * The config's "keys" object replaces the keys of an action (resolveKeyOverrides below); FIXED_ACTIONS cannot be
 * rebound. To add a key: a member of KeyAction, a row here, a row in KEY_HELP.
 */
export const DEFAULT_BINDINGS: Readonly<Partial<Record<KeyAction, readonly string[]>>> = {
  send: ['enter', 'ctrl+enter'],
  newline: ['ctrl+j', 'alt+enter', 'shift+enter'],
  stop: ['esc'],
  interrupt: ['ctrl+c'],
  quitIfEmpty: ['ctrl+d'],
  suspend: ['ctrl+z'],
  toggleReasoning: ['ctrl+t'],
  models: ['ctrl+p'],
  pageUp: ['pageup'],
  pageDown: ['pagedown'],
  help: ['f1'],
  reasoningUp: ['shift+pageup', 'ctrl+up'],
  reasoningDown: ['shift+pagedown', 'ctrl+down'],
  verbose: ['f2'],
  cycleReasoningMode: ['f3'],
  cycleThink: ['f4'],
  togglePanel: ['f5'],
  prevModel: ['f7'],
  nextModel: ['f8'],
  unloadModel: ['f9'],
  modelDetail: ['tab'],
  reask: ['ctrl+r'],
  regenerate: ['ctrl+g'],
  toggleRaw: ['alt+m'],
  themes: ['alt+t'],
  compareModels: ['alt+r'],
  settings: ['alt+s'],
  hosts: ['alt+h'],
  selectPrevTurn: ['alt+up'],
  selectNextTurn: ['alt+down'],
  toggleInlineReasoning: ['ctrl+o'],
  wordLeft: ['ctrl+left', 'alt+b'],
  wordRight: ['ctrl+right', 'alt+f'],
  deleteWordLeft: ['ctrl+w'],
  clearInput: ['ctrl+u'],
  left: ['left'],
  right: ['right'],
  up: ['up'],
  down: ['down'],
  home: ['home'],
  end: ['end'],
  deleteLeft: ['backspace'],
};

/** The contract keys (README "Keys") and basic editing: the config cannot rebind them. */
export const FIXED_ACTIONS: ReadonlySet<KeyAction> = new Set<KeyAction>([
  'send', 'newline', 'stop', 'interrupt', 'quitIfEmpty', 'toggleReasoning', 'models', 'pageUp', 'pageDown', 'help',
  'left', 'right', 'up', 'down', 'home', 'end', 'deleteLeft', 'deleteRight',
]);

/** Keys bound outside this table (ConversationsKeys and overlays): the config cannot give them to an action. */
export const RESERVED_KEYS: Readonly<Record<string, string>> = {
  f6: 'the saved conversations list',
  'ctrl+n': 'a new conversation',
  'ctrl+y': 'copy the answer',
  'alt+y': 'copy the reasoning',
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`alt+${n}`, `copy code block ${n}`])),
};

export type KeyBindings = Readonly<Partial<Record<KeyAction, readonly string[]>>>;

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
