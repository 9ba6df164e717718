/**
 * A whole bench: every model in turn (cold load, N runs), into one BenchReport. Shared by
 * `r1-tui bench` (src/commands/bench.ts) and the TUI's compare overlay (benchController.ts); the
 * caller owns the sampler, the progress display and the history file.
 */
import type { OllamaApi } from '../backends/ollama/types.js';
import { measureModel, type BenchProgressSink, type MeasureOptions, type PeakTracker } from './benchMeasure.js';
import type { BenchModelResult, BenchReport } from '../core/benchTypes.js';

export interface BenchPlan extends MeasureOptions {
  models: string[];
}

export interface BenchRunDeps {
  api: OllamaApi;
  /** Base URL, written into the report. */
  host: string;
  /** False for a remote Ollama: no machine figures (peaks should then be null). */
  local: boolean;
  now: () => number;
  date: () => Date;
  peaks: PeakTracker | null;
  progress: BenchProgressSink;
  /** Size on disk per installed model (from /api/tags), for the fit estimate. */
  diskSizes: ReadonlyMap<string, number>;
  signal?: AbortSignal;
  /** A model's measuring begins. */
  onModelStart?(model: string, index: number): void;
  /** A model was measured (ok or failed); before the next one starts. */
  onResult?(result: BenchModelResult, index: number): void;
}

export function diskSizeOf(sizes: ReadonlyMap<string, number>, model: string): number | undefined {
  return sizes.get(model) ?? sizes.get(`${model}:latest`);
}

/** Runs the plan; throws BenchCancelledError when `signal` fires (results so far went to onResult). */
export async function runBenchModels(plan: BenchPlan, d: BenchRunDeps): Promise<BenchReport> {
  const report: BenchReport = {
    command: 'bench',
    at: d.date().toISOString(),
    host: d.host,
    local: d.local,
    prompt: plan.prompt,
    runs: plan.runs,
    numCtx: plan.numCtx ?? null,
    think: plan.think ?? null,
    results: [],
  };
  const measure: MeasureOptions = {
    prompt: plan.prompt,
    runs: plan.runs,
    ...(plan.numCtx ? { numCtx: plan.numCtx } : {}),
    ...(plan.think ? { think: plan.think } : {}),
  };
  for (const [index, model] of plan.models.entries()) {
    d.onModelStart?.(model, index);
    const result = await measureModel(model, measure, {
      api: d.api,
      now: d.now,
      peaks: d.peaks,
      progress: d.progress,
      diskSize: diskSizeOf(d.diskSizes, model),
      ...(d.signal ? { signal: d.signal } : {}),
    });
    report.results.push(result);
    d.onResult?.(result, index);
  }
  return report;
}
