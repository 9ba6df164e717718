/** Alt+R: compare the installed models on one prompt (choose, run with live progress, the result table). */
import { useSyncExternalStore } from 'react';
import { IDLE_BENCH, type BenchActions } from '../../session/benchView.js';
import { useActions } from '../shell/StoreContext.js';
import type { AppState } from '../../session/types.js';
import type { BenchChoice } from './benchChoice.js';
import { BENCH_TITLES, benchOverlayRows } from './benchOverlayRows.js';
import { useNow } from '../common/useNow.js';
import { ChatRows } from '../chat/ChatRows.js';
import { chatTextWidth } from '../chat/ChatPane.js';
import { Frame } from '../common/Frame.js';

export interface BenchOverlayProps {
  state: AppState;
  choice: BenchChoice;
  /** The session's bench (actions.bench); undefined: the overlay says it is not available. */
  bench: BenchActions | undefined;
  width: number;
  height: number;
}

const noBench = { subscribe: () => () => {}, getState: () => IDLE_BENCH };

export function BenchOverlay({ state, choice, bench, width, height }: BenchOverlayProps) {
  const source = bench ?? noBench;
  const view = useSyncExternalStore(source.subscribe, source.getState);
  const now = useNow(view.status === 'running', 1000);
  const textRows = Math.max(0, height - 2);
  const textWidth = chatTextWidth(width);
  const rows = bench
    ? benchOverlayRows(state, choice, view, textWidth, textRows, now)
    : [{ gutter: '', body: 'Comparing models is not available here.', bodyToken: 'warn' as const }];
  return (
    <Frame title={BENCH_TITLES[view.status]} width={width} height={height} active>
      <ChatRows rows={rows.slice(0, textRows)} height={textRows} />
    </Frame>
  );
}

/** The overlay with the session's bench from the store context (AppShell renders this one). */
export function ConnectedBenchOverlay(props: Omit<BenchOverlayProps, 'bench'>) {
  const actions = useActions();
  return <BenchOverlay {...props} bench={actions.bench} />;
}
