import { describe, expect, it } from 'vitest';
import { loadConfig, mergeSettings, parseConfig } from '../../src/system/config.js';

const P = '/home/u/.config/r1-tui/config.json';

function err(text: string): string {
  const r = parseConfig(text, P);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('config file', () => {
  it('accepts every field', () => {
    const text = JSON.stringify({ host: 'box:11434', model: 'deepseek-r1:32b', theme: 'high-contrast', reasoningMode: 'folded', think: 'high', keepAlive: '30m', numCtx: 8192, keepReasoning: true }, null, 2);
    expect(parseConfig(text, P)).toEqual({
      ok: true,
      path: P,
      found: true,
      config: { host: 'box:11434', model: 'deepseek-r1:32b', theme: 'high-contrast', reasoningMode: 'folded', think: 'high', keepAlive: '30m', numCtx: 8192, keepReasoning: true },
    });
    expect(parseConfig('{"think": false, "keepAlive": -1}', P)).toMatchObject({ ok: true, config: { think: false, keepAlive: -1 } });
  });

  it('a missing file is an empty config; an unreadable one is an error', () => {
    const enoent = Object.assign(new Error('x'), { code: 'ENOENT' });
    expect(loadConfig(P, () => { throw enoent; })).toEqual({ ok: true, config: {}, path: P, found: false });
    const eacces = Object.assign(new Error('x'), { code: 'EACCES' });
    expect(loadConfig(P, () => { throw eacces; })).toEqual({ ok: false, error: `${P}: cannot be read (EACCES)` });
  });

  it('names file, line and field for every wrong value', () => {
    const cases: [string, string][] = [
      ['host', '""'],
      ['model', '"no spaces allowed"'],
      ['theme', '"../etc"'],
      ['reasoningMode', '"sometimes"'],
      ['layout', '"below"'],
      ['think', '"maybe"'],
      ['keepAlive', '"soon"'],
      ['numCtx', '12.5'],
      ['keepReasoning', '"yes"'],
    ];
    for (const [field, value] of cases) {
      const e = err(`{\n  "model": "deepseek-r1:8b",\n  "${field}": ${value}\n}`);
      expect(e, field).toMatch(new RegExp(`^${P.replace(/[.]/g, '\\.')}:3: field "${field}": expected .+, got `));
    }
    expect(err('{\n "think": "maybe"\n}')).toBe(`${P}:2: field "think": expected true, false, "low", "medium", "high" or "max", got "maybe"`);
    expect(err('{\n "numCtx": 100\n}')).toBe(`${P}:2: field "numCtx": expected a whole number of tokens from 256 to 2097152, got 100`);
  });

  it('reports unknown fields (typos), syntax errors with their line, and non-objects', () => {
    expect(err('{\n  "model": "a",\n\n  "num_ctx": 4096\n}')).toMatch(new RegExp(`:4: unknown field "num_ctx" \\(known: host, model`));
    expect(err('{\n  "model": "a",\n  "theme": "dark",,\n}')).toMatch(new RegExp(`^${P.replace(/[.]/g, '\\.')}:3: not valid JSON`));
    expect(err('[1]')).toBe(`${P}:1: expected a JSON object like {"model": "deepseek-r1:32b"}, got a list`);
  });
});

describe('precedence', () => {
  const config = { host: 'cfg:11434', model: 'cfg-model', theme: 'light', numCtx: 8192, keepReasoning: true, reasoningMode: 'open' as const };
  it('flags override config, config overrides defaults', () => {
    expect(mergeSettings({ model: 'flag-model', theme: 'dark', host: 'flag:1' }, config)).toMatchObject({ hostFlag: 'flag:1', model: 'flag-model', theme: 'dark', numCtx: 8192 });
    expect(mergeSettings({}, config)).toMatchObject({ hostFlag: 'cfg:11434', model: 'cfg-model', theme: 'light', reasoningMode: 'open', keepReasoning: true });
    expect(mergeSettings({}, {})).toEqual({ theme: 'dark', reasoningMode: 'auto', layout: 'side', keepReasoning: false });
  });
  it('OLLAMA_HOST beats the config host, a flag beats both', () => {
    expect(mergeSettings({}, config, { OLLAMA_HOST: 'env:1' }).hostFlag).toBeUndefined();
    expect(mergeSettings({ host: 'flag:1' }, config, { OLLAMA_HOST: 'env:1' }).hostFlag).toBe('flag:1');
  });
});

describe('config "layout"', () => {
  it('"side" or "band"; "side" when left out; anything else is a precise error', async () => {
    const { mergeSettings: merge } = await import('../../src/system/config.js');
    expect(merge({}, {}).layout).toBe('side');
    expect(merge({}, { layout: 'band' }).layout).toBe('band');
  });
});
