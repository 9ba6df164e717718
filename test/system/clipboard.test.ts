import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppStore, initialState } from '../../src/session/store.js';
import type { Turn } from '../../src/session/types.js';
import { copySentence, copyText } from '../../src/system/clipboard.js';
import { createCopyAction } from '../../src/session/clipboardActions.js';

function capture() {
  const writes: string[] = [];
  return { writes, writeTerminal: (_fd: number, data: string) => void writes.push(data) };
}

describe('copyText', () => {
  const clipsDir = join(mkdtempSync(join(tmpdir(), 'r1-clip-')), 'clips');

  it('sends OSC 52 in one write and says so honestly', () => {
    const t = capture();
    const r = copyText('héllo', { env: {}, isTTY: true, clipsDir, writeTerminal: t.writeTerminal });
    expect(r).toEqual({ how: 'osc52', bytes: 6, multiplexer: 'none' });
    expect(t.writes).toEqual(['\u001B]52;c;aMOpbGxv\u0007']);
    expect(copySentence('the last answer', r)).toBe('Copied the last answer (6 bytes) via OSC 52.');
    expect(copySentence('code block 2 of turn 3', { how: 'osc52', bytes: 412, multiplexer: 'tmux' }, 'python')).toBe(
      'Copied code block 2 of turn 3 (python, 412 bytes) via OSC 52 through tmux.',
    );
  });

  it('writes a 0600 file when the text is too large, and never claims a clipboard copy', () => {
    const t = capture();
    const r = copyText('x'.repeat(2000), { env: {}, isTTY: true, clipsDir, maxBytes: 100, writeTerminal: t.writeTerminal });
    expect(t.writes).toEqual([]);
    expect(r).toMatchObject({ how: 'file', why: 'too-large', bytes: 2000 });
    if (r.how !== 'file') throw new Error('expected a file');
    expect(readFileSync(r.path, 'utf8')).toBe('x'.repeat(2000));
    expect(statSync(r.path).mode & 0o777).toBe(0o600);
    expect(copySentence('the last reasoning', r, undefined, '/nohome')).toBe(`Not copied, saved to ${r.path}: the last reasoning (2,000 bytes), too large for OSC 52.`);
    const home = clipsDir.slice(0, clipsDir.lastIndexOf('/'));
    expect(copySentence('the last reasoning', r, undefined, home)).toBe(`Not copied, saved to ~/clips/${r.path.split('/').pop()}: the last reasoning (2,000 bytes), too large for OSC 52.`);
  });

  it('inside tmux with set-clipboard off or external (the default) and no passthrough: a file and the fix, never a claimed copy', () => {
    const t = capture();
    const options = (clip: string, pass?: string) => (name: string) => (name === 'set-clipboard' ? clip : pass);
    const off = copyText('abc', { env: { TMUX: '/tmp/t' }, isTTY: true, clipsDir, writeTerminal: t.writeTerminal, tmuxOption: options('off', 'off') });
    expect(t.writes).toEqual([]);
    expect(off).toMatchObject({ how: 'file', why: 'tmux-clipboard-off' });
    expect(copySentence('the last answer', off)).toMatch(/^Not copied, saved to .*copy-.*\.txt: the last answer \(3 bytes\), tmux drops OSC 52 \(tmux set -s set-clipboard on\)\.$/);
    expect(copyText('abc', { env: { TMUX: '/tmp/t' }, isTTY: true, clipsDir, writeTerminal: t.writeTerminal, tmuxOption: options('external') })).toMatchObject({ how: 'file' });
    expect(t.writes).toEqual([]);
    // The clipboard on, passthrough on, or tmux not answering: the sequence is sent.
    for (const opt of [options('off', 'on'), options('external', 'all'), options('on'), () => undefined]) {
      expect(copyText('abc', { env: { TMUX: '/tmp/t' }, isTTY: true, clipsDir, writeTerminal: t.writeTerminal, tmuxOption: opt })).toMatchObject({ how: 'osc52', multiplexer: 'tmux' });
    }
    expect(t.writes).toHaveLength(4);
    // Outside tmux the option is never asked.
    let asked = 0;
    copyText('abc', { env: {}, isTTY: true, clipsDir, writeTerminal: t.writeTerminal, tmuxOption: () => String(++asked) });
    expect(asked).toBe(0);
  });

  it('writes a file when there is no terminal', () => {
    const r = copyText('abc', { env: {}, isTTY: false, clipsDir });
    expect(r).toMatchObject({ how: 'file', why: 'no-terminal' });
  });

  it('reports a failed file write', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'r1-clip-')), 'a-file');
    writeFileSync(file, '');
    const r = copyText('abc', { env: {}, isTTY: false, clipsDir: join(file, 'clips') });
    expect(r.how).toBe('failed');
    expect(copySentence('x', r)).toContain('Could not copy x');
  });
});

