/**
 * The reasoning pane: the tail of the shown turn's thinking text in a bordered box, or one folded
 * `▸ Thought 41 s · 1,830 tok · 44.6 tok/s` row. Renders exactly `height` rows of `width` columns.
 */
import { useRef } from 'react';
import { thinkLabel } from '../../session/thinkPolicy.js';
import { ReasoningWrapCache } from './reasoningLines.js';
import { reasoningRows, type ReasoningViewInput } from './reasoningView.js';
import { RowsView } from '../common/RowsView.js';
import type { ThinkValue } from '../../core/chatTypes.js';

/** The view's input (reasoningView.ts), with the think setting as a value and the wrap cache kept here. */
export interface ReasoningPaneProps extends Omit<ReasoningViewInput, 'think' | 'cache'> {
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
