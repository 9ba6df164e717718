import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { KEY_HELP, keyTable, matchKey, matchRawKey } from '../../../src/ui/keys/keymap.js';
import { actionKeyLabel, keyHelpInForce } from '../../../src/ui/keys/keyOverrides.js';
import { keyLabel, parseKeySpec } from '../../../src/core/keySpec.js';
import { helpRows } from '../../../src/ui/keys/HelpOverlay.js';
import { DEFAULT_BINDINGS, resolveKeyOverrides } from '../../../src/core/keyBindings.js';

const key = (over: Partial<Key>): Key => ({ ...({} as Key), ...over });

/** The config's "keys" laid over the defaults (as the CLI does before it renders the App). */
function bindingsWith(keys: Record<string, string | string[]>) {
  const r = resolveKeyOverrides(keys);
  if (!r.ok) throw new Error(r.problem);
  return r.bindings;
}

describe('key specs', () => {
  it('parses what people write into one canonical form and labels it', () => {
    expect(parseKeySpec('Ctrl+G')).toMatchObject({ ok: true, spec: 'ctrl+g' });
    expect(parseKeySpec(' meta + M ')).toMatchObject({ ok: true, spec: 'alt+m' });
    expect(parseKeySpec('shift+alt+PgUp')).toMatchObject({ ok: true, spec: 'alt+shift+pageup' });
    expect(parseKeySpec('F10')).toMatchObject({ ok: true, spec: 'f10' });
    expect(parseKeySpec('escape')).toMatchObject({ ok: true, spec: 'esc' });
    expect(parseKeySpec('f13').ok).toBe(false);
    expect(keyLabel('alt+shift+pageup')).toBe('Alt+Shift+PgUp');
    expect(keyLabel('ctrl+left')).toBe('Ctrl+←');
  });
});

describe('config overrides in force', () => {
  it('the moved action answers on its new key only; untouched actions keep theirs', () => {
    const t = keyTable(bindingsWith({ regenerate: 'alt+g', toggleRaw: 'ctrl+x', verbose: 'f10', selectPrevTurn: 'ctrl+k' }));
    expect(matchKey('g', key({ meta: true }), t)).toBe('regenerate');
    expect(matchKey('g', key({ ctrl: true }), t)).toBeUndefined();
    expect(matchKey('x', key({ ctrl: true }), t)).toBe('toggleRaw');
    expect(matchKey('m', key({ meta: true }), t)).toBeUndefined();
    expect(matchRawKey('\u001B[21~', t)).toBe('verbose');
    expect(matchRawKey('\u001BOQ', t)).toBeUndefined();
    expect(matchKey('k', key({ ctrl: true }), t)).toBe('selectPrevTurn');
    // Alt+↑ is unbound now; it falls back to plain ↑ (history / cursor), as a modifier nobody bound does.
    expect(matchKey('', key({ meta: true, upArrow: true }), t)).toBe('up');
    expect(matchKey('t', key({ ctrl: true }), t)).toBe('toggleReasoning');
    expect(matchKey('', key({ return: true }), t)).toBe('send');
  });

  it('the help shows the keys in force, pairs included; nothing changes without overrides', () => {
    expect(keyHelpInForce(DEFAULT_BINDINGS)).toEqual(KEY_HELP);
    const moved = bindingsWith({ regenerate: 'alt+g', verbose: ['f10', 'alt+v'], wordLeft: 'alt+j', toggleRaw: 'ctrl+x' });
    const keys = keyHelpInForce(moved).map((h) => h.keys);
    expect(keys).toContain('F10/Alt+V F3 F4 F5');
    expect(keys.find((k) => k.includes('Ctrl+W'))).toBe('Alt+J/Ctrl+→ Ctrl+W Alt+G');
    expect(keys).toContain('Ctrl+X · Alt+T · Alt+S · Alt+H');
    expect(keys.join(' ')).not.toContain('Ctrl+G');
    expect(actionKeyLabel('toggleRaw', moved)).toBe('Ctrl+X');
    // The F1 overlay draws these rows.
    expect(helpRows(100, moved).map((r) => r.gutter).join('|')).toContain('F10/Alt+V F3 F4 F5');
    expect(helpRows(100).map((r) => r.gutter).join('|')).toContain('F2 F3 F4 F5');
  });
});

describe('hints with the keys in force', () => {
  it('replaces moved keys in hints and titles, and nothing else', async () => {
    const { withKeysInForce } = await import('../../../src/ui/keys/keyOverrides.js');
    const hint = 'Reasoning: always folded · F3 changes it';
    expect(withKeysInForce(hint, DEFAULT_BINDINGS)).toBe(hint);
    const moved = bindingsWith({ cycleReasoningMode: 'alt+z', reask: 'alt+q' });
    expect(withKeysInForce(hint, moved)).toBe('Reasoning: always folded · Alt+Z changes it');
    expect(withKeysInForce('Esc stop · Ctrl+R stop and re-ask', moved)).toBe('Esc stop · Alt+Q stop and re-ask');
    expect(withKeysInForce('F30 Shift+F3 Ctrl+Rx', moved)).toBe('F30 Shift+F3 Ctrl+Rx');
  });
});
