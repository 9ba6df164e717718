/** Rows of the reasoning pane: folded (one summary row) or open (a bordered box with the thinking tail). */
import { formatCount } from '../../core/format.js';
import { displayWidth, wrapText } from '../../core/wrap.js';
import type { Turn } from '../../session/types.js';
import { boxRows, innerHeight, innerWidth } from '../common/box.js';
import { type ReasoningWrapCache, contentRowCount, tailRows } from './reasoningLines.js';
import { reasoningStats, reasoningTitleParts, thoughtSummary } from './reasoningStats.js';
import { type Row, blankRow, fitRow, seg, textRow } from '../common/row.js';

export interface ReasoningViewInput {
  turns: readonly Turn[];
  width: number;
  height: number;
  folded: boolean;
  /** A turn is streaming. */
  live: boolean;
  /** performance.now() of this frame, for elapsed times. */
  now: number;
  /** Show this turn's reasoning instead of the last turn's. */
  selectedTurnId?: number;
  /** Rows scrolled up from the bottom of the shown turn's reasoning (0 or undefined: follow the tail). */
  scrollBack?: number;
  /** `think on` / `think off` / `think high`: the setting for the next message, shown in the title. */
  think?: string;
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

function foldedRow(turn: Turn | undefined, width: number, now: number, think?: string): Row {
  const tail = think ? [seg(` · ${think}`, 'muted')] : [];
  if (!turn) return fitRow([seg('▸ ', 'muted'), seg('Reasoning · ' + EMPTY_HINT, 'muted'), ...tail], width);
  const phase = reasoningStats(turn, now).phase;
  const tone = phase === 'none' || phase === 'waiting' ? 'muted' : 'thinking';
  return fitRow([seg('▸ ', 'muted'), seg(thoughtSummary(turn, now), tone), ...tail], width);
}

interface Body {
  rows: Row[];
  /** Rows below the visible ones (when scrolled back). */
  below: number;
}

function body(turn: Turn | undefined, rows: number, width: number, now: number, scrollBack: number, cache: ReasoningWrapCache): Body {
  const note = (text: string): Body => ({ rows: [textRow(text, width, 'muted')], below: 0 });
  if (!turn) {
    return { rows: wrapText(`${EMPTY_HINT} ${FOLD_HINT}`, width).map((line) => textRow(line, width, 'muted')).slice(0, rows), below: 0 };
  }
  const phase = reasoningStats(turn, now).phase;
  if (phase === 'none') return note(thoughtSummary(turn, now));
  if (phase === 'waiting') return note('Waiting for the first token…');
  const lines = cache.lines(turn, width);
  const shown = tailRows(lines, rows, scrollBack);
  const total = contentRowCount(lines);
  const below = Math.min(Math.max(0, Math.floor(scrollBack)), Math.max(0, total - rows));
  return { rows: shown.map((line) => textRow(line, width, 'thinking')), below };
}

/** The first parts joined with ` · ` that fit `width` (the first part is always kept; the box cuts it). */
export function fitParts(parts: readonly string[], width: number): string {
  let out = parts[0] ?? '';
  // widths add up part by part (` · ` is 3 cells): the parts repeat from frame to frame and hit the width
  // cache, where every joined string would be new (measured: 8 ms of 10 s at 20 tok/s)
  let used = displayWidth(out);
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    const w = used + 3 + displayWidth(p);
    if (w > width) break;
    out = `${out} · ${p}`;
    used = w;
  }
  return out;
}

/** Exactly `height` rows, each exactly `width` columns. */
export function reasoningRows(input: ReasoningViewInput): Row[] {
  const { turns, width, height, now, cache } = input;
  if (height <= 0) return [];
  const { turn, index } = shownTurn(turns, input.selectedTurnId);
  if (input.folded || height === 1) {
    return [foldedRow(turn, width, now, input.think), ...Array.from({ length: height - 1 }, () => blankRow(width))];
  }
  const earlier = turn !== undefined && index !== turns.length - 1;
  const parts = reasoningTitleParts(turn, now, earlier ? `turn ${index + 1}` : undefined);
  // The think setting goes right after the head so it stays when the numbers do not fit.
  if (input.think) parts.splice(1, 0, input.think);
  const title = fitParts(parts, width - 5);
  const thinkingNow = input.live && !earlier && turn !== undefined && reasoningStats(turn, now).phase === 'thinking';
  const { rows, below } = body(turn, innerHeight(height), innerWidth(width), now, input.scrollBack ?? 0, cache);
  return boxRows({
    title: [seg(title, 'accent')],
    width,
    height,
    body: rows,
    borderTone: thinkingNow ? 'borderActive' : 'border',
    footer: below > 0 ? [seg(`↓ ${formatCount(below)} more ${below === 1 ? 'row' : 'rows'}`, 'muted')] : undefined,
  });
}
