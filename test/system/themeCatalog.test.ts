import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listThemes } from '../../src/system/themeCatalog.js';
import { loadTheme, THEMES_DIR } from '../../src/system/themeFiles.js';
import { userThemesDir } from '../../src/system/paths.js';
import { defaultTheme } from '../../src/core/theme.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function userDir(files: Record<string, unknown>): string {
  const d = mkdtempSync(join(tmpdir(), 'r1-userthemes-'));
  dirs.push(d);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(d, name), typeof data === 'string' ? data : JSON.stringify(data));
  return d;
}
const solarized = { name: 'solarized', colors: { ...defaultTheme.colors, accent: '#268bd2' } };

describe('theme catalog', () => {
  it('lists every shipped theme loaded, sorted', () => {
    const entries = listThemes();
    expect(entries.map((e) => e.name)).toEqual(['dark', 'dark-256', 'high-contrast', 'light']);
    for (const e of entries) expect('theme' in e).toBe(true);
  });

  it('adds the user themes, marks them, lists a broken one with its error', () => {
    const dir = userDir({ 'solarized.json': solarized, 'broken.json': '{"colors": {"text": "white"}}' });
    const entries = listThemes({ userDir: dir });
    expect(entries.map((e) => e.name)).toEqual(['broken', 'dark', 'dark-256', 'high-contrast', 'light', 'solarized']);
    const mine = entries.find((e) => e.name === 'solarized')!;
    expect(mine).toMatchObject({ user: true, theme: { colors: { accent: '#268bd2' } } });
    const broken = entries.find((e) => e.name === 'broken')!;
    expect(broken).toMatchObject({ user: true, error: `${join(dir, 'broken.json')} is missing the token "muted".` });
  });

  it('a user file wins over a shipped theme of the same name; --theme finds user themes', () => {
    const dir = userDir({ 'dark.json': { ...solarized, name: 'my dark' } });
    expect(loadTheme('dark', { userDir: dir }).name).toBe('my dark');
    expect(loadTheme('dark').name).toBe('dark');
    expect(() => loadTheme('nope', { userDir: userDir({ 'mine.json': solarized }) })).toThrow(/Available themes: dark, dark-256, high-contrast, light, mine\./);
  });

  it('the user theme directory sits in the XDG config directory', () => {
    expect(userThemesDir({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' })).toBe('/x/cfg/r1-tui/themes');
    expect(userThemesDir({ HOME: '/home/u' })).toBe('/home/u/.config/r1-tui/themes');
    expect(THEMES_DIR).toMatch(/themes$/);
  });
});
