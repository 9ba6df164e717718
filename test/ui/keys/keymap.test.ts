import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { KEY_HELP, matchKey, matchRawKey, splitTypedInput, typedText } from '../../../src/ui/keys/keymap.js';

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};
const k = (over: Partial<Key>): Key => ({ ...noKey, ...over });

describe('keymap', () => {
  it('maps the contract keys', () => {
    expect(matchKey('', k({ return: true }))).toBe('send');
    expect(matchKey('\n', noKey)).toBe('newline');
    expect(matchKey('', k({ escape: true, meta: true }))).toBe('stop');
    expect(matchKey('c', k({ ctrl: true }))).toBe('interrupt');
    expect(matchKey('d', k({ ctrl: true }))).toBe('quitIfEmpty');
    expect(matchKey('t', k({ ctrl: true }))).toBe('toggleReasoning');
    expect(matchKey('p', k({ ctrl: true }))).toBe('models');
    expect(matchKey('', k({ pageUp: true }))).toBe('pageUp');
    expect(matchKey('', k({ pageDown: true }))).toBe('pageDown');
    expect(matchRawKey('\u001BOP')).toBe('help');
    expect(matchRawKey('\u001B[11~')).toBe('help');
  });

  it('treats both Ink backspace reports as delete-left', () => {
    expect(matchKey('', k({ delete: true }))).toBe('deleteLeft');
    expect(matchKey('', k({ backspace: true }))).toBe('deleteLeft');
  });

  it('passes typed text and pastes through, not control keys', () => {
    expect(typedText('a', noKey)).toBe('a');
    expect(typedText('line1\nline2', noKey)).toBe('line1\nline2');
    expect(typedText('x', k({ ctrl: true }))).toBeUndefined();
    expect(typedText('', noKey)).toBeUndefined();
  });

  it('splits typed text followed by Enter, but not pastes', () => {
    expect(splitTypedInput('hello\r')).toEqual([{ text: 'hello' }, { action: 'send' }]);
    expect(splitTypedInput('\r')).toBeUndefined();
    expect(splitTypedInput('a\rb\r')).toBeUndefined();
    expect(splitTypedInput('a\nb\r')).toBeUndefined();
    expect(splitTypedInput('hello')).toBeUndefined();
  });

  it('applies Backspace keys that arrived together with text', () => {
    expect(splitTypedInput('two\u007F\u007Fwo')).toEqual([
      { text: 'two' },
      { action: 'deleteLeft' },
      { action: 'deleteLeft' },
      { text: 'wo' },
    ]);
    expect(splitTypedInput('ab\bc\r')).toEqual([{ text: 'ab' }, { action: 'deleteLeft' }, { text: 'c' }, { action: 'send' }]);
  });

  it('the help lists every contract key', () => {
    const keys = KEY_HELP.map((h) => h.keys).join(' ');
    for (const key of ['Enter', 'Ctrl+J', 'Esc', 'Ctrl+C', 'Ctrl+D', 'Ctrl+T', 'Ctrl+P', 'PgUp', 'PgDn', 'F1']) {
      expect(keys).toContain(key);
    }
  });
});
