/**
 * Numbers behind the reasoning header: how long the model thought, how many thinking tokens, and the
 * thinking rate. Tokens are the streamed thinking chunks (the exact count we have: Ollama's eval_count
 * covers thinking and answer together, so it is never used here).
 */
import { formatCount, formatSeconds } from '../../core/format.js';
import type { Turn } from '../../session/types.js';
import { elapsedLabel } from '../chat/phaseText.js';

export type ReasoningPhase =
  /** The turn is streaming and no token has arrived yet. */
  | 'waiting'
  /** Thinking tokens are arriving and the answer has not started. */
  | 'thinking'
  /** Thinking is over (answer started, or the turn ended). */
  | 'thought'
  /** The turn has no reasoning text. */
  | 'none';

export interface ReasoningStats {
  phase: ReasoningPhase;
  /** ms: first to last thinking token ('thought'), first thinking token to now ('thinking'), start to now ('waiting'). */
  ms?: number;
  tokens: number;
  /** Thinking tokens per second between the first and the last thinking token. */
  rate?: number;
  /** The turn was stopped (or failed) while it was still thinking. */
  cutShort: boolean;
  /** Live figures (whole seconds, refreshed once a second). */
  live?: boolean;
}

const NON_SPACE = /\S/;

export function hasReasoning(turn: Turn): boolean {
  return NON_SPACE.test(turn.thinking);
}

function thinkingRate(turn: Turn): number | undefined {
  if (turn.firstThinkingAt === undefined || turn.lastThinkingAt === undefined) return undefined;
  const seconds = (turn.lastThinkingAt - turn.firstThinkingAt) / 1000;
  return seconds > 0 && turn.thinkingTokens > 0 ? turn.thinkingTokens / seconds : undefined;
}

export function reasoningStats(turn: Turn, now: number): ReasoningStats {
  const streaming = turn.status === 'streaming';
  const answering = turn.firstAnswerAt !== undefined;
  if (!hasReasoning(turn)) {
    if (streaming && !answering) return { phase: 'waiting', ms: Math.max(0, now - turn.startedAt), tokens: 0, cutShort: false };
    return { phase: 'none', tokens: 0, cutShort: false };
  }
  const rate = thinkingRate(turn);
  if (streaming && !answering) {
    // live: whole seconds, and the count and rate the stream controller refreshes once a second
    const first = turn.firstThinkingAt;
    const ms = first !== undefined ? Math.floor(Math.max(0, now - first) / 1000) * 1000 : undefined;
    const shown = turn.shown ?? { at: turn.lastThinkingAt ?? now, thinkingTokens: turn.thinkingTokens };
    const seconds = first !== undefined ? (shown.at - first) / 1000 : 0;
    const liveRate = seconds >= 1 && shown.thinkingTokens > 0 ? shown.thinkingTokens / seconds : undefined;
    return { phase: 'thinking', ms, tokens: shown.thinkingTokens, rate: liveRate, cutShort: false, live: true };
  }
  const ms =
    turn.firstThinkingAt !== undefined && turn.lastThinkingAt !== undefined
      ? Math.max(0, turn.lastThinkingAt - turn.firstThinkingAt)
      : undefined;
  return { phase: 'thought', ms, tokens: turn.thinkingTokens, rate, cutShort: !answering && !streaming };
}

/** Rate with three significant figures: 1.58, 44.6, 312. */
export function formatThinkingRate(rate: number): string {
  if (rate < 10) return rate.toFixed(2);
  if (rate < 100) return rate.toFixed(1);
  return rate.toFixed(0);
}

/** "41 s · 1,830 tok · 44.6 tok/s" (parts that are unknown are left out). */
export function statsParts(stats: ReasoningStats): string[] {
  const parts: string[] = [];
  if (stats.ms !== undefined) parts.push(stats.live ? elapsedLabel(stats.ms) : formatSeconds(stats.ms));
  if (stats.tokens > 0) parts.push(`${formatCount(stats.tokens)} tok`);
  if (stats.rate !== undefined) parts.push(`${formatThinkingRate(stats.rate)} tok/s`);
  return parts;
}

/**
 * The one-line summary used by the folded pane:
 * `Thought 41 s · 1,830 tok · 44.6 tok/s`, `Thinking 12 s · 310 tok · 25.1 tok/s`,
 * `Waiting for the first token · 3.2 s`, `No reasoning for this turn`.
 */
export function thoughtSummary(turn: Turn, now: number = performance.now()): string {
  const stats = reasoningStats(turn, now);
  switch (stats.phase) {
    case 'none':
      return turn.think === false ? 'No reasoning for this turn (thinking off)' : 'No reasoning for this turn';
    case 'waiting':
      return `Waiting for the first token · ${elapsedLabel(stats.ms ?? 0)}`;
    case 'thinking':
      return ('Thinking ' + statsParts(stats).join(' · ')).trimEnd();
    case 'thought': {
      const text = ('Thought ' + statsParts(stats).join(' · ')).trimEnd();
      return stats.cutShort ? `${text} · stopped` : text;
    }
  }
}

/**
 * Title parts of the open pane: `Reasoning ▾ thinking`, `38 s`, `612 tok`, `1.58 tok/s` (joined with
 * ` · `), with `turn N` when an earlier turn is shown. Callers keep as many parts as fit.
 */
export function reasoningTitleParts(turn: Turn | undefined, now: number, turnLabel?: string): string[] {
  const head = turnLabel ? `Reasoning ▾ ${turnLabel}` : 'Reasoning ▾';
  if (!turn) return [head];
  const sep = turnLabel ? ' · ' : ' ';
  const stats = reasoningStats(turn, now);
  switch (stats.phase) {
    case 'none':
      return [`${head}${sep}no reasoning`];
    case 'waiting':
      return [`${head}${sep}waiting`, elapsedLabel(stats.ms ?? 0)];
    case 'thinking':
    case 'thought':
      return [`${head}${sep}${stats.phase}`, ...(stats.cutShort ? ['stopped'] : []), ...statsParts(stats)];
  }
}

/** `Reasoning ▾ thinking · 38 s · 612 tok · 1.58 tok/s`. */
export function reasoningTitle(turn: Turn | undefined, now: number, turnLabel?: string): string {
  return reasoningTitleParts(turn, now, turnLabel).join(' · ');
}
