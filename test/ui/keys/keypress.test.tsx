/**
 * Issue 17, keys: no key sequence can throw or lose the draft; several keys in one read act in order;
 * Ctrl+P opens on the current model.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { render, cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppStore } from '../../../src/session/store.js';
import type { ConversationActions } from '../../../src/session/types.js';
import { App } from '../../../src/ui/shell/App.js';
import { decodeKeypress } from '../../../src/ui/keys/keypress.js';
import { connectedState, fakeActions, KEYS, renderApp, ticks, waitFor } from '../helpers.js';

afterEach(() => cleanup());

const ESC = '\u001B';
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001B\[[0-9;]*m/g, '');
const inputRow = (frame: string) => plain(frame).split('\n').find((l) => l.startsWith('│> '))?.slice(3).replace(/\s*│$/, '') ?? '';

/** Ctrl, Shift, Alt and their mixes on F1–F4 (xterm `CSI 1;m P..S`) and F5–F12 (`CSI n;m ~`). */
const MODIFIED_FUNCTION_KEYS = [2, 3, 4, 5, 6, 7, 8].flatMap((m) => [
  ...['P', 'Q', 'R', 'S'].map((l) => `${ESC}[1;${m}${l}`),
  ...[15, 17, 18, 19, 20, 21, 23, 24].map((n) => `${ESC}[${n};${m}~`),
]);

describe('decodeKeypress', () => {
  it('gives a string input for every modified function key, SGR code and paste marker, and binds none as text', () => {
    const odd = [...MODIFIED_FUNCTION_KEYS, `${ESC}[0m`, `${ESC}[38;5;196m`, `${ESC}[200~`, `${ESC}[201~`, `${ESC}[97;5u`, `${ESC}[`, `${ESC}]`, `${ESC}[?1049h`, `${ESC}O`, `${ESC}[1;5`, `${ESC}${ESC}[1;5P`];
    for (const seq of odd) {
      const { input } = decodeKeypress(seq);
      expect(typeof input, JSON.stringify(seq)).toBe('string');
      expect(input.includes(ESC), JSON.stringify(seq)).toBe(false);
    }
    expect(decodeKeypress(`${ESC}[0m`)).toMatchObject({ input: '', key: { ctrl: false, meta: false } });
    expect(decodeKeypress(`${ESC}[1;5P`)).toMatchObject({ input: '', functionKey: 'f1', key: { ctrl: true } });
    expect(decodeKeypress(`${ESC}[15;2~`)).toMatchObject({ input: '', functionKey: 'f5', key: { shift: true } });
  });

  it('decodes the keys the keymap relies on as Ink 6.8 does', () => {
    expect(decodeKeypress('\r')).toMatchObject({ input: '', key: { return: true, meta: false } });
    expect(decodeKeypress(`${ESC}\r`)).toMatchObject({ input: '', key: { return: true, meta: true } });
    expect(decodeKeypress('\n')).toMatchObject({ input: '\n', key: { ctrl: false } });
    expect(decodeKeypress('\u007F')).toMatchObject({ input: '', key: { delete: true } });
    expect(decodeKeypress('\b')).toMatchObject({ input: '', key: { backspace: true } });
    expect(decodeKeypress(ESC)).toMatchObject({ input: '', key: { escape: true, meta: true } });
    expect(decodeKeypress('\u0010')).toMatchObject({ input: 'p', key: { ctrl: true } });
    expect(decodeKeypress(`${ESC}m`)).toMatchObject({ input: 'm', key: { meta: true } });
    expect(decodeKeypress('A')).toMatchObject({ input: 'A', key: { shift: true } });
    expect(decodeKeypress(`${ESC}[A`)).toMatchObject({ input: '', key: { upArrow: true } });
    expect(decodeKeypress(`${ESC}[1;3B`)).toMatchObject({ input: '', key: { downArrow: true, meta: true } });
    expect(decodeKeypress(`${ESC}${ESC}[A`)).toMatchObject({ input: '', key: { upArrow: true, meta: true } });
    expect(decodeKeypress(`${ESC}[1;5D`)).toMatchObject({ input: '', key: { leftArrow: true, ctrl: true } });
    expect(decodeKeypress(`${ESC}[5;2~`)).toMatchObject({ input: '', key: { pageUp: true, shift: true } });
    expect(decodeKeypress(`${ESC}[Z`)).toMatchObject({ input: '', key: { tab: true, shift: true } });
    expect(decodeKeypress(`${ESC}OH`)).toMatchObject({ input: '', key: { home: true } });
    expect(decodeKeypress('中文 paste\nline')).toMatchObject({ input: '中文 paste\nline' });
  });

  it('no file in src/ listens with Ink\'s useInput (its decoding throws on unknown sequences)', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk(join(__dirname, '..', '..', '..', 'src'));
    const users = files.filter((f) => /import\s*\{[^}]*\buseInput\b[^}]*\}\s*from\s*'ink'/.test(readFileSync(f, 'utf8')));
    expect(users).toEqual([]);
  });
});

