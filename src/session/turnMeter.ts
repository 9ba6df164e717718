/**
 * Per-turn bookkeeping for one streamed reply: splits thinking from answer (ThinkSplitter), counts
 * tokens, records phase timestamps, feeds the rate estimators and the loop detector. It mutates the
 * Turn in place and bumps `rev`; the stream controller tells the store.
 *
 * Token counting: each streamed chunk is one token. A chunk that added thinking counts for thinking,
 * else one that added answer text counts for the answer; a chunk that added nothing visible (a `<think>`
 * tag, whitespace) is held and counted with the next visible one. A retag (a `</think>` with no opening
 * tag) moves the answer's tokens to thinking.
 */
import { LoopDetector } from '../core/loopDetector.js';
import { RateEstimator } from '../core/rate.js';
import { ThinkSplitter, type SplitResult } from '../core/thinkSplitter.js';
import type { LiveRates, Phase, Turn } from './types.js';
import type { FinalMetrics } from '../core/chatTypes.js';

export interface ChunkOutcome {
  /** Phase after this chunk ('loading' while nothing visible arrived yet). */
  phase: Phase;
  /** The loop detector fired on this chunk. */
  loopEvidence?: string;
  /** The reasoning stopped repeating itself (the detector cleared). */
  loopCleared?: boolean;
}

export function evalRateOf(m: FinalMetrics | undefined): number | undefined {
  if (!m?.evalCount || !m.evalDuration) return undefined;
  return m.evalCount / (m.evalDuration / 1e9);
}

function spanRate(tokens: number, from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined || to <= from || tokens < 2) return undefined;
  // n chunks over the span between the first and the last: n - 1 intervals.
  return ((tokens - 1) * 1000) / (to - from);
}

export class TurnMeter {
  private readonly splitter = new ThinkSplitter();
  private readonly thinkingRate = new RateEstimator();
  private readonly answerRate = new RateEstimator();
  private readonly overallRate = new RateEstimator();
  private readonly loop = new LoopDetector();
  private heldTokens = 0;
  private loopFired = false;
  private lastAnswerAt: number | undefined;

  /** The reply ended without `</think>` after being shown as reasoning: it was the answer after all. */
  unthought = false;

  constructor(readonly turn: Turn) {}

  /** Treat a reply with no opening `<think>` as reasoning until `</think>` (set before the first chunk). */
  expectThinking(on: boolean): void {
    if (this.turn.firstChunkAt === undefined) this.splitter.expectThinking = on;
  }

  chunk(thinkingField: string, content: string, at: number): ChunkOutcome {
    const turn = this.turn;
    turn.firstChunkAt ??= at;
    const r = this.splitter.push(thinkingField, content);
    const outcome = this.apply(r, at, true);
    turn.rev++;
    return outcome;
  }

  /** Flush text the splitter held back (end of stream, stop, error). */
  finish(at: number, complete = true): void {
    const r = this.splitter.end(complete);
    if (r.thinkingAdded || r.answerAdded || r.retagged) this.apply(r, at, false);
    if (r.unthought) {
      const turn = this.turn;
      this.unthought = true;
      turn.thinking = this.splitter.thinking;
      turn.answer = this.splitter.answer;
      turn.answerTokens += turn.thinkingTokens + this.heldTokens;
      turn.thinkingTokens = 0;
      this.heldTokens = 0;
      turn.firstAnswerAt ??= turn.firstThinkingAt;
      turn.firstThinkingAt = undefined;
      turn.lastThinkingAt = undefined;
    }
    if (this.heldTokens > 0) {
      if (this.turn.answer !== '' || this.turn.thinking === '') this.turn.answerTokens += this.heldTokens;
      else this.turn.thinkingTokens += this.heldTokens;
      this.heldTokens = 0;
    }
    this.turn.rev++;
  }

  liveRates(now: number, history: number[]): LiveRates {
    const rates: LiveRates = { history };
    // Once the answer has started, thinking is over: keep its final rate instead of letting it decay.
    const turn = this.turn;
    const t =
      turn.firstAnswerAt !== undefined && turn.thinkingTokens > 0
        ? (spanRate(turn.thinkingTokens, turn.firstThinkingAt, turn.lastThinkingAt) ?? this.thinkingRate.rate(turn.lastThinkingAt ?? now))
        : this.thinkingRate.rate(now);
    const a = this.answerRate.rate(now);
    const o = this.overallRate.rate(now);
    if (t !== undefined) rates.thinkingRate = t;
    if (a !== undefined) rates.answerRate = a;
    if (o !== undefined) rates.rate = o;
    return rates;
  }

  /** Figures for a finished turn: exact eval rate when the server sent metrics; phase averages. */
  finalRates(history: number[]): LiveRates {
    const turn = this.turn;
    const rates: LiveRates = { history };
    const t = spanRate(turn.thinkingTokens, turn.firstThinkingAt, turn.lastThinkingAt);
    const a = spanRate(turn.answerTokens, turn.firstAnswerAt, this.lastAnswerAt);
    const exact = evalRateOf(turn.metrics);
    const overall = exact ?? spanRate(turn.thinkingTokens + turn.answerTokens, turn.firstChunkAt, turn.endedAt);
    if (t !== undefined) rates.thinkingRate = t;
    if (a !== undefined) rates.answerRate = a;
    if (overall !== undefined) rates.rate = overall;
    return rates;
  }

  /** `isChunk`: this text came with a streamed chunk (counts one token); false for the end flush. */
  private apply(r: SplitResult, at: number, isChunk: boolean): ChunkOutcome {
    const turn = this.turn;
    if (r.retagged) {
      turn.thinkingTokens += turn.answerTokens;
      turn.answerTokens = 0;
      turn.firstThinkingAt ??= turn.firstAnswerAt ?? at;
      turn.firstAnswerAt = undefined;
      this.lastAnswerAt = undefined;
      this.answerRate.reset();
    }
    turn.thinking = this.splitter.thinking;
    turn.answer = this.splitter.answer;

    const outcome: ChunkOutcome = { phase: 'loading' };
    const tokens = (isChunk ? 1 : 0) + this.heldTokens;
    if (r.thinkingAdded !== '' || r.retagged) {
      this.heldTokens = 0;
      turn.thinkingTokens += tokens;
      turn.firstThinkingAt ??= at;
      turn.lastThinkingAt = at;
      if (tokens > 0) {
        this.thinkingRate.add(at, tokens);
        this.overallRate.add(at, tokens);
      }
      this.loop.push(r.thinkingAdded);
      if (this.loop.looping && !this.loopFired) {
        this.loopFired = true;
        outcome.loopEvidence = this.loop.evidence ?? '';
      } else if (!this.loop.looping && this.loopFired) {
        this.loopFired = false;
        outcome.loopCleared = true;
      }
    } else if (r.answerAdded !== '') {
      this.heldTokens = 0;
      turn.answerTokens += tokens;
      if (tokens > 0) {
        this.answerRate.add(at, tokens);
        this.overallRate.add(at, tokens);
      }
    } else {
      this.heldTokens = tokens;
    }
    if (r.answerAdded !== '') {
      turn.firstAnswerAt ??= at;
      this.lastAnswerAt = at;
    }
    if (turn.answer !== '') outcome.phase = 'answering';
    else if (turn.thinking !== '') outcome.phase = 'thinking';
    return outcome;
  }
}
