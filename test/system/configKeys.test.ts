import { describe, expect, it } from 'vitest';
import { mergeSettings, parseConfig } from '../../src/system/config.js';
import { DEFAULT_BINDINGS } from '../../src/core/keyBindings.js';

const P = '/home/u/.config/r1-tui/config.json';

function err(text: string): string {
  const r = parseConfig(text, P);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

const file = (keys: string): string => `{\n  "theme": "dark",\n  "keys": {\n${keys}\n  }\n}\n`;

describe('config "keys"', () => {
  it('accepts rebinding, lists of keys and free keys, and merges them over the defaults', () => {
    const r = parseConfig(file('    "regenerate": "alt+g",\n    "toggleRaw": "Ctrl+X",\n    "verbose": ["f2", "f10"]'), P);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = mergeSettings({}, r.config);
    expect(s.keyBindings?.regenerate).toEqual(['alt+g']);
    expect(s.keyBindings?.toggleRaw).toEqual(['ctrl+x']);
    expect(s.keyBindings?.verbose).toEqual(['f2', 'f10']);
    expect(s.keyBindings?.models).toEqual(DEFAULT_BINDINGS.models);
    expect(mergeSettings({}, {}).keyBindings).toBeUndefined();
  });

  it('a key can move to an action whose own key moved away in the same file', () => {
    expect(parseConfig(file('    "toggleRaw": "ctrl+g",\n    "regenerate": "alt+g"'), P).ok).toBe(true);
  });

  it('names file, line and "keys.<action>" for every problem', () => {
    const cases: [string, number, RegExp][] = [
      ['    "regenrate": "ctrl+g"', 4, /field "keys\.regenrate": unknown action \(actions you can rebind: .*regenerate/],
      ['    "regenerate": "ctrl+"', 4, /field "keys\.regenerate": "ctrl\+" is not a key/],
      ['    "regenerate": "hyper+g"', 4, /"hyper" is not a modifier/],
      ['    "regenerate": "g"', 4, /would stop you typing "g"; add ctrl\+ or alt\+/],
      ['    "regenerate": "ctrl+m"', 4, /same byte as Enter/],
      ['    "regenerate": "ctrl+1"', 4, /terminals send Ctrl only with letters/],
      ['    "regenerate": "shift+f2"', 4, /function keys are bound without modifiers/],
      ['    "regenerate": 7', 4, /expected a key like "ctrl\+g".*got 7/],
      ['    "regenerate": ["ctrl+x", 3]', 4, /expected a key like/],
      ['    "send": "ctrl+s"', 4, /field "keys\.send": Enter, Ctrl\+Enter \(send\) is a fixed key and cannot be rebound/],
      ['    "help": "f10"', 4, /field "keys\.help": F1 \(help\) is a fixed key/],
      ['    "toggleRaw": "ctrl+t"', 4, /Ctrl\+T is the fixed key of "toggleReasoning"/],
      ['    "toggleRaw": "esc"', 4, /Esc is the fixed key of "stop"/],
      ['    "toggleRaw": "ctrl+y"', 4, /Ctrl\+Y is already the key for copy the answer/],
      ['    "toggleRaw": "f6"', 4, /F6 is already the key for the saved conversations list/],
      ['    "toggleRaw": "ctrl+g"', 4, /field "keys\.toggleRaw": Ctrl\+G is already the key of "regenerate"; give "regenerate" another key too/],
      ['    "verbose": "alt+x",\n    "toggleRaw": "alt+x"', 5, /field "keys\.toggleRaw": Alt\+X is also given to "verbose" in this file/],
    ];
    for (const [keys, line, pattern] of cases) {
      const e = err(file(keys));
      expect(e.startsWith(`${P}:${line}: `), e).toBe(true);
      expect(e).toMatch(pattern);
    }
  });

  it('"keys" that is not an object is an error naming the field', () => {
    expect(err('{\n  "keys": "ctrl+g"\n}')).toBe(`${P}:2: field "keys": expected an object mapping actions to keys like {"regenerate": "alt+g"}, got "ctrl+g"`);
    expect(err('{"keys": []}')).toMatch(/field "keys": expected an object .* got a list/);
  });
});

describe('config "think" and --think', () => {
  it('flag over config over default (unset: each model decides, on for thinking models)', () => {
    expect(mergeSettings({}, {}).think).toBeUndefined();
    expect(mergeSettings({}, { think: false }).think).toBe(false);
    expect(mergeSettings({}, { think: 'low' }).think).toBe('low');
    expect(mergeSettings({ think: true }, { think: false }).think).toBe(true);
    expect(mergeSettings({ think: 'high' }, {}).think).toBe('high');
    expect(mergeSettings({ think: false }, { think: 'medium' }).think).toBe(false);
  });
});
