import { render } from 'ink-testing-library';
import { vi, type Mock } from 'vitest';
import { AppStore, initialState } from '../../src/session/store.js';
import type { AppActions, AppState } from '../../src/session/types.js';
import { App } from '../../src/ui/shell/App.js';

/** The session's own actions as mocks; the optional groups (models, bench, conversations, copy, hosts) are added per test. */
type GroupKey = 'models' | 'bench' | 'conversations' | 'copy' | 'hosts';
export type FakeActions = { [K in Exclude<keyof AppActions, GroupKey>]-?: Mock<NonNullable<AppActions[K]>> } & Pick<AppActions, GroupKey>;

export function fakeActions(): FakeActions {
  return {
    send: vi.fn<AppActions['send']>(),
    stop: vi.fn<AppActions['stop']>(),
    stopAndReask: vi.fn<AppActions['stopAndReask']>(),
    cycleThink: vi.fn<AppActions['cycleThink']>(),
    selectModel: vi.fn<AppActions['selectModel']>(),
    retryNow: vi.fn<AppActions['retryNow']>(),
    dismissNotice: vi.fn<AppActions['dismissNotice']>(),
    setChatSettings: vi.fn<NonNullable<AppActions['setChatSettings']>>(),
  };
}

export function connectedState(over: Partial<AppState> = {}): AppState {
  const base = initialState('http://127.0.0.1:11434', 'default', false);
  return {
    ...base,
    connection: { ...base.connection, status: 'connected', serverVersion: '0.12.6' },
    model: { ...base.model, current: 'deepseek-r1:32b-qwen-distill-q8_0' },
    ...over,
  };
}

export function renderApp(state: AppState, size = { columns: 120, rows: 40 }, groups: Pick<AppActions, GroupKey> = {}, props: { layout?: 'side' | 'band' } = {}) {
  const store = new AppStore(state, 0);
  const actions: FakeActions = { ...fakeActions(), ...groups };
  const onQuit = vi.fn();
  const view = render(<App store={store} actions={actions} initialSize={size} onQuit={onQuit} {...props} />);
  return { ...view, store, actions, onQuit, frame: () => view.lastFrame() ?? '' };
}

/** Polls until `check` stops throwing (lastFrame updates on a later macrotask). */
export async function waitFor(check: () => void, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** Give Ink a few macrotask turns (a lone ESC needs two). */
export async function ticks(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 2));
}

export const KEYS = {
  enter: '\r',
  ctrlJ: '\n',
  backspace: '\u007F',
  ctrlH: '\b',
  left: '\u001B[D',
  right: '\u001B[C',
  home: '\u001B[H',
  end: '\u001B[F',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  esc: '\u001B',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlT: '\u0014',
  ctrlP: '\u0010',
  ctrlU: '\u0015',
  f1: '\u001BOP',
  f1rxvt: '\u001B[11~',
  up: '\u001B[A',
  down: '\u001B[B',
};
