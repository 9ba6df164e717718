/**
 * The Performance panel: phase, tok/s (live estimate, exact after done) with a per-turn sparkline,
 * prompt rate and load time, first-token times, the PROCESSOR split exactly as `ollama ps` prints it,
 * model size/context/keep-alive, RAM, VRAM and CPU. Exactly `height` rows of `width` columns.
 */
import type { AppState } from '../../session/types.js';
import { perfRows } from './perfView.js';
import { RowsView } from '../common/RowsView.js';
import { useTicker } from './useTicker.js';

export interface PerfPanelProps {
  state: AppState;
  width: number;
  height: number;
  /** performance.now() for elapsed times; when left out the panel ticks on its own while busy. */
  now?: number;
  /** Wall clock for the keep-alive label (tests); defaults to the current time. */
  clock?: Date;
}

export function PerfPanel({ state, width, height, now, clock }: PerfPanelProps) {
  const tickNow = useTicker(now === undefined && state.phase !== 'idle');
  const rows = perfRows({ state, width, height, now: now ?? tickNow, clock: clock ?? new Date() });
  return <RowsView rows={rows} width={width} />;
}