describe('hostile keys in the running app', () => {
  it('Ctrl/Shift/Alt+F1..F12 and a paste holding SGR codes keep the app and the draft', async () => {
    const app = renderApp(connectedState(), { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write('my draft');
    await waitFor(() => expect(inputRow(app.frame())).toBe('my draft'));
    for (const seq of MODIFIED_FUNCTION_KEYS) app.stdin.write(seq);
    app.stdin.write(` red${ESC}[31m text${ESC}[0m end`);
    app.stdin.write(`${ESC}[200~pasted${ESC}[201~`);
    await waitFor(() => expect(inputRow(app.frame())).toBe('my draft red text endpasted'));
    expect(app.onQuit).not.toHaveBeenCalled();
    expect(app.actions.send).not.toHaveBeenCalled();
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.actions.send).toHaveBeenCalledWith('my draft red text endpasted'));
  });
});

function conversationsApp() {
  const conversations: ConversationActions = {
    list: vi.fn(() => ({
      items: ['c', 'b', 'a'].map((id, i) => ({ id, updatedAt: new Date(2026, 10, 28 - i, 9, 0), firstQuestion: `Question ${id}`, turnCount: 1 })),
      skipped: [],
    })),
    open: vi.fn(),
    startNew: vi.fn(),
  };
  const store = new AppStore(connectedState(), 0);
  const actions = { ...fakeActions(), conversations };
  const view = render(<App store={store} actions={actions} initialSize={{ columns: 100, rows: 30 }} />);
  return { ...view, conversations, actions, frame: () => view.lastFrame() ?? '' };
}

describe('several keys in one read', () => {
  it('F6, ↓, ↓ and Enter in one write open the third entry and send nothing', async () => {
    const app = conversationsApp();
    await ticks();
    app.stdin.write('draft');
    await waitFor(() => expect(inputRow(app.frame())).toBe('draft'));
    app.stdin.write(`${ESC}[17~${KEYS.down}${KEYS.down}${KEYS.enter}`);
    await waitFor(() => expect(app.conversations.open).toHaveBeenCalledTimes(1));
    expect(app.conversations.open).toHaveBeenCalledWith('a');
    expect(app.actions.send).not.toHaveBeenCalled();
    await waitFor(() => expect(app.frame()).not.toContain('Question c'));
    expect(inputRow(app.frame())).toBe('draft');
  });

  it('with the list shown, ↓ and Enter in one write open the entry ↓ chose', async () => {
    const app = conversationsApp();
    await ticks();
    app.stdin.write(`${ESC}[17~`);
    await waitFor(() => expect(app.frame()).toContain('Question c'));
    await ticks(10);
    app.stdin.write(`${KEYS.down}${KEYS.enter}`);
    await waitFor(() => expect(app.conversations.open).toHaveBeenCalledWith('b'));
    expect(app.conversations.open).toHaveBeenCalledTimes(1);
  });

  it('Ctrl+P, ↓ and Enter in one write pick the model after the current one', async () => {
    const tag = (name: string) => ({ name, model: name, size: 5e9, digest: name, details: { parameter_size: '8B', quantization_level: 'Q4_K_M', family: 'qwen2' } });
    const base = connectedState();
    const app = renderApp({ ...base, model: { ...base.model, current: 'b:8b', installed: [tag('a:8b'), tag('b:8b'), tag('c:8b'), tag('d:8b')] } }, { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write(`${KEYS.ctrlP}${KEYS.down}${KEYS.enter}`);
    await waitFor(() => expect(app.actions.selectModel).toHaveBeenCalledTimes(1));
    expect(app.actions.selectModel).toHaveBeenCalledWith('c:8b');
  });
});

describe('model picker', () => {
  it('opens on the current model, not the first row', async () => {
    const tag = (name: string) => ({ name, model: name, size: 5e9, digest: name, details: { parameter_size: '8B', quantization_level: 'Q4_K_M', family: 'qwen2' } });
    const base = connectedState();
    const app = renderApp({ ...base, model: { ...base.model, current: 'c:8b', installed: [tag('a:8b'), tag('b:8b'), tag('c:8b')] } }, { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write(KEYS.ctrlP);
    await waitFor(() => expect(app.frame()).toContain('a:8b'));
    const marked = plain(app.frame()).split('\n').filter((l) => /▶/.test(l));
    expect(marked.join('\n')).toContain('c:8b');
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.actions.selectModel).toHaveBeenCalledWith('c:8b'));
  });
});
