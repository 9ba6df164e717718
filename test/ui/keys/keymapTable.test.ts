import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_TABLE, keyTable, matchKey, matchRawKey } from '../../../src/ui/keys/keymap.js';
import { FUNCTION_KEY_SEQUENCES } from '../../../src/core/keySpec.js';
import { DEFAULT_BINDINGS, type KeyAction } from '../../../src/core/keyBindings.js';

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/** matchKey as it was written by hand before the binding table (the table must agree with it). */
function handWrittenMatch(input: string, key: Key): KeyAction | undefined {
  if (key.ctrl) {
    const ctrl: Record<string, KeyAction> = { c: 'interrupt', d: 'quitIfEmpty', t: 'toggleReasoning', p: 'models', u: 'clearInput', j: 'newline', r: 'reask', w: 'deleteWordLeft', g: 'regenerate', o: 'toggleInlineReasoning' };
    if (ctrl[input]) return ctrl[input];
  }
  if (key.return) return key.meta || key.shift ? 'newline' : 'send';
  if (input === '\n') return 'newline';
  if (key.escape) return 'stop';
  if (key.tab && !key.shift) return 'modelDetail';
  if (key.pageUp) return key.shift ? 'reasoningUp' : 'pageUp';
  if (key.pageDown) return key.shift ? 'reasoningDown' : 'pageDown';
  if (key.meta && !key.ctrl && key.upArrow) return 'selectPrevTurn';
  if (key.meta && !key.ctrl && key.downArrow) return 'selectNextTurn';
  if (key.ctrl && key.upArrow) return 'reasoningUp';
  if (key.ctrl && key.downArrow) return 'reasoningDown';
  if (key.leftArrow) return key.ctrl ? 'wordLeft' : 'left';
  if (key.rightArrow) return key.ctrl ? 'wordRight' : 'right';
  if (key.meta && !key.ctrl && input === 'm') return 'toggleRaw';
  if (key.meta && !key.ctrl && input === 'b') return 'wordLeft';
  if (key.meta && !key.ctrl && input === 'f') return 'wordRight';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.backspace || key.delete) return 'deleteLeft';
  return undefined;
}

const NAMED: (keyof Key)[] = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageUp', 'pageDown', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'];
const MODS: Partial<Key>[] = [{}, { ctrl: true }, { meta: true }, { shift: true }, { ctrl: true, shift: true }, { meta: true, shift: true }];

describe('keymap table', () => {
  it('agrees with the hand-written matcher on every named key with common modifiers', () => {
    for (const name of NAMED) {
      for (const mods of MODS) {
        const key = { ...noKey, ...mods, [name]: true } as Key;
        // Ctrl+Shift+Enter was newline by accident of order; not a key anyone relies on.
        if (name === 'return' && mods.ctrl) continue;
        expect([name, mods, matchKey('', key)]).toEqual([name, mods, handWrittenMatch('', key)]);
      }
    }
  });

  it('agrees on every letter and digit with Ctrl or Alt, and on plain typing', () => {
    for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789') {
      for (const mods of [{}, { ctrl: true }, { meta: true }]) {
        const key = { ...noKey, ...mods } as Key;
        // Alt+T, Alt+R, Alt+S are new in round 3 (themes, compare models, conversation settings); Alt+H (hosts) in round 4.
        if ('trsh'.includes(ch) && 'meta' in mods) continue;
        // Ctrl+Z (suspend) is new in round 4 (issue 17).
        if (ch === 'z' && 'ctrl' in mods) continue;
        expect([ch, mods, matchKey(ch, key)]).toEqual([ch, mods, handWrittenMatch(ch, key)]);
      }
    }
    expect(matchKey('\n', noKey)).toBe('newline');
    expect(matchKey('hello', noKey)).toBeUndefined();
    expect(matchKey('t', { ...noKey, meta: true })).toBe('themes');
    expect(matchKey('z', { ...noKey, ctrl: true })).toBe('suspend');
    expect(matchKey('h', { ...noKey, meta: true })).toBe('hosts');
  });

  it('matches the function keys on their raw sequences', () => {
    const expected: Record<string, KeyAction> = { f1: 'help', f2: 'verbose', f3: 'cycleReasoningMode', f4: 'cycleThink', f5: 'togglePanel', f7: 'prevModel', f8: 'nextModel', f9: 'unloadModel' };
    for (const [fkey, action] of Object.entries(expected)) {
      for (const seq of FUNCTION_KEY_SEQUENCES[fkey]!) expect(matchRawKey(seq)).toBe(action);
    }
    expect(matchRawKey(FUNCTION_KEY_SEQUENCES.f6![0]!)).toBeUndefined();
    expect(matchRawKey('x')).toBeUndefined();
  });

  it('a new table moves an action to another key and frees the old one; the default table is untouched', () => {
    const table = keyTable({ ...DEFAULT_BINDINGS, regenerate: ['alt+g'], verbose: ['f10'], toggleRaw: ['ctrl+x'] });
    expect(matchKey('g', { ...noKey, meta: true }, table)).toBe('regenerate');
    expect(matchKey('g', { ...noKey, ctrl: true }, table)).toBeUndefined();
    expect(matchKey('x', { ...noKey, ctrl: true }, table)).toBe('toggleRaw');
    expect(matchKey('m', { ...noKey, meta: true }, table)).toBeUndefined();
    expect(matchRawKey('\u001B[21~', table)).toBe('verbose');
    expect(matchRawKey('\u001BOQ', table)).toBeUndefined();
    expect(table.bindings.regenerate).toEqual(['alt+g']);
    // Another table (the defaults) never saw the change: there is no key table in force but the one passed.
    expect(matchKey('g', { ...noKey, ctrl: true }, DEFAULT_KEY_TABLE)).toBe('regenerate');
    expect(matchKey('g', { ...noKey, ctrl: true })).toBe('regenerate');
    expect(matchRawKey('\u001BOQ')).toBe('verbose');
  });
});
