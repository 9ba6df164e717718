import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { historyKey, newHistoryHolder, regenerateText, rememberPrompt } from '../../../src/ui/input/inputComfort.js';
import { matchKey } from '../../../src/ui/keys/keymap.js';
import type { Turn } from '../../../src/session/types.js';

const key = (k: Partial<Key>): Key => ({ ...({} as Key), ...k });

describe('input comfort keys', () => {
  it('Ctrl+←/→, Alt+b/f, Ctrl+W, Ctrl+G; plain arrows unchanged', () => {
    expect(matchKey('', key({ leftArrow: true, ctrl: true }))).toBe('wordLeft');
    expect(matchKey('', key({ rightArrow: true, ctrl: true }))).toBe('wordRight');
    expect(matchKey('b', key({ meta: true }))).toBe('wordLeft');
    expect(matchKey('f', key({ meta: true }))).toBe('wordRight');
    expect(matchKey('w', key({ ctrl: true }))).toBe('deleteWordLeft');
    expect(matchKey('g', key({ ctrl: true }))).toBe('regenerate');
    expect(matchKey('', key({ leftArrow: true }))).toBe('left');
  });

  it('↑ recalls history only from the first line; ↓ from the last line', () => {
    const owner = newHistoryHolder();
    rememberPrompt(owner, 'one');
    rememberPrompt(owner, 'two\nlines');
    expect(historyKey(owner, 'up', { text: 'a\nb', caret: 3 })).toBeUndefined();
    expect(historyKey(owner, 'up', { text: '', caret: 0 })).toBe('two\nlines');
    expect(historyKey(owner, 'up', { text: 'two\nlines', caret: 0 })).toBe('one');
    expect(historyKey(owner, 'down', { text: 'one', caret: 3 })).toBe('two\nlines');
    expect(historyKey(owner, 'down', { text: 'two\nlines', caret: 0 })).toBeUndefined();
    expect(historyKey(owner, 'down', { text: 'two\nlines', caret: 9 })).toBe('');
    expect(historyKey(newHistoryHolder(), 'up', { text: '', caret: 0 })).toBeUndefined();
  });

  it('regenerate re-sends the last question, refuses while busy or empty', () => {
    const turns = [{ user: 'why?' } as Turn];
    expect(regenerateText(turns, false)).toEqual({ text: 'why?' });
    expect(regenerateText(turns, true)).toHaveProperty('why');
    expect(regenerateText([], false)).toHaveProperty('why');
  });
});
