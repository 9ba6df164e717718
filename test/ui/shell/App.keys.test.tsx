import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { TagModel } from '../../../src/backends/ollama/types.js';
import { connectedState, KEYS, renderApp, ticks, waitFor } from '../helpers.js';
import { longHistory, makeTurn } from '../turns.js';

afterEach(() => cleanup());

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001B\[[0-9;]*m/g, '');
/** The text rows of the input box (the bordered box whose first row starts with the prompt). */
const inputLines = (frame: string) => {
  const rows = plain(frame).split('\n');
  const start = rows.findIndex((l) => l.startsWith('│> '));
  const end = rows.findIndex((l, i) => i > start && l.startsWith('└'));
  return rows.slice(start, end).map((l) => l.slice(3).replace(/\s*│$/, ''));
};

describe('input editing', () => {
  it('types, inserts a newline with Ctrl+J, pastes multi-line CJK, deletes and sends once', async () => {
    const app = renderApp(connectedState(), { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write('hello');
    await waitFor(() => expect(app.frame()).toContain('> hello'));
    app.stdin.write(KEYS.ctrlJ);
    app.stdin.write('x');
    await waitFor(() => expect(inputLines(app.frame())).toEqual(['hello', 'x']));
    app.stdin.write(KEYS.backspace);
    app.stdin.write('第一行\r\n第二行 中文\r\nend');
    await waitFor(() => expect(inputLines(app.frame())).toEqual(['hello', '第一行', '第二行 中文', 'end']));
    app.stdin.write(KEYS.ctrlH);
    app.stdin.write(KEYS.left);
    app.stdin.write('E');
    await waitFor(() => expect(inputLines(app.frame()).at(-1)).toBe('eEn'));
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.actions.send).toHaveBeenCalledTimes(1));
    expect(app.actions.send).toHaveBeenCalledWith('hello\n第一行\n第二行 中文\neEn');
    await waitFor(() => expect(app.frame()).toContain('> Ask something…'));
  });

  it('Enter on an empty or blank input sends nothing; Ctrl+U clears', async () => {
    const app = renderApp(connectedState(), { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write('   ');
    app.stdin.write(KEYS.enter);
    await ticks(5);
    expect(app.actions.send).not.toHaveBeenCalled();
    app.stdin.write('abc');
    await waitFor(() => expect(app.frame()).toContain('>    abc'));
    app.stdin.write(KEYS.ctrlU);
    await waitFor(() => expect(app.frame()).toContain('> Ask something…'));
  });

  it('keeps the message while a turn is streaming instead of losing it', async () => {
    const app = renderApp(
      connectedState({ turns: [makeTurn(1, { status: 'streaming', answer: 'partial' })], phase: 'answering' }),
      { columns: 100, rows: 30 },
    );
    await ticks();
    app.stdin.write('next question');
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('Still answering'));
    expect(app.actions.send).not.toHaveBeenCalled();
    expect(app.frame()).toContain('> next question');
    // When the answer ends the hint goes away and Enter sends the kept message.
    const turns = app.store.getState().turns;
    turns[0]!.status = 'done';
    app.store.update({ phase: 'idle' });
    app.store.touchTurns();
    app.store.flush();
    await waitFor(() => expect(app.frame()).not.toContain('Still answering'));
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.actions.send).toHaveBeenCalledWith('next question'));
  });

  it('text, Backspace and Enter arriving in one read are applied in order', async () => {
    const app = renderApp(connectedState(), { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write('quick questiom\u007Fn\r');
    await waitFor(() => expect(app.actions.send).toHaveBeenCalledWith('quick question'));
  });

  it('grows the input box up to five rows', async () => {
    const app = renderApp(connectedState(), { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write('1\n2\n3\n4\n5\n6\n7');
    await waitFor(() => expect(inputLines(app.frame())).toEqual(['3', '4', '5', '6', '7']));
    expect(plain(app.frame()).split('\n')).toHaveLength(29);
  });
});

describe('Ctrl+C, Ctrl+D and Esc', () => {
  it('Ctrl+C stops generation while streaming', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1, { status: 'streaming' })], phase: 'thinking' }));
    await ticks();
    app.stdin.write(KEYS.ctrlC);
    await waitFor(() => expect(app.actions.stop).toHaveBeenCalledTimes(1));
    expect(app.onQuit).not.toHaveBeenCalled();
  });

  it('a second Ctrl+C soon after quits even if the stream has not stopped', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1, { status: 'streaming' })], phase: 'thinking' }));
    await ticks();
    app.stdin.write(KEYS.ctrlC);
    await waitFor(() => expect(app.frame()).toContain('press Ctrl+C again to quit'));
    app.stdin.write(KEYS.ctrlC);
    await waitFor(() => expect(app.onQuit).toHaveBeenCalledTimes(1));
    expect(app.actions.stop).toHaveBeenCalledTimes(1);
  });

  it('Ctrl+C quits when idle', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1)] }));
    await ticks();
    app.stdin.write(KEYS.ctrlC);
    await waitFor(() => expect(app.onQuit).toHaveBeenCalledTimes(1));
    expect(app.actions.stop).not.toHaveBeenCalled();
  });

  it('Ctrl+D quits only on an empty input', async () => {
    const app = renderApp(connectedState());
    await ticks();
    app.stdin.write('draft');
    await waitFor(() => expect(app.frame()).toContain('> draft'));
    app.stdin.write(KEYS.ctrlD);
    await ticks(5);
    expect(app.onQuit).not.toHaveBeenCalled();
    app.stdin.write(KEYS.ctrlU);
    await waitFor(() => expect(app.frame()).toContain('Ask something'));
    app.stdin.write(KEYS.ctrlD);
    await waitFor(() => expect(app.onQuit).toHaveBeenCalledTimes(1));
  });

  it('Esc stops generation', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1, { status: 'streaming' })], phase: 'answering' }));
    await ticks();
    app.stdin.write(KEYS.esc);
    await waitFor(() => expect(app.actions.stop).toHaveBeenCalledTimes(1));
  });
});

