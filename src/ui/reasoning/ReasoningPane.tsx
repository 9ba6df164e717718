/**
 * The reasoning pane: the tail of the shown turn's thinking text in a bordered box, or one folded
 * `▸ Thought 41 s · 1,830 tok · 44.6 tok/s` row. Renders exactly `height` rows of `width` columns.
 */
import { useRef } from 'react';
import { thinkLabel } from '../../session/thinkPolicy.js';
import type { Turn } from '../../session/types.js';
import { ReasoningWrapCache } from './reasoningLines.js';
import { reasoningRows } from './reasoningView.js';
import { RowsView } from '../common/RowsView.js';
import type { ThinkValue } from '../../core/chatTypes.js';

export interface ReasoningPaneProps {
  turns: Turn[];
  width: number;
  height: number;
  folded: boolean;
  /** A turn is streaming. */
  live: boolean;
  /** performance.now() of this frame, for elapsed times. */
  now: number;
  /** Show this turn's reasoning instead of the last turn's. */
  selectedTurnId?: number;
  /** Rows scrolled up from the bottom (0 or left out: follow the tail). Clamped to the text. */
  scrollBack?: number;
  /** The think setting for the next message (shown as `think on/off/high`); left out when unknown. */
  think?: ThinkValue;
}

export function ReasoningPane(props: ReasoningPaneProps) {
  const cacheRef = useRef<ReasoningWrapCache | null>(null);
  cacheRef.current ??= new ReasoningWrapCache();
  const thinkText = props.think === undefined ? undefined : `think ${thinkLabel(props.think)}`;
  const rows = reasoningRows({ ...props, think: thinkText, cache: cacheRef.current });
  return <RowsView rows={rows} width={props.width} />;
}
