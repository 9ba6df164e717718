import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { Key } from 'ink';
import { AppStore } from '../../../src/session/store.js';
import type { AppActions, ConversationActions, Turn } from '../../../src/session/types.js';
import { makeTurn } from '../turns.js';
import { App } from '../../../src/ui/shell/App.js';
import { matchEverydayKey } from '../../../src/ui/conversations/ConversationsKeys.js';
import { conversationRows } from '../../../src/ui/conversations/ConversationsOverlay.js';
import { connectedState, fakeActions, KEYS, ticks, waitFor } from '../helpers.js';

const F6 = '\u001B[17~';

function key(over: Partial<Key>): Key {
  return { ctrl: false, meta: false, shift: false, return: false, escape: false, tab: false, backspace: false, delete: false, upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false, ...over } as Key;
}

function setup(conv: Partial<ConversationActions> = {}, turns: Turn[] = []) {
  const conversations: ConversationActions = {
    list: vi.fn(() => ({
      items: [
        { id: 'b', updatedAt: new Date(2026, 10, 28, 18, 2), firstQuestion: 'What is distillation?', turnCount: 3 },
        { id: 'a', updatedAt: new Date(2026, 10, 27, 9, 5), firstQuestion: '中文的问题\nsecond line', turnCount: 1 },
      ],
      skipped: ['bad.jsonl: line 1: not valid JSON'],
    })),
    open: vi.fn(),
    startNew: vi.fn(),
    exportMarkdown: vi.fn(() => 'Exported 1 turn(s) to /tmp/x.md.'),
    ...conv,
  };
  const copy = vi.fn();
  const actions: AppActions = { ...fakeActions(), conversations, copy };
  const store = new AppStore(connectedState({ turns }), 0);
  const view = render(
    <App store={store} actions={actions} initialSize={{ columns: 100, rows: 30 }} />,
  );
  return { ...view, conversations, copy, frame: () => view.lastFrame() ?? '' };
}

describe('everyday keys', () => {
  it('maps Ink 6.8 keypresses', () => {
    expect(matchEverydayKey('n', key({ ctrl: true }))).toEqual({ kind: 'newConversation' });
    expect(matchEverydayKey('y', key({ ctrl: true }))).toEqual({ kind: 'copy', target: { kind: 'answer' } });
    expect(matchEverydayKey('y', key({ meta: true }))).toEqual({ kind: 'copy', target: { kind: 'reasoning' } });
    expect(matchEverydayKey('3', key({ meta: true }))).toEqual({ kind: 'copy', target: { kind: 'code', index: 3 } });
    expect(matchEverydayKey('y', key({}))).toBeUndefined();
    expect(matchEverydayKey('0', key({ meta: true }))).toBeUndefined();
  });

  it('F6 lists conversations; ↓ Enter opens the second; Esc closes', async () => {
    const app = setup();
    await ticks();
    app.stdin.write(F6);
    await waitFor(() => expect(app.frame()).toContain('What is distillation?'));
    expect(app.frame()).toContain('3 turns');
    expect(app.frame()).toContain('中文的问题 second line');
    expect(app.frame()).toContain('Skipped 1 unreadable file(s)');
    await ticks(10); // the overlay's key listener is attached in an effect after it renders
    app.stdin.write(KEYS.down);
    await ticks();
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.conversations.open).toHaveBeenCalledWith('a'));
    await waitFor(() => expect(app.frame()).not.toContain('What is distillation?'));
    app.stdin.write(F6);
    await waitFor(() => expect(app.frame()).toContain('What is distillation?'));
    await ticks(10);
    app.stdin.write('e');
    await waitFor(() => expect(app.frame()).toContain('Exported 1 turn(s)'));
    expect(app.conversations.exportMarkdown).toHaveBeenCalledWith('b', true);
    app.stdin.write(KEYS.esc);
    await waitFor(() => expect(app.frame()).not.toContain('What is distillation?'));
    app.unmount();
  });

  it('Ctrl+N starts a new conversation; Ctrl+Y, Alt+Y and Alt+2 copy', async () => {
    const app = setup();
    await ticks();
    app.stdin.write('\u000E');
    await waitFor(() => expect(app.conversations.startNew).toHaveBeenCalled());
    app.stdin.write('\u0019');
    app.stdin.write('\u001By');
    app.stdin.write('\u001B2');
    await waitFor(() => expect(app.copy).toHaveBeenCalledTimes(3));
    expect(app.copy.mock.calls.map((c) => c[0])).toEqual([{ kind: 'answer' }, { kind: 'reasoning' }, { kind: 'code', index: 2 }]);
    app.unmount();
  });

  it('with a turn selected (Alt+↑), Ctrl+Y, Alt+Y and Alt+N copy from that turn; Esc clears it', async () => {
    const app = setup({}, [makeTurn(11), makeTurn(12), makeTurn(13)]);
    await ticks();
    const ALT_UP = '\u001B[1;3A';
    app.stdin.write(ALT_UP);
    await ticks();
    app.stdin.write(ALT_UP);
    await ticks();
    app.stdin.write('\u001B2');
    app.stdin.write('\u0019');
    app.stdin.write('\u001By');
    await waitFor(() => expect(app.copy).toHaveBeenCalledTimes(3));
    expect(app.copy.mock.calls.map((c) => c[0])).toEqual([
      { kind: 'code', index: 2, turnId: 12 },
      { kind: 'answer', turnId: 12 },
      { kind: 'reasoning', turnId: 12 },
    ]);
    app.stdin.write(KEYS.esc);
    await ticks();
    app.stdin.write('\u001B1');
    await waitFor(() => expect(app.copy).toHaveBeenCalledTimes(4));
    expect(app.copy.mock.calls[3]![0]).toEqual({ kind: 'code', index: 1 });
    app.unmount();
  });

  it('rows fit the width and mark the selection', () => {
    const rows = conversationRows(
      [{ id: 'x', updatedAt: new Date(0), firstQuestion: 'a'.repeat(200), turnCount: 1 }],
      0,
      60,
      () => '2026-01-01 00:00',
    );
    expect(rows[0]!.gutter).toBe('› 2026-01-01 00:00  1 turn    ');
    expect(rows[0]!.gutter.length + rows[0]!.body.length).toBeLessThanOrEqual(60);
  });
});
