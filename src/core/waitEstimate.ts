/**
 * How long the silent waits before the first token will take: the model load and the prompt
 * evaluation. Ollama reports no progress for either, so this estimates from this host's last
 * measurements of the same model (pure; every figure is an estimate and is shown with `~`).
 *
 * Prompt eval rate: `prompt_eval_duration` covers only the tokens the runner actually processed; the
 * cached prefix (the previous request's prompt, when the model stayed loaded) is counted in
 * `prompt_eval_count` but takes no time. So the rate is (prompt_eval_count − cached) / duration, with
 * `cached` the previous prompt_eval_count of the same model when it stayed loaded, else 0.
 */
import { formatCount, formatSeconds } from './format.js';

/** Smallest uncached prompt worth a rate sample (a few tokens of a short question say nothing). */
export const MIN_RATE_SAMPLE_TOKENS = 64;

/** This host's last measurements for one model. */
export interface WaitMeasure {
  /** Uncached prompt tokens per second. */
  promptRate?: number;
  /** Last cold load, ms (load_duration). */
  loadMs?: number;
}

/** Prompt tokens the runner will have to process: all of them when cold, else the new part. */
export function uncachedTokens(promptEstimate: number, cachedPrompt: number | undefined): number {
  return Math.max(1, Math.round(promptEstimate - (cachedPrompt ?? 0)));
}

/** A prompt-eval rate sample from a finished request, or undefined when too small to mean anything. */
export function promptRateSample(promptEvalCount: number, promptEvalDurationNs: number, cachedPrompt: number | undefined): number | undefined {
  const tokens = promptEvalCount - (cachedPrompt ?? 0);
  if (tokens < MIN_RATE_SAMPLE_TOKENS || promptEvalDurationNs <= 0) return undefined;
  return tokens / (promptEvalDurationNs / 1e9);
}

export interface WaitPlan {
  /** Prompt tokens to process (~). */
  tokens: number;
  /** Expected prompt-eval time, ms, when a rate is known. */
  promptMs?: number;
  /** The model is not loaded: a load comes first. */
  cold: boolean;
  /** The last measured load of this model on this host, ms. */
  loadMs?: number;
}

export function planWait(tokens: number, cold: boolean, measure: WaitMeasure | undefined): WaitPlan {
  const plan: WaitPlan = { tokens, cold };
  if (measure?.promptRate && measure.promptRate > 0) plan.promptMs = (tokens / measure.promptRate) * 1000;
  if (cold && measure?.loadMs !== undefined) plan.loadMs = measure.loadMs;
  return plan;
}

/** Whole seconds left, at least 1 while something is left (a countdown never shows 0 before it ends). */
function secondsLeft(ms: number): string {
  return `~${formatSeconds(Math.max(1000, Math.ceil(ms / 1000) * 1000))} left`;
}

/**
 * What to say while no token has arrived, `elapsedMs` after sending:
 * - cold: `loading model · 12 s · last load here 41 s` (then the prompt estimate once past it);
 * - `evaluating prompt · ~1,900 tok · ~35 s left`;
 * - past the estimate: `evaluating prompt · ~1,900 tok · longer than the ~35 s estimate`.
 * `compact` (the Performance panel's ~34 columns): `loading 12 s · last 41 s`, `prompt ~1,900 tok · ~35 s left`.
 */
export function waitText(plan: WaitPlan, elapsedMs: number, compact = false): string {
  const elapsed = formatSeconds(elapsedMs).replace(/\.\d s$/, ' s');
  if (plan.cold) {
    if (plan.loadMs === undefined) return compact ? `loading model ${elapsed}` : `loading model · ${elapsed} · no earlier load measured here`;
    if (elapsedMs < plan.loadMs) {
      return compact ? `loading ${elapsed} · last ${formatSeconds(plan.loadMs)}` : `loading model · ${elapsed} · last load here ${formatSeconds(plan.loadMs)}`;
    }
  }
  const promptElapsed = elapsedMs - (plan.cold ? (plan.loadMs ?? 0) : 0);
  const head = `${compact ? 'prompt' : 'evaluating prompt ·'} ~${formatCount(plan.tokens)} tok`;
  if (plan.promptMs === undefined) return `${head} · ${elapsed}`;
  const left = plan.promptMs - promptElapsed;
  if (left > 0) return `${head} · ${secondsLeft(left)}`;
  return compact ? `${head} · over ~${formatSeconds(plan.promptMs)} est.` : `${head} · longer than the ~${formatSeconds(plan.promptMs)} estimate`;
}

/** F2: `prompt eval ~35 s estimated, 41.2 s actual` (and the load when there was one). */
export function estimateVsActual(plan: WaitPlan, promptEvalDurationNs: number | undefined, loadDurationNs: number | undefined): string[] {
  const lines: string[] = [];
  const actual = (ns: number | undefined) => (ns !== undefined && ns > 0 ? formatSeconds(ns / 1e6) : 'not reported');
  if (plan.promptMs !== undefined) {
    lines.push(`prompt eval: ~${formatSeconds(plan.promptMs)} estimated for ~${formatCount(plan.tokens)} tok, ${actual(promptEvalDurationNs)} actual`);
  } else {
    lines.push(`prompt eval: no estimate (no earlier measurement of this model here), ${actual(promptEvalDurationNs)} actual`);
  }
  if (plan.cold) {
    lines.push(`load: ${plan.loadMs !== undefined ? `~${formatSeconds(plan.loadMs)} (last load here)` : 'no earlier load measured'}, ${actual(loadDurationNs)} actual`);
  }
  return lines;
}
