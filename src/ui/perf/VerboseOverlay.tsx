/** The `ollama run --verbose` statistics of a turn (bound to F2 by the shell). Exactly `height` rows. */
import type { Turn } from '../../session/types.js';
import { RowsView } from '../common/RowsView.js';
import { verboseRows } from './verboseView.js';

export interface VerboseOverlayProps {
  turn: Turn | undefined;
  width: number;
  height: number;
}

export function VerboseOverlay({ turn, width, height }: VerboseOverlayProps) {
  return <RowsView rows={verboseRows(turn, width, height)} width={width} />;
}
