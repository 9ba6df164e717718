/**
 * Issue 17: files r1-tui reads must be regular files of bounded size (a FIFO must not hang, a link to
 * /dev/zero must not grow memory), files it writes are 0600 and folders 0700 under any umask, and an
 * empty conversation file is listed as unreadable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/system/config.js';
import { listConversations, loadConversation } from '../../src/system/persistence.js';
import { exportConversation } from '../../src/session/persistenceActions.js';
import { loadTheme } from '../../src/system/themeFiles.js';
import { folderWarning, readRegularFile } from '../../src/system/safeFiles.js';
import { appendBenchHistory, readBenchHistory } from '../../src/commands/benchHistory.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'r1-safe-'));
}

function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('reading only regular files', () => {
  it('refuses a FIFO without hanging, a /dev/zero and /dev/urandom link, and a directory, saying why', () => {
    const dir = tmp();
    fifo(join(dir, 'fifo'));
    symlinkSync('/dev/zero', join(dir, 'zero'));
    symlinkSync('/dev/urandom', join(dir, 'urandom'));
    mkdirSync(join(dir, 'folder'));
    expect(() => readRegularFile(join(dir, 'fifo'), 1024)).toThrow(`${join(dir, 'fifo')} is not a regular file (a FIFO); r1-tui reads only regular files`);
    expect(() => readRegularFile(join(dir, 'zero'), 1024)).toThrow(/is not a regular file \(a character device such as \/dev\/zero\)/);
    expect(() => readRegularFile(join(dir, 'urandom'), 1024)).toThrow(/is not a regular file/);
    expect(() => readRegularFile(join(dir, 'folder'), 1024)).toThrow(/is not a regular file \(a directory\)/);
    writeFileSync(join(dir, 'big'), 'x'.repeat(2048));
    expect(() => readRegularFile(join(dir, 'big'), 1024)).toThrow(`${join(dir, 'big')} is larger than 1 KiB; r1-tui reads no more than that from such a file`);
    writeFileSync(join(dir, 'ok'), 'fine ✓');
    expect(readRegularFile(join(dir, 'ok'), 1024)).toBe('fine ✓');
  });

  it('config.json, a theme, a conversation (resume/list/export) and bench history refuse a FIFO and /dev/zero', () => {
    const dir = tmp();
    fifo(join(dir, 'config.json'));
    expect(loadConfig(join(dir, 'config.json'))).toEqual({ ok: false, error: `${join(dir, 'config.json')} is not a regular file (a FIFO); r1-tui reads only regular files` });
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    expect(loadConfig(join(dir, 'zero.json'))).toMatchObject({ ok: false, error: expect.stringMatching(/not a regular file \(a character device/) });
    const themes = tmp();
    fifo(join(themes, 'pipe.json'));
    expect(() => loadTheme('pipe', { dir: themes })).toThrow(/pipe\.json is not a regular file \(a FIFO\)/);
    const conv = tmp();
    fifo(join(conv, '2026-01-01T00-00-00Z-aaaa.jsonl'));
    symlinkSync('/dev/zero', join(conv, '2026-01-01T00-00-01Z-bbbb.jsonl'));
    const listed = listConversations(conv);
    expect(listed.conversations).toEqual([]);
    expect(listed.skipped).toHaveLength(2);
    expect(listed.skipped.sort()).toEqual(['2026-01-01T00-00-00Z-aaaa.jsonl: not a regular file (a FIFO)', '2026-01-01T00-00-01Z-bbbb.jsonl: not a regular file (a character device such as /dev/zero)']);
    expect(() => loadConversation(conv, '2026-01-01T00-00-00Z-aaaa')).toThrow(/a FIFO/);
    expect(() => exportConversation(conv, join(conv, 'out.md'), { id: '2026-01-01T00-00-01Z-bbbb', reasoning: true })).toThrow(/not a regular file/);
    const bench = tmp();
    fifo(join(bench, 'bench-history.jsonl'));
    expect(readBenchHistory(join(bench, 'bench-history.jsonl'))).toEqual([]);
  });
});

// runs the BUILT modules in a child (process.umask cannot be set in a vitest worker): npm run build first
describe('permissions under umask 000', () => {
  it('every file written is 0600 and every folder created 0700', () => {
    const base = tmp();
    // a child with umask 000 writes bench history, a conversation, an export and a clip file
    const script = `
      process.umask(0);
      const { appendBenchHistory } = await import(${JSON.stringify(new URL('../../dist/commands/benchHistory.js', import.meta.url).pathname)});
      const { ConversationFile } = await import(${JSON.stringify(new URL('../../dist/system/persistence.js', import.meta.url).pathname)});
      const { exportConversation } = await import(${JSON.stringify(new URL('../../dist/session/persistenceActions.js', import.meta.url).pathname)});
      const { copyText } = await import(${JSON.stringify(new URL('../../dist/system/clipboard.js', import.meta.url).pathname)});
      const base = ${JSON.stringify(base)};
      appendBenchHistory(base + '/data/r1-tui/bench-history.jsonl', { command: 'bench', results: [] });
      new ConversationFile(base + '/data2/r1-tui/conversations', 'c').append({ v: 1, kind: 'turn', savedAt: new Date().toISOString(), user: 'q', thinking: '', answer: 'a', model: 'm', status: 'done', thinkingTokens: 0, answerTokens: 0, timing: {} });
      exportConversation(base + '/data2/r1-tui/conversations', base + '/export.md', { id: 'c', reasoning: true });
      copyText('clip', { isTTY: false, env: {}, clipsDir: base + '/data3/r1-tui/clips' });
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: new URL('../..', import.meta.url).pathname });
    expect(r.stderr).toBe('');
    const mode = (p: string) => (statSync(join(base, p)).mode & 0o777).toString(8);
    expect(mode('data')).toBe('700');
    expect(mode('data/r1-tui')).toBe('700');
    expect(mode('data/r1-tui/bench-history.jsonl')).toBe('600');
    expect(mode('data2/r1-tui/conversations')).toBe('700');
    expect(mode('data2/r1-tui/conversations/c.jsonl')).toBe('600');
    expect(mode('export.md')).toBe('600');
    expect(mode('data3/r1-tui/clips')).toBe('700');
  });

  it('an existing file keeps no wider mode after a write, and a group/world-writable folder gets a warning', () => {
    const dir = tmp();
    const file = join(dir, 'bench-history.jsonl');
    writeFileSync(file, '');
    chmodSync(file, 0o666);
    appendBenchHistory(file, { command: 'bench', results: [] } as never);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(dir, 0o777);
    expect(folderWarning(dir)).toBe(`${dir} can be written by other users (mode 0777); run chmod 700 on it to keep your conversations private.`);
    chmodSync(dir, 0o700);
    expect(folderWarning(dir)).toBeUndefined();
  });
});

describe('an empty conversation file', () => {
  it('is listed as unreadable, with why, instead of vanishing', () => {
    const dir = tmp();
    writeFileSync(join(dir, '2026-01-01T00-00-00Z-aaaa.jsonl'), '');
    expect(listConversations(dir).skipped).toEqual(['2026-01-01T00-00-00Z-aaaa.jsonl: the file is empty (0 turns)']);
  });
});
