/** One-row performance summary used below ~100 columns instead of the Performance panel. */
import type { AppState } from '../../session/types.js';
import { RowsView } from '../common/RowsView.js';
import { statusRow } from './statusView.js';

export interface StatusLineProps {
  state: AppState;
  width: number;
}

export function StatusLine({ state, width }: StatusLineProps) {
  return <RowsView rows={[statusRow(state, width)]} width={width} />;
}
