import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  availableThemes,
  isValidColor,
  loadTheme,
  parseJsonWithPosition,
  THEMES_DIR,
} from '../../src/system/themeFiles.js';
import { defaultTheme, noColorRequested, noColorTheme, THEME_TOKENS } from '../../src/core/theme.js';

function dirWith(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'r1-themes-'));
  writeFileSync(join(dir, `${name}.json`), content);
  return dir;
}

const validColors = Object.fromEntries(THEME_TOKENS.map((t) => [t, 'white']));

function expectOneLineError(fn: () => unknown, ...parts: (string | RegExp)[]) {
  let message = '';
  try {
    fn();
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message).not.toBe('');
  expect(message).not.toContain('\n');
  for (const part of parts) expect(message).toMatch(part);
}

describe('shipped themes', () => {
  it('every shipped theme defines every token with a valid colour', () => {
    const names = availableThemes();
    expect(names).toEqual(expect.arrayContaining(['dark', 'light', 'high-contrast']));
    for (const name of names) {
      const theme = loadTheme(name);
      for (const t of THEME_TOKENS) expect(theme.colors[t], `${name}.${t}`).toBeTruthy();
    }
  });

  it('dark.json matches the built-in default theme', () => {
    expect(loadTheme('dark')).toEqual(defaultTheme);
  });

  it('resolves the themes folder from the package root', () => {
    expect(THEMES_DIR.endsWith('themes')).toBe(true);
  });
});

describe('loadTheme errors', () => {
  it('NO_COLOR returns the colourless theme', () => {
    expect(loadTheme('dark', { noColor: true })).toBe(noColorTheme);
    expect(noColorRequested({ NO_COLOR: '1' })).toBe(true);
    expect(noColorRequested({ NO_COLOR: '' })).toBe(false);
    expect(noColorRequested({})).toBe(false);
  });

  it('unknown theme names the file and the available ones', () => {
    expectOneLineError(() => loadTheme('nope'), 'themes/nope.json', /Available themes: .*dark/);
    expectOneLineError(() => loadTheme('../etc/passwd'), 'not valid');
  });

  it('loads only names that --theme and the config accept too (one rule: no leading - or _)', () => {
    expectOneLineError(() => loadTheme('_dark'), 'not valid');
    expectOneLineError(() => loadTheme('-dark'), 'not valid');
    expect(loadTheme('dark-256').name).toBeDefined();
  });

  it('bad JSON reports line and column', () => {
    const dir = dirWith('broken', '{\n  "colors": {\n    "text": "white",\n  }\n}\n');
    expectOneLineError(() => loadTheme('broken', { dir }), 'themes/broken.json', 'not valid JSON', 'line 4, column 3');
    const dir2 = dirWith('cut', '{ "colors": { "text": "whi');
    expectOneLineError(() => loadTheme('cut', { dir: dir2 }), 'unterminated string', 'line 1');
  });

  it('missing token', () => {
    const { code: _omit, ...rest } = validColors;
    const dir = dirWith('partial', JSON.stringify({ colors: rest }));
    expectOneLineError(() => loadTheme('partial', { dir }), 'themes/partial.json', 'missing the token "code"');
  });

  it('unknown token', () => {
    const dir = dirWith('extra', JSON.stringify({ colors: { ...validColors, sparkle: 'red' } }));
    expectOneLineError(() => loadTheme('extra', { dir }), 'unknown token "sparkle"');
  });

  it('bad colour value', () => {
    const dir = dirWith('badcolor', JSON.stringify({ colors: { ...validColors, accent: 'chartreuse' } }));
    expectOneLineError(() => loadTheme('badcolor', { dir }), 'token "accent"', '"chartreuse"');
    const dir2 = dirWith('num', JSON.stringify({ colors: { ...validColors, accent: 7 } }));
    expectOneLineError(() => loadTheme('num', { dir: dir2 }), 'token "accent"');
  });

  it('wrong shape', () => {
    expectOneLineError(() => loadTheme('arr', { dir: dirWith('arr', '[1,2]') }), 'JSON object');
    expectOneLineError(() => loadTheme('nocol', { dir: dirWith('nocol', '{"name":"x"}') }), 'no "colors" object');
    expectOneLineError(
      () => loadTheme('field', { dir: dirWith('field', JSON.stringify({ colors: validColors, bg: 1 })) }),
      'unknown field "bg"',
    );
  });

  it('accepts valid custom themes', () => {
    const dir = dirWith('mine', JSON.stringify({ name: 'Mine', colors: { ...validColors, accent: '#abc', muted: 'ansi256(244)' } }));
    const theme = loadTheme('mine', { dir });
    expect(theme.name).toBe('Mine');
    expect(theme.colors.accent).toBe('#abc');
  });
});

describe('colour and JSON helpers', () => {
  it('validates colour syntax', () => {
    for (const ok of ['red', 'redBright', 'gray', '#fff', '#A0b1C2', 'ansi256(255)', 'rgb(1, 2, 3)']) expect(isValidColor(ok), ok).toBe(true);
    for (const bad of ['', 'grayBright', '#ff', 'ansi256(256)', 'rgb(300,0,0)', 'Red']) expect(isValidColor(bad), bad).toBe(false);
  });

  it('parses valid JSON like JSON.parse', () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"x\\"y\\u00e9"],"b":{}}';
    expect(parseJsonWithPosition(text)).toEqual(JSON.parse(text));
  });

  it('rejects trailing data', () => {
    expect(() => parseJsonWithPosition('{} x')).toThrow(/line 1, column 4/);
  });
});