describe('scrolling', () => {
  it('PgUp shows earlier text and the ↓ hint; End jumps back to the bottom', async () => {
    const app = renderApp(connectedState({ turns: longHistory(30) }), { columns: 100, rows: 30 });
    await waitFor(() => expect(app.frame()).toContain('question number 30'));
    expect(app.frame()).not.toContain('question number 28:');
    expect(app.frame()).not.toContain('↓');
    app.stdin.write(KEYS.pageUp);
    app.stdin.write(KEYS.pageUp);
    app.stdin.write(KEYS.pageUp);
    await waitFor(() => expect(app.frame()).toMatch(/↓ \d+ more/));
    expect(app.frame()).toMatch(/question number 2[0-8]:/);
    app.stdin.write(KEYS.pageDown);
    await ticks(3);
    app.stdin.write(KEYS.end);
    await waitFor(() => expect(app.frame()).not.toContain('↓'));
    expect(app.frame()).toContain('question number 30');
  });
});

describe('reasoning scroll', () => {
  it('Shift+PgUp shows earlier reasoning, Shift+PgDn returns to the tail', async () => {
    const thinking = Array.from({ length: 40 }, (_, i) => `reasoning line ${i + 1}`).join('\n');
    const app = renderApp(connectedState({ turns: [makeTurn(1, { thinking, thinkingTokens: 400 })] }), { columns: 100, rows: 30 });
    // Auto mode folds a finished turn's reasoning; Ctrl+T opens it.
    await waitFor(() => expect(app.frame()).toContain('▸ Thought'));
    app.stdin.write(KEYS.ctrlT);
    await waitFor(() => expect(app.frame()).toContain('reasoning line 40'));
    expect(app.frame()).not.toContain('reasoning line 20\u0020');
    for (let i = 0; i < 30; i++) app.stdin.write('\u001B[5;2~');
    await waitFor(() => expect(app.frame()).toContain('reasoning line 1 '));
    expect(app.frame()).not.toContain('reasoning line 40');
    // One page back down from the top moves at once (the scroll was clamped to the text).
    app.stdin.write('\u001B[6;2~');
    await waitFor(() => expect(app.frame()).not.toContain('reasoning line 1 '));
    for (let i = 0; i < 10; i++) app.stdin.write('\u001B[1;5B');
    await waitFor(() => expect(app.frame()).toContain('reasoning line 40'));
  });
});