describe('copy action', () => {
  function storeWith(turn?: Partial<Turn>): AppStore {
    const s = new AppStore(initialState('http://h', 'default', false), 0);
    if (turn) s.update({ turns: [{ id: 1, user: 'q', model: 'm', thinking: 'why\u001B[31m', answer: 'Here:\n```py\nprint(1)\n```\n', status: 'done', startedAt: 0, thinkingTokens: 0, answerTokens: 0, rev: 1, ...turn }] });
    return s;
  }
  const clipsDir = join(mkdtempSync(join(tmpdir(), 'r1-clip-')), 'clips');

  it('copies the answer, the sanitized reasoning and code block N', () => {
    const t = capture();
    const store = storeWith({});
    const copy = createCopyAction(store, { env: {}, isTTY: true, clipsDir, writeTerminal: t.writeTerminal });
    copy({ kind: 'code', index: 1 });
    expect(Buffer.from(t.writes[0]!.slice(7, -1), 'base64').toString()).toBe('print(1)');
    expect(store.getState().notice?.text).toBe('Copied code block 1 of the last answer (py, 8 bytes) via OSC 52.');
    copy({ kind: 'reasoning' });
    expect(Buffer.from(t.writes[1]!.slice(7, -1), 'base64').toString()).toBe('why');
    copy({ kind: 'code', index: 2 });
    expect(store.getState().notice).toMatchObject({ level: 'warn', text: 'The last answer has 1 code block; there is no block 2 (Alt+1-1).' });
    expect(t.writes).toHaveLength(2);
  });

  it('copies from the selected turn and names it; an unknown turn id falls back to the last turn', () => {
    const t = capture();
    const s = new AppStore(initialState('http://h', 'default', false), 0);
    const turn = (id: number, answer: string, thinking = ''): Turn => ({ id, user: 'q', model: 'm', thinking, answer, status: 'done', startedAt: 0, thinkingTokens: 0, answerTokens: 0, rev: 1 });
    s.update({
      turns: [
        turn(7, 'one\n```go\nfunc a() {}\n```\n\n```python\nprint("二")\n```', 'thought 7'),
        turn(9, 'last'),
        turn(12, 'no code here'),
      ],
    });
    const copy = createCopyAction(s, { env: { TMUX: '/tmp/x' }, isTTY: true, clipsDir, writeTerminal: t.writeTerminal });
    const decoded = (i: number) => Buffer.from(/\]52;c;([^\u0007]*)\u0007/.exec(t.writes[i]!)![1]!, 'base64').toString();
    copy({ kind: 'code', index: 2, turnId: 7 });
    expect(decoded(0)).toBe('print("二")');
    expect(s.getState().notice).toMatchObject({ level: 'info', text: 'Copied code block 2 of turn 1 (python, 12 bytes) via OSC 52 through tmux.' });
    copy({ kind: 'answer', turnId: 9 });
    expect(decoded(1)).toBe('last');
    expect(s.getState().notice?.text).toBe('Copied the answer of turn 2 (4 bytes) via OSC 52 through tmux.');
    copy({ kind: 'reasoning', turnId: 7 });
    expect(s.getState().notice?.text).toBe('Copied the reasoning of turn 1 (9 bytes) via OSC 52 through tmux.');
    copy({ kind: 'reasoning', turnId: 9 });
    expect(s.getState().notice).toMatchObject({ level: 'warn', text: 'Turn 2 has no reasoning to copy.' });
    copy({ kind: 'code', index: 1, turnId: 12 });
    expect(s.getState().notice?.text).toBe('The answer of turn 3 has no code block.');
    copy({ kind: 'code', index: 3, turnId: 7 });
    expect(s.getState().notice?.text).toBe('The answer of turn 1 has 2 code blocks; there is no block 3 (Alt+1-2).');
    copy({ kind: 'answer', turnId: 99 });
    expect(s.getState().notice?.text).toBe('Copied the last answer (12 bytes) via OSC 52 through tmux.');
    expect(t.writes).toHaveLength(4);
  });

  it('never claims a clipboard copy that went to a file', () => {
    const s = storeWith({});
    createCopyAction(s, { env: {}, isTTY: false, clipsDir })({ kind: 'code', index: 1, turnId: 1 });
    expect(s.getState().notice).toMatchObject({ level: 'warn' });
    expect(s.getState().notice?.text).toMatch(/^Not copied, saved to .*copy-.*\.txt: code block 1 of turn 1 \(py, 8 bytes\), no terminal for OSC 52\.$/);
  });

  it('says when there is nothing to copy', () => {
    const t = capture();
    const store = storeWith();
    createCopyAction(store, { env: {}, isTTY: true, clipsDir, writeTerminal: t.writeTerminal })({ kind: 'answer' });
    expect(store.getState().notice?.text).toBe('Nothing to copy yet: ask something first.');
    expect(t.writes).toEqual([]);
  });
});
