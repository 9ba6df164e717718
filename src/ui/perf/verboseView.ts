/**
 * The `ollama run --verbose` statistics of one turn, as an overlay: the exact block Ollama prints
 * (core/verbose verboseLines), plus the streamed thinking/answer token split.
 */
import { formatCount } from '../../core/format.js';
import { verboseLines } from '../../core/verbose.js';
import { estimateVsActual } from '../../core/waitEstimate.js';
import { displayWidth, wrapText } from '../../core/wrap.js';
import type { Turn } from '../../session/types.js';
import { boxRows, innerHeight, innerWidth } from '../common/box.js';
import { shortDuration } from './perfFigures.js';
import { type Row, blankRow, fitRow, seg, textRow } from '../common/row.js';
import { withKeysInForce } from '../keys/keyOverrides.js';
import { DEFAULT_BINDINGS, type KeyBindings } from '../../core/keyBindings.js';
import { contextSplitLines } from './contextView.js';
import type { AppState } from '../../session/types.js';

export const VERBOSE_TITLE = 'Statistics (ollama run --verbose)';
export const VERBOSE_CLOSE_HINT = 'F2 or Esc closes';

/** Why there are no statistics, or undefined when there are. */
export function unavailableReason(turn: Turn | undefined): string | undefined {
  if (!turn) return 'not available: no turn yet';
  if (turn.metrics && verboseLines(turn.metrics).length > 0) return undefined;
  if (turn.status === 'streaming') return 'not available: the turn has not finished';
  if (turn.status === 'stopped') return 'not available: the turn was stopped before Ollama sent its statistics';
  if (turn.status === 'error') return 'not available: the turn failed before Ollama sent its statistics';
  return 'not available: Ollama sent no statistics for this turn';
}

function contentRows(turn: Turn | undefined, width: number, state?: AppState): Row[] {
  const reason = unavailableReason(turn);
  if (reason || !turn?.metrics) return [textRow(reason ?? '', width, 'muted')];
  const rows = verboseLines(turn.metrics).map((line) => textRow(line, width));
  rows.push(blankRow(width));
  rows.push(
    textRow(`chunks: think ${formatCount(turn.thinkingTokens)} · answer ${formatCount(turn.answerTokens)}`, width, 'muted'),
  );
  rows.push(textRow(firstTokenLine(turn), width, 'muted'));
  const wait = turn.context?.wait ? estimateVsActual(turn.context.wait, turn.metrics.promptEvalDuration, turn.metrics.loadDuration) : [];
  const context = [...(state ? contextSplitLines(turn, state) : []), ...wait];
  if (context.length > 0) rows.push(blankRow(width));
  for (const line of context) for (const part of wrapText(line, width)) rows.push(textRow(part, width, 'muted'));
  return rows;
}

/** `first thinking token: 1.6 s · first answer token: 4.3 s` (from the moment the message was sent). */
export function firstTokenLine(turn: Turn): string {
  const fmt = (at: number | undefined) => (at === undefined ? '–' : shortDuration(Math.max(0, at - turn.startedAt)));
  return `first thinking token: ${fmt(turn.firstThinkingAt)} · first answer token: ${fmt(turn.firstAnswerAt)}`;
}

/**
 * Exactly `height` rows of exactly `width` columns; borderless when the block would not fit a box.
 * `bindings`: the keys in force (the close hint names them).
 */
export function verboseRows(turn: Turn | undefined, width: number, height: number, state?: AppState, bindings: KeyBindings = DEFAULT_BINDINGS): Row[] {
  if (height <= 0) return [];
  const needed = turn?.metrics ? Math.max(0, ...verboseLines(turn.metrics).map(displayWidth)) : 0;
  const title = turn ? `${VERBOSE_TITLE} · ${turn.model}` : VERBOSE_TITLE;
  if (innerWidth(width) < needed || height < 4) {
    const rows = [fitRow([seg(title, 'accent')], width), ...contentRows(turn, width, state)];
    const out = rows.slice(0, height);
    while (out.length < height) out.push(blankRow(width));
    return out;
  }
  const inner = innerWidth(width);
  const body = contentRows(turn, inner, state).slice(0, innerHeight(height) - 1);
  while (body.length < innerHeight(height) - 1) body.push(blankRow(inner));
  body.push(textRow(withKeysInForce(VERBOSE_CLOSE_HINT, bindings), inner, 'muted'));
  return boxRows({ title: [seg(title, 'accent')], width, height, body, borderTone: 'borderActive' });
}
