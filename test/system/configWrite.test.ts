import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveConfigString } from '../../src/system/configWrite.js';
import { parseConfig } from '../../src/system/config.js';
import { shortPath, themePersister } from '../../src/system/themePersist.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'r1-cfgw-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) {
    try {
      chmodSync(d, 0o700);
    } catch {
      // gone
    }
    rmSync(d, { recursive: true, force: true });
  }
});

const isRoot = process.getuid?.() === 0;

describe('saving the theme into config.json', () => {
  it('creates the directory and the file (0600) when missing', () => {
    const path = join(tempDir(), 'r1-tui', 'config.json');
    expect(saveConfigString(path, 'theme', 'light')).toEqual({ ok: true, path, created: true });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ theme: 'light' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps every other field, and the file layout when "theme" is already there', () => {
    const path = join(tempDir(), 'config.json');
    const text = '{\n  "host": "box:11434",\n  "theme":   "dark",\n  "keys": { "regenerate": "alt+g" },\n  "numCtx": 8192\n}\n';
    writeFileSync(path, text);
    expect(saveConfigString(path, 'theme', 'high-contrast').ok).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(text.replace('"dark"', '"high-contrast"'));
    const parsed = parseConfig(readFileSync(path, 'utf8'), path);
    expect(parsed).toMatchObject({ ok: true, config: { host: 'box:11434', theme: 'high-contrast', keys: { regenerate: 'alt+g' }, numCtx: 8192 } });
  });

  it('adds "theme" after the other fields when it was not there; leaves no temp file', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"model":"deepseek-r1:32b","think":false}');
    expect(saveConfigString(path, 'theme', 'light')).toMatchObject({ ok: true, created: false });
    expect(Object.entries(JSON.parse(readFileSync(path, 'utf8')))).toEqual([['model', 'deepseek-r1:32b'], ['think', false], ['theme', 'light']]);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('writes through a symlinked config (dotfiles) instead of replacing the link', () => {
    const dir = tempDir();
    const real = join(dir, 'dotfiles-config.json');
    writeFileSync(real, '{"theme":"dark"}');
    const link = join(dir, 'config.json');
    symlinkSync(real, link);
    expect(saveConfigString(link, 'theme', 'light').ok).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8'))).toEqual({ theme: 'light' });
  });

  it('a broken file is left alone and reported', () => {
    const path = join(tempDir(), 'config.json');
    writeFileSync(path, '{"theme": "dark",');
    expect(saveConfigString(path, 'theme', 'light')).toEqual({ ok: false, path, reason: 'is not valid JSON (fix it, then pick again)' });
    expect(readFileSync(path, 'utf8')).toBe('{"theme": "dark",');
    writeFileSync(path, '[1]');
    expect(saveConfigString(path, 'theme', 'light')).toMatchObject({ ok: false, reason: expect.stringMatching(/does not hold a JSON object/) });
  });

  it.skipIf(isRoot)('an unwritable directory gives a "this session only" notice', () => {
    const dir = tempDir();
    const path = join(dir, 'r1-tui', 'config.json');
    mkdirSync(join(dir, 'r1-tui'));
    chmodSync(join(dir, 'r1-tui'), 0o500);
    const notice = themePersister(path)('light');
    expect(notice.level).toBe('warn');
    expect(notice.text).toBe(`Theme "light" is used for this session only: ${path} cannot be written (EACCES).`);
  });

  it('the notice names the path (with ~) on success and the reason on failure', () => {
    expect(shortPath('/home/me/.config/r1-tui/config.json', '/home/me')).toBe('~/.config/r1-tui/config.json');
    const ok = themePersister('/x/config.json', () => ({ ok: true, path: '/x/config.json', created: false }))('light');
    expect(ok).toEqual({ text: 'Theme "light" saved in /x/config.json.', level: 'info' });
    const denied = themePersister('/x/config.json', () => ({ ok: false, path: '/x/config.json', reason: 'cannot be written (EROFS)' }))('light');
    expect(denied).toEqual({ text: 'Theme "light" is used for this session only: /x/config.json cannot be written (EROFS).', level: 'warn' });
  });

  it('an unwritable place (a file where the directory should be) fails with a reason, even as root', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r1-tui'), 'not a directory');
    const r = saveConfigString(join(dir, 'r1-tui', 'config.json'), 'theme', 'light');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^cannot be (read|written) \((ENOTDIR|EEXIST)\)$/);
  });
});

describe('theme notice with a --theme flag', () => {
  it('says the flag still wins at start when it names another theme', () => {
    const save = () => ({ ok: true as const, path: '/x/config.json', created: false });
    expect(themePersister('/x/config.json', save, 'dark')('light').text).toBe('Theme "light" saved in /x/config.json (a --theme flag still wins at start).');
    expect(themePersister('/x/config.json', save, 'light')('light').text).toBe('Theme "light" saved in /x/config.json.');
  });
});
