/** The `ollama run --verbose` statistics of a turn (bound to F2 by the shell). Exactly `height` rows. */
import type { AppState, Turn } from '../../session/types.js';
import { RowsView } from '../common/RowsView.js';
import { verboseRows } from './verboseView.js';
import { useKeyTable } from '../keys/keyTableContext.js';

export interface VerboseOverlayProps {
  turn: Turn | undefined;
  width: number;
  height: number;
  /** For the context split lines (size source); optional so the overlay works without it. */
  state?: AppState;
}

export function VerboseOverlay({ turn, width, height, state }: VerboseOverlayProps) {
  return <RowsView rows={verboseRows(turn, width, height, state, useKeyTable().bindings)} width={width} />;
}
