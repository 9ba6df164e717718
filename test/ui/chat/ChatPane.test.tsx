import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { wrapText } from '../../../src/core/wrap.js';
import type { Turn } from '../../../src/session/types.js';
import { ChatDocument } from '../../../src/ui/chat/chatLines.js';
import { ChatScroller } from '../../../src/ui/chat/chatViewport.js';
import { ChatPane } from '../../../src/ui/chat/ChatPane.js';
import { connectedState, KEYS, renderApp, ticks, waitFor } from '../helpers.js';
import { longHistory, makeTurn } from '../turns.js';

afterEach(() => cleanup());

describe('ChatPane frame cost', () => {
  it('a 50-turn history: the first frame wraps only the visible turns, later frames wrap nothing', async () => {
    let calls = 0;
    const scroller = new ChatScroller(
      new ChatDocument((text, width) => {
        calls++;
        return wrapText(text, width);
      }),
    );
    const turns = longHistory(50);
    const live = makeTurn(51, { status: 'streaming', answer: '' });
    turns.push(live);
    const el = () => <ChatPane turns={[...turns]} width={80} height={20} scroller={scroller} phaseText="thinking · 3 s" />;
    const view = render(el());
    await waitFor(() => expect(view.lastFrame()).toContain('thinking · 3 s'));
    // 18 visible rows: the streaming turn plus at most two finished turns (question + answer wraps each).
    expect(calls).toBeLessThanOrEqual(1 + 2 * 2);
    const perFrame: number[] = [];
    for (let frame = 0; frame < 30; frame++) {
      calls = 0;
      live.answer += `token${frame} `;
      live.rev++;
      view.rerender(el());
      perFrame.push(calls);
    }
    await waitFor(() => expect(view.lastFrame()).toContain('token29'));
    expect(Math.max(...perFrame)).toBe(0);
    // The finished history was never wrapped as a whole.
    expect(scroller.doc.wrapCalls).toBeLessThan(50);
  });
});

describe('ChatPane frame cost with inline reasoning', () => {
  it('50 turns with reasoning, all unfolded inline: only the visible turns are wrapped, then nothing per frame', async () => {
    let calls = 0;
    const scroller = new ChatScroller(
      new ChatDocument((text, width) => {
        calls++;
        return wrapText(text, width);
      }),
    );
    const turns: Turn[] = longHistory(50).map((t) => ({
      ...t,
      thinking: Array.from({ length: 40 }, (_, w) => `r${t.id}w${w}`).join(' '),
      thinkingTokens: 40,
      firstThinkingAt: 0,
      lastThinkingAt: 1000,
      firstAnswerAt: 1100,
    }));
    const live = makeTurn(51, { status: 'streaming', answer: '' });
    turns.push(live);
    const display = { selectedTurnId: 49, reasoningOpen: () => true };
    const el = () => (
      <ChatPane turns={[...turns]} width={80} height={30} scroller={scroller} phaseText="thinking · 3 s" display={display} />
    );
    const view = render(el());
    await waitFor(() => expect(view.lastFrame()).toContain('thinking · 3 s'));
    // Question, reasoning and answer of at most a few turns.
    expect(calls).toBeLessThanOrEqual(3 * 3);
    const perFrame: number[] = [];
    for (let frame = 0; frame < 30; frame++) {
      calls = 0;
      live.answer += `token${frame} `;
      live.rev++;
      view.rerender(el());
      perFrame.push(calls);
    }
    await waitFor(() => expect(view.lastFrame()).toContain('token29'));
    expect(Math.max(...perFrame)).toBe(0);
    expect(view.lastFrame()).toContain('▾ Thought 1.0 s · 40 tok');
    expect(scroller.doc.wrapCalls).toBeLessThan(50);
  });
});

describe('large paste into the input', () => {
  it('10,000 pasted lines stay responsive and render only the visible rows', async () => {
    const app = renderApp(connectedState(), { columns: 100, rows: 30 });
    await ticks();
    const paste = Array.from({ length: 10_000 }, (_, i) => `pasted line ${i}`).join('\n');
    app.stdin.write(paste);
    await waitFor(() => expect(app.frame()).toContain('pasted line 9999'));
    expect(app.frame()).not.toContain('pasted line 9990\n');
    const t0 = performance.now();
    app.stdin.write('!');
    await waitFor(() => expect(app.frame()).toContain('pasted line 9999!'));
    expect(performance.now() - t0).toBeLessThan(1000);
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.actions.send).toHaveBeenCalledTimes(1));
    expect((app.actions.send.mock.calls[0]![0] as string).split('\n')).toHaveLength(10_000);
  });
});
