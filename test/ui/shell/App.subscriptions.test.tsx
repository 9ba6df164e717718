/**
 * Components subscribe to what they draw: a sampler update (system figures) or a live rate redraws the
 * performance panel but does not lay out the chat again; a turn change does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ChatScroller } from '../../../src/ui/chat/chatViewport.js';
import { connectedState, renderApp, waitFor } from '../helpers.js';
import { makeTurn } from '../turns.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('narrow subscriptions', () => {
  it('system and rate updates redraw the panel only; a turn update redraws the chat', async () => {
    const app = renderApp(connectedState({ turns: [makeTurn(1)] }), { columns: 120, rows: 40 });
    await waitFor(() => expect(app.frame()).toContain('answer 1'));
    const view = vi.spyOn(ChatScroller.prototype, 'compute');
    app.store.update({ rates: { history: [], rate: 42.5 } });
    app.store.flush();
    await waitFor(() => expect(app.frame()).toContain('42.50'));
    expect(view).not.toHaveBeenCalled();
    const turn = app.store.getState().turns[0]!;
    turn.answer += ' and more';
    turn.rev++;
    app.store.touchTurns();
    app.store.flush();
    await waitFor(() => expect(app.frame()).toContain('and more'));
    expect(view).toHaveBeenCalled();
  });
});