describe('overlays', () => {
  it('F1 opens the help with every key and Esc closes it; the rxvt F1 sequence works too', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1)] }), { columns: 80, rows: 24 });
    await ticks();
    app.stdin.write(KEYS.f1);
    await waitFor(() => expect(app.frame()).toContain('Help'));
    for (const k of ['Enter', 'Ctrl+J', 'Esc', 'Ctrl+C', 'Ctrl+D', 'Ctrl+T', 'Ctrl+P', 'PgUp/PgDn', 'F1']) {
      expect(app.frame()).toContain(k);
    }
    expect(app.frame()).not.toContain('more: enlarge');
    app.stdin.write(KEYS.esc);
    await waitFor(() => expect(app.frame()).not.toContain('Help ·'));
    app.stdin.write(KEYS.f1rxvt);
    await waitFor(() => expect(app.frame()).toContain('Help ·'));
    app.stdin.write(KEYS.f1);
    await waitFor(() => expect(app.frame()).not.toContain('Help ·'));
    expect(app.frame()).toContain('you  question 1');
  });

  it('Ctrl+T folds the reasoning pane to one Thought row', async () => {
    const app = renderApp(
      connectedState({ turns: [makeTurn(1, { thinking: 'I think therefore I am.', thinkingTokens: 7, firstThinkingAt: 0, lastThinkingAt: 2000 })] }),
      { columns: 100, rows: 30 },
    );
    // Auto mode: a finished turn's reasoning starts folded; Ctrl+T opens it and folds it again.
    await waitFor(() => expect(app.frame()).toContain('\n▸ Thought 2.0 s · 7 tok'));
    app.stdin.write(KEYS.ctrlT);
    await waitFor(() => expect(app.frame()).toContain('Reasoning ▾ thought'));
    app.stdin.write(KEYS.ctrlT);
    await waitFor(() => expect(app.frame()).not.toContain('Reasoning ▾'));
    expect(app.frame()).toContain('\n▸ Thought');
    expect(plain(app.frame()).split('\n')).toHaveLength(29);
  });

  it('Ctrl+P lists models, filters, and Enter selects', async () => {
    const model = (name: string, q: string): TagModel => ({
      name,
      model: name,
      size: 20e9,
      digest: name,
      details: { parameter_size: '32B', quantization_level: q },
    });
    const state = connectedState();
    state.model = { ...state.model, installed: [model('deepseek-r1:32b', 'Q4_K_M'), model('qwen3:8b', 'Q4_K_M'), model('deepseek-r1:70b', 'Q4_K_M')] };
    const app = renderApp(state, { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write(KEYS.ctrlP);
    await waitFor(() => expect(app.frame()).toContain('qwen3:8b'));
    app.stdin.write('deep');
    await waitFor(() => expect(app.frame()).not.toContain('qwen3:8b'));
    app.stdin.write(KEYS.down);
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.actions.selectModel).toHaveBeenCalledWith('deepseek-r1:70b'));
    await waitFor(() => expect(app.frame()).not.toContain('Models ·'));
    expect(app.actions.send).not.toHaveBeenCalled();
  });
});

describe('unreachable server', () => {
  it('explains the problem, what to try, counts down the retry and r retries now', async () => {
    const state = connectedState();
    state.connection = {
      ...state.connection,
      status: 'unreachable',
      serverVersion: undefined,
      error: 'Cannot connect to Ollama at 127.0.0.1:11434: connection refused.',
      retryAt: performance.now() + 4500,
    };
    const app = renderApp(state, { columns: 100, rows: 30 });
    await waitFor(() => expect(app.frame()).toContain('Cannot connect to Ollama at 127.0.0.1:11434'));
    const f = app.frame();
    expect(f).toContain('unreachable');
    expect(f).toContain('Host: 127.0.0.1:11434 (the default');
    for (const t of ['ollama serve', 'OLLAMA_HOST=host:port r1-tui', 'r1-tui --host URL', 'r1-tui --demo', 'r1-tui doctor']) expect(f).toContain(t);
    expect(f).toMatch(/retrying in [45] s \(r to retry now\)/);
    app.stdin.write('r');
    await waitFor(() => expect(app.actions.retryNow).toHaveBeenCalledTimes(1));
    // Connected again: the normal screen comes back by itself.
    app.store.update({ connection: { ...state.connection, status: 'connected', error: undefined, serverVersion: '0.12.6' } });
    app.store.flush();
    await waitFor(() => expect(app.frame()).toContain('Type a message and press Enter'));
    expect(app.frame()).not.toContain('ollama serve');
  });
});

describe('streaming', () => {
  it('shows the phase indicator until answer text arrives, then follows the answer', async () => {
    const turn = makeTurn(1, { status: 'streaming', answer: '' });
    const app = renderApp(connectedState({ turns: [turn], phase: 'loading', phaseSince: performance.now() - 12_400 }), {
      columns: 100,
      rows: 30,
    });
    await waitFor(() => expect(app.frame()).toContain('r1   loading model · 12 s'));
    turn.answer = 'Distillation fine-tunes a small student model.';
    turn.rev++;
    app.store.update({ phase: 'answering', phaseSince: performance.now() });
    app.store.touchTurns();
    app.store.flush();
    await waitFor(() => expect(app.frame()).toContain('r1   Distillation fine-tunes a small student model.'));
    expect(app.frame()).not.toContain('loading model');
  });
});

describe('model picker after a missing --model', () => {
  it('Ctrl+P opens the picker filtered on the --model name that is not installed (by the reason, not its wording)', async () => {
    const state = connectedState();
    state.model = { ...state.model, current: 'nope:7b', reason: 'flagMissing', installed: [] };
    const app = renderApp(state, { columns: 100, rows: 30 });
    await ticks();
    app.stdin.write(KEYS.ctrlP);
    await waitFor(() => expect(app.frame()).toContain('Models ·'));
    expect(plain(app.frame())).toMatch(/filter nope:7b/);
    app.unmount();
    const chosen = renderApp({ ...state, model: { ...state.model, reason: 'chosen' } }, { columns: 100, rows: 30 });
    await ticks();
    chosen.stdin.write(KEYS.ctrlP);
    await waitFor(() => expect(chosen.frame()).toContain('Models ·'));
    expect(plain(chosen.frame())).not.toMatch(/filter nope:7b/);
  });
});
