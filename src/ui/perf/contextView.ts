/**
 * The context gauge: `ctx 3,412 / 4,096 · 83% ██████░░`, as rows for the Performance panel, a part for
 * the status line and lines for F2. `~` marks an estimate: the used count while streaming (prompt
 * estimated from characters + streamed chunks) and a context size that is only Ollama's default.
 * After `done`, used = prompt_eval_count + eval_count (Ollama's counters, exact).
 */
import { finishedUse, splitUse, streamingUse, usePercent, type ContextSize, type ContextUse } from '../../core/contextWindow.js';
import { formatCount } from '../../core/format.js';
import { contextSizeFor } from '../../session/contextTurn.js';
import type { AppState, Turn } from '../../session/types.js';
import { bar } from './bars.js';
import { lastTurn } from './perfFigures.js';
import { type Row, fitRow, seg } from '../common/row.js';

export interface GaugeFigure {
  use?: ContextUse;
  size?: ContextSize;
  turn?: Turn;
}

/** Use of the last turn of the current model (live while it streams) and the size it runs with. */
export function contextGauge(state: AppState): GaugeFigure | undefined {
  const model = state.model.current;
  if (!model) return undefined;
  const last = lastTurn(state);
  const turn = last && last.model === model ? last : undefined;
  const size = contextSizeFor(state, model, turn?.context?.numCtxSent);
  const fig: GaugeFigure = {};
  if (size) fig.size = size;
  if (!turn?.context) return fig;
  fig.turn = turn;
  const m = turn.metrics;
  if (turn.status !== 'streaming' && m?.promptEvalCount !== undefined) {
    fig.use = finishedUse(m.promptEvalCount, m.evalCount ?? 0, size?.tokens);
  } else {
    // a prompt over num_ctx is cut by Ollama before the model sees it: at most num_ctx of it is in the context
    const prompt = size ? Math.min(turn.context.promptEstimate, size.tokens) : turn.context.promptEstimate;
    fig.use = streamingUse(prompt, turn.thinkingTokens + turn.answerTokens, size?.tokens);
  }
  return fig;
}

/**
 * `3,412 / 4,096 · 83%`, `~2,300 / 2,048 · shifted`, `– / ~4,096`. An estimate (`~`, while a reply streams)
 * is shown to the nearest 10 tokens: a calm figure that moves every few tokens, not with each one (at
 * 2 tok/s a per-token digit was a quarter of the bytes of each token's frame).
 */
export function gaugeNumbers(fig: GaugeFigure, sep = ' / ', dot = ' · '): string {
  const used = fig.use ? (fig.use.exact ? formatCount(fig.use.used) : `~${formatCount(Math.round(fig.use.used / 10) * 10)}`) : '–';
  const size = fig.size ? `${fig.size.exact ? '' : '~'}${formatCount(fig.size.tokens)}` : '?';
  let tail = '';
  if (fig.use && fig.use.shifted) tail = `${dot}shifted`;
  else if (fig.use && fig.size) tail = `${dot}${usePercent(fig.use.used, fig.size.tokens)}%`;
  return `${used}${sep}${size}${tail}`;
}

const MAX_BAR = 16;
const MIN_BAR = 4;

/** `ctx 3,412 / 4,096 · 83% ██████░░` (the bar only where it fits). */
export function gaugeRow(fig: GaugeFigure, width: number): Row {
  const text = `ctx ${gaugeNumbers(fig)}`;
  const tone = fig.use?.shifted || (fig.use && fig.size && fig.use.used > fig.size.tokens * 0.9) ? 'warn' : 'text';
  const head = [seg('ctx ', 'muted'), seg(text.slice(4), tone)];
  const cells = Math.min(MAX_BAR, width - text.length - 1);
  if (!fig.use || !fig.size || cells < MIN_BAR) return fitRow(head, width);
  const { filled, empty } = bar(fig.use.used / fig.size.tokens, cells);
  return fitRow([...head, seg(' '), seg(filled, tone === 'warn' ? 'warn' : 'barFill'), seg(empty, 'barEmpty')], width);
}

/** A short warning row about the context, or undefined: cut, shifted, or the next question will not fit. */
export function contextWarningText(fig: GaugeFigure | undefined): string | undefined {
  const ctx = fig?.turn?.context;
  if (!ctx || fig.turn?.status === 'streaming') return undefined;
  const cut = ctx.cut;
  if (cut?.kind === 'cut') return `Ollama cut ~${formatCount(cut.dropped)} tok of old messages`;
  if (cut?.kind === 'probably-cut') return `Ollama probably cut ~${formatCount(cut.dropped)} tok`;
  if (ctx.shifted) return 'reply outgrew ctx: shifted';
  if (ctx.next?.overflows) return `next: ~${formatCount(ctx.next.need)} tok won't fit ${formatCount(ctx.next.numCtx)}`;
  return undefined;
}

/**
 * `ctx 3,412/4,096 83%` for the status line; undefined until a turn of this model used the context.
 * `ctx 387/?` when the server does not say its context (never Ollama's default for another server).
 */
export function contextStatusText(state: AppState): string | undefined {
  const fig = contextGauge(state);
  if (!fig?.use) return undefined;
  return `ctx ${gaugeNumbers(fig, '/', ' ')}`;
}

/** Lines for F2: the split of the context by part, each number's source named. */
export function contextSplitLines(turn: Turn, state: AppState): string[] {
  const ctx = turn.context;
  const m = turn.metrics;
  if (!ctx || m?.promptEvalCount === undefined) return [];
  const size = ctx.size ?? contextSizeFor(state, turn.model, ctx.numCtxSent);
  const source = size
    ? { ps: 'ollama ps', sent: 'num_ctx sent', 'server-default': "Ollama's default, estimated", server: `${state.server?.label ?? 'the server'}, fixed at start` }[size.source]
    : state.server ? `${state.server.label} does not say` : undefined;
  const fig: GaugeFigure = { use: finishedUse(m.promptEvalCount, m.evalCount ?? 0, size?.tokens), ...(size ? { size } : {}) };
  const lines = [
    `context: ${gaugeNumbers(fig)}${source ? ` (size: ${source})` : ''}`,
    state.server
      ? `  = prompt ${formatCount(m.promptEvalCount)} + generated ${formatCount(m.evalCount ?? 0)} (${state.server.label})`
      : `  = prompt_eval_count ${formatCount(m.promptEvalCount)} + eval_count ${formatCount(m.evalCount ?? 0)} (exact, Ollama)`,
  ];
  const s = splitUse(m.promptEvalCount, m.evalCount ?? 0, ctx.parts, { thinking: turn.thinkingTokens, answer: turn.answerTokens });
  lines.push(
    `  split ~: system ${formatCount(s.system)} · history ${formatCount(s.history)} · question ${formatCount(s.question)} · thinking ${formatCount(s.thinking)} · answer ${formatCount(s.answer)}`,
  );
  lines.push(`  (~: counts shared out by characters and streamed chunks; the prompt estimate at send was ~${formatCount(ctx.promptEstimate)})`);
  return lines;
}
