/**
 * Figures the performance panel and the status line show, derived from AppState (pure).
 * Rates are tok/s. An `estimate` rate comes from streamed chunks; an exact one from Ollama's final
 * metrics (eval_count / eval_duration, what `ollama run --verbose` prints).
 */
import { formatRate, evalRate, promptEvalRate } from '../../core/verbose.js';
import { formatSeconds } from '../../core/format.js';
import { elapsedLabel } from '../chat/phaseText.js';
import type { AppState, PsModel, Turn } from '../../session/types.js';
import { waitText } from '../../core/waitEstimate.js';

export interface RateFigure {
  rate?: number;
  estimate: boolean;
}

export function lastTurn(state: AppState): Turn | undefined {
  return state.turns[state.turns.length - 1];
}

/** Generation rate: live estimate while streaming, exact after `done`, the estimate if it never came. */
export function evalFigure(state: AppState): RateFigure {
  const turn = lastTurn(state);
  if (!turn) return { estimate: false };
  if (turn.status !== 'streaming' && turn.metrics) {
    const exact = evalRate(turn.metrics);
    if (exact !== undefined) return { rate: exact, estimate: false };
  }
  return { rate: state.rates.rate, estimate: true };
}

function spanRate(tokens: number, from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined || tokens <= 0) return undefined;
  const seconds = (to - from) / 1000;
  return seconds > 0 ? tokens / seconds : undefined;
}

/**
 * Thinking and answer rates: while streaming only the thinking rate once thinking is over (the running
 * phase's live rate is the eval row, shown once); for a finished turn the session's final figures
 * (state.rates), else measured here from the turn's chunk timestamps.
 */
export function thinkAnswerFigures(state: AppState): { think: RateFigure; answer: RateFigure } {
  const turn = lastTurn(state);
  if (!turn) return { think: { estimate: false }, answer: { estimate: false } };
  if (turn.status === 'streaming') {
    // The live rate is the eval row's; a phase still running shows no second copy of it here.
    const thinkingOver = turn.firstAnswerAt !== undefined;
    return {
      think: thinkingOver ? { rate: state.rates.thinkingRate, estimate: true } : { estimate: false },
      answer: { estimate: false },
    };
  }
  return {
    think: { rate: state.rates.thinkingRate ?? spanRate(turn.thinkingTokens, turn.firstThinkingAt, turn.lastThinkingAt), estimate: false },
    answer: { rate: state.rates.answerRate ?? spanRate(turn.answerTokens, turn.firstAnswerAt, turn.endedAt), estimate: false },
  };
}

/** `1.62`, `~1.62` (estimate) or `–` (unknown), padded on the left to `pad` columns. */
export function rateText(fig: RateFigure, pad = 0): string {
  const text = fig.rate === undefined || !Number.isFinite(fig.rate) ? '–' : (fig.estimate ? '~' : '') + formatRate(fig.rate);
  return text.padStart(pad);
}

export function promptRate(turn: Turn | undefined): number | undefined {
  return turn?.metrics ? promptEvalRate(turn.metrics) : undefined;
}

/** Milliseconds as `820 ms` below a second, else core formatSeconds (`2.1 s`, `41 s`, `1 m 05 s`). */
export function shortDuration(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : formatSeconds(ms);
}

export function loadTime(turn: Turn | undefined): string | undefined {
  const ns = turn?.metrics?.loadDuration;
  return ns !== undefined && ns > 0 ? shortDuration(ns / 1e6) : undefined;
}

/** Time to the first token (thinking or answer) and to the first answer token, from the turn's start. */
export function firstTokenTimes(turn: Turn | undefined): { first?: number; answer?: number } {
  if (!turn) return {};
  const firstAt = turn.firstThinkingAt ?? turn.firstChunkAt ?? turn.firstAnswerAt;
  return {
    first: firstAt !== undefined ? firstAt - turn.startedAt : undefined,
    answer: turn.firstAnswerAt !== undefined ? turn.firstAnswerAt - turn.startedAt : undefined,
  };
}

/** The `/api/ps` entry of the current model (`name` or `name:latest`), if it is loaded. */
export function currentPlacement(state: AppState): PsModel | undefined {
  const name = state.model.current;
  if (!name) return undefined;
  const withTag = name.includes(':') ? name : `${name}:latest`;
  return state.placement.models.find((m) => m.name === name || m.model === name || m.name === withTag || m.model === withTag);
}

/** `answering    4 s`, `thinking   38 s`, `loading model    2 s`, `idle`: whole seconds at a fixed width. */
export function phaseText(state: AppState, now: number): string {
  if (state.phase === 'idle') return 'idle';
  const wait = lastTurn(state)?.context?.wait;
  if (state.phase === 'loading' && wait) return waitText(wait, Math.max(0, now - state.phaseSince), true);
  // Until the first chunk the server is loading the model and reading the prompt.
  // (a server other than Ollama has its model loaded already: it is reading the prompt or queueing)
  const label = state.phase === 'loading' ? (state.server ? 'waiting for first token' : 'loading model') : state.phase;
  return `${label} ${elapsedLabel(Math.max(0, now - state.phaseSince)).padStart(6)}`;
}
