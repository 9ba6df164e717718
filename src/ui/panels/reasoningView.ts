/** Rows of the reasoning pane: folded (one summary row) or open (a bordered box with the thinking tail). */
import type { Turn } from '../../session/types.js';
import { boxRows, innerHeight, innerWidth } from './box.js';
import { type ReasoningWrapCache, tailRows } from './reasoningLines.js';
import { reasoningStats, reasoningTitleParts, thoughtSummary } from './reasoningStats.js';
import { displayWidth, wrapText } from '../../core/wrap.js';
import { type Row, blankRow, fitRow, seg, textRow } from './row.js';

export interface ReasoningViewInput {
  turns: readonly Turn[];
  width: number;
  height: number;
  folded: boolean;
  live: boolean;
  now: number;
  selectedTurnId?: number;
  cache: ReasoningWrapCache;
}

export const EMPTY_HINT = "The model's reasoning will show here while it thinks.";
export const FOLD_HINT = 'Ctrl+T folds this pane.';

/** The turn the pane shows: the selected one when given and present, else the last. */
export function shownTurn(turns: readonly Turn[], selectedTurnId?: number): { turn?: Turn; index: number } {
  if (selectedTurnId !== undefined) {
    for (let i = turns.length - 1; i >= 0; i--) {
      if (turns[i]?.id === selectedTurnId) return { turn: turns[i], index: i };
    }
  }
  const index = turns.length - 1;
  return { turn: turns[index], index };
}

function foldedRow(turn: Turn | undefined, width: number, now: number): Row {
  if (!turn) return fitRow([seg('▸ ', 'muted'), seg('Reasoning · ' + EMPTY_HINT, 'muted')], width);
  const phase = reasoningStats(turn, now).phase;
  const tone = phase === 'none' || phase === 'waiting' ? 'muted' : 'thinking';
  return fitRow([seg('▸ ', 'muted'), seg(thoughtSummary(turn, now), tone)], width);
}

function bodyRows(turn: Turn | undefined, rows: number, width: number, now: number, cache: ReasoningWrapCache): Row[] {
  if (!turn) return wrapText(`${EMPTY_HINT} ${FOLD_HINT}`, width).map((line) => textRow(line, width, 'muted')).slice(0, rows);
  const phase = reasoningStats(turn, now).phase;
  if (phase === 'none') return [textRow('No reasoning for this turn', width, 'muted')];
  if (phase === 'waiting') return [textRow('Waiting for the first token…', width, 'muted')];
  return tailRows(cache.lines(turn, width), rows).map((line) => textRow(line, width, 'thinking'));
}

/** The first parts joined with ` · ` that fit `width` (the first part is always kept; the box cuts it). */
export function fitParts(parts: readonly string[], width: number): string {
  let out = parts[0] ?? '';
  for (const p of parts.slice(1)) {
    const next = `${out} · ${p}`;
    if (displayWidth(next) > width) break;
    out = next;
  }
  return out;
}

/** Exactly `height` rows, each exactly `width` columns. */
export function reasoningRows(input: ReasoningViewInput): Row[] {
  const { turns, width, height, now, cache } = input;
  if (height <= 0) return [];
  const { turn, index } = shownTurn(turns, input.selectedTurnId);
  if (input.folded || height === 1) {
    return [foldedRow(turn, width, now), ...Array.from({ length: height - 1 }, () => blankRow(width))];
  }
  const earlier = turn !== undefined && index !== turns.length - 1;
  const title = fitParts(reasoningTitleParts(turn, now, earlier ? `turn ${index + 1}` : undefined), width - 5);
  const thinkingNow = input.live && !earlier && turn !== undefined && reasoningStats(turn, now).phase === 'thinking';
  const body = bodyRows(turn, innerHeight(height), innerWidth(width), now, cache);
  return boxRows({
    title: [seg(title, 'accent')],
    width,
    height,
    body,
    borderTone: thinkingNow ? 'borderActive' : 'border',
  });
}
