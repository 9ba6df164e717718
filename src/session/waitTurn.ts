/**
 * The silent waits of one turn: the plan made when the question goes out (cold load? how many prompt
 * tokens to process, at this host's last measured rate) and the measurements kept afterwards (per
 * host and model, in the store the CLI gives: a file beside the bench history, or memory).
 */
import { planWait, promptRateSample, uncachedTokens, type WaitMeasure, type WaitPlan } from '../core/waitEstimate.js';
import { placementOf } from './contextTurn.js';
import type { AppState, Turn } from './types.js';

export interface WaitMeasureStore {
  get(host: string, model: string): WaitMeasure | undefined;
  record(host: string, model: string, measure: WaitMeasure): void;
}

/** Measurements for this session only (demo, tests, or when the data directory cannot be written). */
export function memoryWaitStore(): WaitMeasureStore {
  const map = new Map<string, WaitMeasure>();
  const key = (host: string, model: string) => `${host}\t${model}`;
  return {
    get: (host, model) => map.get(key(host, model)),
    record: (host, model, m) => map.set(key(host, model), { ...map.get(key(host, model)), ...m }),
  };
}

/** A load counts as measured when the model was not loaded, or when load_duration shows a real load. */
const REAL_LOAD_NS = 1e9;

/** The previous turn whose prompt is a cached prefix of this one (same model, same system, not cut). */
function cachedPrefixTurn(past: readonly Turn[], turn: Turn): Turn | undefined {
  const prev = past.at(-1);
  if (!prev || prev.model !== turn.model || prev.status !== 'done' || !prev.metrics?.promptEvalCount || !prev.context) return undefined;
  if (prev.context.cut && prev.context.cut.kind !== 'none') return undefined;
  if (turn.context && prev.context.parts.system !== turn.context.parts.system) return undefined;
  return prev;
}

/** Is the model known not to be loaded (the /api/ps poll answered and does not list it)? */
function knownCold(state: AppState, model: string): boolean {
  return state.placement.fetchedAt !== undefined && !state.placement.error && placementOf(state, model) === undefined;
}

export function beginWait(state: AppState, past: readonly Turn[], turn: Turn, measure: WaitMeasure | undefined): WaitPlan {
  const cold = knownCold(state, turn.model);
  const estimate = turn.context?.promptEstimate ?? 0;
  const size = turn.context?.size?.tokens;
  // over num_ctx Ollama drops the oldest messages: the prompt's start changes, so nothing is cached
  const cut = size !== undefined && estimate > size;
  const cached = cold || cut ? undefined : cachedPrefixTurn(past, turn)?.metrics?.promptEvalCount;
  return planWait(uncachedTokens(cut ? size : estimate, cached), cold, measure);
}

/** What this finished turn measured (prompt rate, load time), or undefined when nothing usable. */
export function measuredWait(past: readonly Turn[], turn: Turn): WaitMeasure | undefined {
  const m = turn.metrics;
  const plan = turn.context?.wait;
  if (!m || turn.status !== 'done' || !plan) return undefined;
  const out: WaitMeasure = {};
  const cached = plan.cold ? undefined : cachedPrefixTurn(past, turn)?.metrics?.promptEvalCount;
  const rate = m.promptEvalCount && m.promptEvalDuration ? promptRateSample(m.promptEvalCount, m.promptEvalDuration, cached) : undefined;
  if (rate !== undefined) out.promptRate = rate;
  if (m.loadDuration && (plan.cold || m.loadDuration >= REAL_LOAD_NS)) out.loadMs = m.loadDuration / 1e6;
  return out.promptRate !== undefined || out.loadMs !== undefined ? out : undefined;
}
