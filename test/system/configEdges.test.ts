/** Issue 17: config edge cases, and the one JSON reader shared by config.json and theme files. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/system/config.js';
import { parseJsonWithPosition } from '../../src/core/jsonText.js';
import { loadTheme } from '../../src/system/themeFiles.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const P = '/home/u/.config/r1-tui/config.json';

describe('config edge cases', () => {
  it('"__proto__" is an unknown field, not a crash', () => {
    const r = parseConfig('{\n  "model": "deepseek-r1:8b",\n  "__proto__": {"x": 1}\n}', P);
    expect(r).toEqual({ ok: false, error: `${P}:3: unknown field "__proto__" (known: host, model, theme, reasoningMode, layout, think, keepAlive, numCtx, keepReasoning, keys, hosts)` });
  });

  it('"toString" is an unknown field, not "[object Undefined]"', () => {
    const r = parseConfig('{"toString": 1}', P);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/:1: unknown field "toString"/);
      expect(r.error).not.toMatch(/object Undefined/);
    }
  });

  it('a syntax error names the line where it is', () => {
    const cases: Array<[string, number]> = [
      ['{\n  "model": "a",\n  "theme": "dark"\n  "think": true\n}', 4], // missing comma: found at line 4
      ['{\n  "model": "a",\n\n\n  "theme": dark\n}', 5],
      ['{\n  "model": "a",\n  "theme": "dark",\n}', 4], // trailing comma: the } on line 4
      ['{\n  "model": "a"', 2], // cut off
    ];
    for (const [text, line] of cases) {
      const r = parseConfig(text, P);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error, text).toMatch(new RegExp(`^${P.replace(/\//g, '\\/').replace(/\./g, '\\.')}:${line}: not valid JSON \\(`));
    }
  });

  it('a UTF-8 BOM is accepted', () => {
    expect(parseConfig('\uFEFF{"model": "deepseek-r1:8b"}', P)).toMatchObject({ ok: true, config: { model: 'deepseek-r1:8b' } });
  });

  it('an invisible character in a message is shown as U+XXXX', () => {
    const r = parseConfig('{"model": "a",\u200B "theme": "dark"}', P);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('U+200B');
      expect(r.error).not.toMatch(/[\u200B\uFEFF\u0000-\u001F]/);
    }
  });
});

describe('one JSON reader for config and themes', () => {
  it('keeps "__proto__" as a plain key and never changes a prototype', () => {
    const v = parseJsonWithPosition('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a theme file with a BOM loads, and its syntax errors use the same line numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'r1-theme-'));
    const colors = Object.fromEntries(['text'].map((t) => [t, 'white']));
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${JSON.stringify({ colors })}`);
    // unknown/missing tokens are a different error: the BOM itself is not the problem
    expect(() => loadTheme('bom', { dir })).toThrow(/missing the token|unknown token/);
    writeFileSync(join(dir, 'bad.json'), '{\n  "colors": {\n    "text": "white"\n    "dim": "gray"\n  }\n}');
    expect(() => loadTheme('bad', { dir })).toThrow(/line 4, column 5/);
    const cfg = parseConfig('{\n  "colors": {\n    "text": "white"\n    "dim": "gray"\n  }\n}', P);
    expect(cfg.ok || cfg.error).toMatch(/:4: not valid JSON \(expected ',' or '}', unexpected "\\"" at column 5\)/);
  });
});
