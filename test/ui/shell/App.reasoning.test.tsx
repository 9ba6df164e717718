import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppStore } from '../../../src/session/store.js';
import { App } from '../../../src/ui/shell/App.js';
import { connectedState, fakeActions, KEYS, renderApp, ticks, waitFor } from '../helpers.js';
import { makeTurn } from '../turns.js';

afterEach(() => cleanup());

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001B\[[0-9;]*m/g, '');
const F3 = '\u001BOR';
const F4 = '\u001BOS';
const F5 = '\u001B[15~';
const ALT_UP = '\u001B[1;3A';
const ALT_DOWN = '\u001B[1;3B';
const CTRL_O = '\u000F';

const thought = (id: number, text: string) =>
  makeTurn(id, { thinking: text, thinkingTokens: 40, firstThinkingAt: 0, lastThinkingAt: 2000, firstAnswerAt: 2100 });

describe('reasoning fold modes', () => {
  it('auto: the pane is open while the model thinks and folds itself when the answer starts', async () => {
    const turn = makeTurn(1, { status: 'streaming', answer: '', thinking: 'pondering the sky', thinkingTokens: 3, firstThinkingAt: 0 });
    const app = renderApp(connectedState({ turns: [turn], phase: 'thinking' }), { columns: 120, rows: 40 });
    await waitFor(() => expect(app.frame()).toContain('Reasoning ▾ thinking'));
    expect(app.frame()).toContain('│ pondering the sky');
    turn.answer = 'The sky';
    turn.firstAnswerAt = 10;
    turn.rev++;
    app.store.update({ phase: 'answering' });
    app.store.touchTurns();
    app.store.flush();
    await waitFor(() => expect(app.frame()).toMatch(/▸ Thought/));
    expect(app.frame()).not.toContain('Reasoning ▾');
    // Ctrl+T overrides auto for this turn.
    app.stdin.write(KEYS.ctrlT);
    await waitFor(() => expect(app.frame()).toContain('Reasoning ▾ thought'));
  });

  it('F3 cycles auto → always folded → always open and says so briefly', async () => {
    const app = renderApp(connectedState({ turns: [thought(1, 'some reasoning')] }), { columns: 100, rows: 30 });
    await waitFor(() => expect(app.frame()).toMatch(/▸ Thought/));
    app.stdin.write(F3);
    await waitFor(() => expect(app.frame()).toContain('Reasoning: always folded'));
    app.stdin.write(F3);
    await waitFor(() => expect(app.frame()).toContain('Reasoning: always open'));
    expect(app.frame()).toContain('Reasoning ▾ thought');
    app.stdin.write(F3);
    await waitFor(() => expect(app.frame()).toContain('Reasoning: auto'));
  });

  it('the reasoningMode prop sets the starting mode', async () => {
    const store = new AppStore(connectedState({ turns: [thought(1, 'kept open')] }), 0);
    const view = render(<App store={store} actions={fakeActions()} initialSize={{ columns: 100, rows: 30 }} reasoningMode="open" />);
    await waitFor(() => expect(view.lastFrame()).toContain('Reasoning ▾ thought'));
  });
});

describe('earlier turns keep their reasoning', () => {
  it('shows a Thought header per turn; Alt+↑ selects, Ctrl+O unfolds one, then all; Esc clears', async () => {
    const turns = [thought(1, 'first reasoning text'), thought(2, 'second reasoning text')];
    const app = renderApp(connectedState({ turns }), { columns: 120, rows: 40 });
    await waitFor(() => expect(plain(app.frame())).toMatch(/r1 {3}▸ Thought 2\.0 s · 40 tok/));
    expect(app.frame()).not.toContain('first reasoning text');
    app.stdin.write(ALT_UP);
    app.stdin.write(ALT_UP);
    await waitFor(() => expect(app.frame()).toContain('▶you question 1'));
    // The reasoning pane shows the selected turn.
    expect(app.frame()).toContain('Reasoning ▾ turn 1');
    app.stdin.write(CTRL_O);
    await waitFor(() => expect(app.frame()).toContain('▾ Thought 2.0 s · 40 tok · 20.0 tok/s · Ctrl+O folds'));
    const chat = plain(app.frame()).split('\n').filter((l) => l.includes('reasoning text') && l.startsWith('│ '));
    expect(chat.some((l) => l.includes('first reasoning text'))).toBe(true);
    app.stdin.write(ALT_DOWN);
    app.stdin.write(ALT_DOWN);
    await waitFor(() => expect(app.frame()).not.toContain('▶you'));
    app.stdin.write(CTRL_O);
    await waitFor(() => expect(app.frame()).toMatch(/│ r1 {3}▾ Thought[^\n]*\n│ {6}second reasoning text/));
    app.stdin.write(ALT_UP);
    await waitFor(() => expect(app.frame()).toContain('▶you question 2'));
    app.stdin.write(KEYS.esc);
    await waitFor(() => expect(app.frame()).not.toContain('▶you'));
  });

  it('F2 shows the statistics of the selected turn', async () => {
    const metrics = (evalCount: number) => ({ totalDuration: 2e9, evalCount, evalDuration: 1e9 });
    const turns = [makeTurn(1, { metrics: metrics(11) }), makeTurn(2, { metrics: metrics(22) })];
    const app = renderApp(connectedState({ turns }), { columns: 120, rows: 40 });
    await ticks();
    app.stdin.write(ALT_UP);
    app.stdin.write(ALT_UP);
    await waitFor(() => expect(app.frame()).toContain('▶you question 1'));
    app.stdin.write('\u001BOQ');
    await waitFor(() => expect(app.frame()).toContain('eval count:           11 token(s)'));
    expect(app.frame()).toContain('first thinking token');
  });
});

describe('think and panel keys', () => {
  it('F4 cycles think through the session; the setting shows in the reasoning title', async () => {
    const state = connectedState({ turns: [thought(1, 'x')] });
    state.model = { ...state.model, think: 'high', thinkOptions: [true, false, 'high'] };
    const app = renderApp(state, { columns: 100, rows: 30 });
    await waitFor(() => expect(app.frame()).toContain('think high'));
    app.stdin.write(F4);
    await waitFor(() => expect(app.actions.cycleThink).toHaveBeenCalledTimes(1));
  });

  it('F5 hides the panel, gives the chat the width and tells the owner (sampler pause)', async () => {
    const store = new AppStore(connectedState({ turns: [makeTurn(1)] }), 0);
    const onPanelVisibleChange = vi.fn();
    const view = render(
      <App store={store} actions={fakeActions()} initialSize={{ columns: 120, rows: 40 }} onPanelVisibleChange={onPanelVisibleChange} />,
    );
    await waitFor(() => expect(view.lastFrame()).toContain('Performance'));
    expect(onPanelVisibleChange).not.toHaveBeenCalled();
    view.stdin.write(F5);
    await waitFor(() => expect(view.lastFrame()).not.toContain('Performance'));
    await waitFor(() => expect(onPanelVisibleChange).toHaveBeenLastCalledWith(false));
    const chatTop = plain(view.lastFrame() ?? '').split('\n')[1]!;
    expect(chatTop.startsWith('┌ Chat')).toBe(true);
    expect(chatTop.endsWith('┐')).toBe(true);
    expect(chatTop.length).toBe(120);
    view.stdin.write(F5);
    await waitFor(() => expect(view.lastFrame()).toContain('Performance'));
    await waitFor(() => expect(onPanelVisibleChange).toHaveBeenLastCalledWith(true));
  });
});
