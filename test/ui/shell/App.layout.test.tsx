import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { displayWidth } from '../../../src/core/wrap.js';
import { connectedState, renderApp, waitFor } from '../helpers.js';
import { makeTurn } from '../turns.js';

afterEach(() => cleanup());

function lines(frame: string): string[] {
  // eslint-disable-next-line no-control-regex
  return frame.replace(/\u001B\[[0-9;]*m/g, '').split('\n');
}

describe('App layout', () => {
  it('80x24: header, status line, chat, reasoning, input, footer; height rows-1', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1, { thinking: 'Let me think about it.' })] }), { columns: 80, rows: 24 });
    await waitFor(() => expect(app.frame()).toContain('r1-tui'));
    const rows = lines(app.frame());
    expect(rows).toHaveLength(23);
    expect(rows[0]).toBe(' r1-tui · deepseek-r1:32b-qwen-distill-q8_0 · 127.0.0.1:11434 · connected');
    const all = rows.join('\n');
    expect(all).toContain('Chat');
    expect(all).not.toContain('Performance');
    expect(all).toMatch(/Reasoning|Thought/);
    expect(all).toContain('you  question 1');
    // The turn's reasoning is one folded header above the answer.
    expect(all).toMatch(/r1 {3}▸ Thought[^\n]*\n│ {6}answer 1/);
    expect(all).toContain('> ');
    expect(rows[22]).toContain('F1 help');
    for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(80);
  });

  it('120x40: side panel beside the chat', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1)] }), { columns: 120, rows: 40 });
    await waitFor(() => expect(app.frame()).toContain('Performance'));
    const rows = lines(app.frame());
    expect(rows).toHaveLength(39);
    expect(rows[0]).toBe(' r1-tui · deepseek-r1:32b-qwen-distill-q8_0 · 127.0.0.1:11434 · Ollama 0.12.6 · connected');
    expect(rows[1]).toContain('┌ Chat ─');
    expect(rows[1]).toContain('Performance');
    expect(rows[38]).toBe(' Enter send · Esc stop · Ctrl+T fold · Ctrl+J newline · Ctrl+P models · Alt+H hosts · F1 help');
    for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(120);
  });

  it('300x100 and the smallest size 60x16 keep every row in bounds and the height at rows-1', async () => {
    for (const size of [{ columns: 300, rows: 100 }, { columns: 60, rows: 16 }]) {
      const app = renderApp(
        connectedState({
          turns: [makeTurn(1, { answer: '中文回答 '.repeat(80), thinking: 'thinking '.repeat(50) })],
          notice: { text: 'A notice that is long enough to need truncation at sixty columns wide, surely.', level: 'warn', at: 0 },
          loop: { turnId: 1, evidence: 'again and again' },
        }),
        size,
      );
      await waitFor(() => expect(app.frame()).toContain('F1 help'));
      const rows = lines(app.frame());
      expect(rows).toHaveLength(size.rows - 1);
      for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(size.columns);
      expect(rows[0]).toMatch(/^ r1-tui · .* · connected$/);
      expect(app.frame()).toContain('中文回答');
      app.unmount();
    }
  });

  it('says DEMO in demo mode and colours nothing when unknown', async () => {
    const state = connectedState();
    state.connection = { ...state.connection, demo: true, hostSource: 'demo' };
    const app = renderApp(state, { columns: 100, rows: 30 });
    await waitFor(() => expect(lines(app.frame())[0]).toContain('connected · DEMO'));
  });

  it('a too-small terminal shows only the message', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1)] }), { columns: 50, rows: 12 });
    await waitFor(() => expect(app.frame()).toContain('Terminal too small'));
    const text = lines(app.frame()).join(' ').replace(/\s+/g, ' ').trim();
    expect(text).toBe('Terminal too small: 50x12. r1-tui needs at least 60x16. Enlarge the window (or zoom out).');
  });

  it('shows the notice row and the loop banner when set', async () => {
    const app = renderApp(
      connectedState({
        turns: [makeTurn(1, { status: 'streaming', answer: '' })],
        phase: 'thinking',
        notice: { text: 'Model switched to qwen3:8b.', level: 'info', at: 0 },
        loop: { turnId: 1, evidence: 'wait, let me reconsider' },
      }),
      { columns: 100, rows: 30 },
    );
    await waitFor(() => expect(app.frame()).toContain('Model switched to qwen3:8b.'));
    const rows = lines(app.frame());
    expect(rows).toHaveLength(29);
    expect(app.frame()).toContain('wait, let me');
  });
});

describe('App layout "band"', () => {
  it('120x40: the performance band spans the width above a full-width chat that follows line by line', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1)] }), { columns: 120, rows: 40 }, {}, { layout: 'band' });
    await waitFor(() => expect(app.frame()).toContain('Performance'));
    const rows = lines(app.frame());
    expect(rows).toHaveLength(39);
    expect(rows[1]).toMatch(/^┌ Performance ─+┐$/);
    expect(displayWidth(rows[1]!)).toBe(120);
    expect(rows[7]).toMatch(/^┌ Chat ─+┐$/);
    expect(displayWidth(rows[7]!)).toBe(120);
  });
});
