/**
 * Measuring one model for a bench (`r1-tui bench` and the TUI's compare overlay): unload it if loaded (so the load is cold), load it with an
 * empty /api/chat and time that, read its placement from /api/ps, then stream the prompt N times the way
 * the app does (TurnMeter: think splitting, one chunk = one token) and collect the server's figures.
 */
import { estimateFit, shapeFromModelInfo } from '../core/fitEstimate.js';
import { processorLabel } from '../core/processorLabel.js';
import { evalRate, formatRate, promptEvalRate } from '../core/verbose.js';
import { OllamaError, type OllamaApi } from '../backends/ollama/types.js';
import { newTurn } from './newTurn.js';
import { TurnMeter } from './turnMeter.js';
import type { BenchModelResult, BenchRun, BenchThink, Spread } from '../core/benchTypes.js';
import type { FinalMetrics, ThinkValue } from '../core/chatTypes.js';
import type { SystemSample } from '../system/sampleTypes.js';

export interface MeasureOptions {
  prompt: string;
  runs: number;
  numCtx?: number;
  think?: BenchThink;
}

/**
 * Where a bench reports its steps (the CLI's stderr bar, the TUI overlay's rows). Steps are the cold
 * loads and the runs; `token` comes once per streamed chunk with the phase the chunk was counted in.
 */
export interface BenchProgressSink {
  begin(label: string, kind: 'load' | 'run'): void;
  token(phase?: 'thinking' | 'answering', at?: number): void;
  step(): void;
  /** A model failed to load: its runs will not happen. */
  skipRuns(count: number): void;
}

/** Thrown when the bench's AbortSignal fired (Esc in the TUI); results so far were already reported. */
export class BenchCancelledError extends Error {
  override readonly name = 'BenchCancelledError';
  constructor() {
    super('The bench was cancelled.');
  }
}

/** Peak memory seen by the system sampler while one model is measured. */
export interface PeakTracker {
  reset(): void;
  /** Latest sample (for the fit estimate), undefined before the first one. */
  latest(): SystemSample | undefined;
  peaks(): { ramBytes: number | null; vramBytes: number | null };
}

export interface MeasureDeps {
  api: OllamaApi;
  now: () => number;
  /** null when Ollama is remote: no machine figures. */
  peaks: PeakTracker | null;
  progress: BenchProgressSink;
  /** Size on disk from /api/tags, for the fit estimate. */
  diskSize: number | undefined;
  /** Aborts the request in flight; measureModel then throws BenchCancelledError. */
  signal?: AbortSignal;
}

export function round2(n: number): number {
  return Number(formatRate(n));
}

export function serverSentence(err: unknown): string {
  if (err instanceof OllamaError) return (err.detail ?? err.message).trim();
  return String((err as Error)?.message ?? err);
}

export function spreadOf(values: number[]): Spread | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean: round2(mean), min: round2(Math.min(...values)), max: round2(Math.max(...values)), stdev: round2(Math.sqrt(variance)) };
}

function meanOf(values: number[], digits = 2): number | null {
  if (values.length === 0) return null;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return digits === 2 ? round2(m) : Math.round(m);
}

/** `deepseek-r1` names the same model as `deepseek-r1:latest` (the tag defaults to latest). */
export function sameModel(a: string, b: string): boolean {
  const full = (n: string) => (n.slice(n.lastIndexOf('/') + 1).includes(':') ? n : `${n}:latest`);
  return full(a) === full(b);
}

/** on/off → true/false; a level goes to the server as it is. */
export function thinkValue(think: BenchThink | undefined): ThinkValue | undefined {
  if (think === undefined) return undefined;
  if (think === 'on' || think === 'off') return think === 'on';
  return think;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BenchCancelledError();
}

function chatOptions(o: MeasureOptions): Record<string, number> | undefined {
  return o.numCtx !== undefined ? { num_ctx: o.numCtx } : undefined;
}

function emptyResult(model: string): BenchModelResult {
  return {
    model, status: 'ok', loadMs: null, runs: [], evalRate: null, promptEvalRate: null, thinkingTokens: null,
    answerTokens: null, firstAnswerMs: null, processor: null, sizeBytes: null, sizeVramBytes: null,
    contextLength: null, peakRamBytes: null, peakVramBytes: null, fit: null,
  };
}

async function fitBeforeLoad(model: string, o: MeasureOptions, d: MeasureDeps): Promise<BenchModelResult['fit']> {
  const sample = d.peaks?.latest();
  if (!sample || d.diskSize === undefined) return null;
  let shape;
  try {
    shape = shapeFromModelInfo((await d.api.show(model)).modelInfo);
  } catch {
    shape = undefined;
  }
  const freeVram = sample.gpus.reduce((sum, g) => sum + (g.totalBytes !== null && g.usedBytes !== null ? g.totalBytes - g.usedBytes : 0), 0);
  const fit = estimateFit({
    modelBytes: d.diskSize,
    ...(shape ? { shape } : {}),
    // Ollama runs with num_ctx 4096 unless told otherwise (newer servers pick more on big GPUs).
    contextLength: o.numCtx ?? 4096,
    freeVram,
    freeRam: sample.memTotal - sample.memUsed,
  });
  return { verdict: fit.verdict, label: fit.label, needBytes: Math.round(fit.needBytes) };
}

async function oneRun(model: string, o: MeasureOptions, d: MeasureDeps): Promise<BenchRun> {
  const t0 = d.now();
  const turn = newTurn([], o.prompt, model, t0);
  const meter = new TurnMeter(turn);
  let metrics: FinalMetrics | undefined;
  let doneReason: string | undefined;
  let error: string | undefined;
  try {
    const think = thinkValue(o.think);
    const options = chatOptions(o);
    const stream = await d.api.chat({
      model,
      messages: [{ role: 'user', content: o.prompt }],
      ...(think !== undefined ? { think } : {}),
      ...(options ? { options } : {}),
      ...(d.signal ? { signal: d.signal } : {}),
    });
    for await (const ev of stream) {
      if (ev.type === 'chunk') {
        meter.chunk(ev.thinking, ev.content, ev.at);
        d.progress.token(turn.answerTokens > 0 ? 'answering' : 'thinking', ev.at);
      } else if (ev.type === 'done') {
        metrics = ev.metrics;
        doneReason = ev.doneReason;
      }
    }
  } catch (err) {
    throwIfCancelled(d.signal);
    error = serverSentence(err);
  }
  throwIfCancelled(d.signal);
  meter.finish(d.now());
  const m = metrics ?? {};
  const er = evalRate(m);
  const pr = promptEvalRate(m);
  const run: BenchRun = {
    evalCount: m.evalCount ?? null,
    evalDurationNs: m.evalDuration ?? null,
    promptEvalCount: m.promptEvalCount ?? null,
    promptEvalDurationNs: m.promptEvalDuration ?? null,
    evalRate: er !== undefined ? round2(er) : null,
    promptEvalRate: pr !== undefined ? round2(pr) : null,
    thinkingTokens: turn.thinkingTokens,
    answerTokens: turn.answerTokens,
    firstAnswerMs: turn.firstAnswerAt !== undefined ? Math.round(turn.firstAnswerAt - t0) : null,
    wallMs: Math.round(d.now() - t0),
    doneReason: doneReason ?? null,
  };
  if (error !== undefined) run.error = error;
  return run;
}

/** Cold load (the caller unloaded the model): an empty chat (with the bench's num_ctx) and time it. */
async function coldLoad(model: string, o: MeasureOptions, d: MeasureDeps): Promise<number> {
  d.peaks?.reset();
  const t0 = d.now();
  const options = chatOptions(o);
  const stream = await d.api.chat({ model, messages: [], ...(options ? { options } : {}), ...(d.signal ? { signal: d.signal } : {}) });
  for await (const _ of stream) {
    // the reply is one done object with done_reason "load"
  }
  return Math.round(d.now() - t0);
}

export async function measureModel(model: string, o: MeasureOptions, d: MeasureDeps): Promise<BenchModelResult> {
  throwIfCancelled(d.signal);
  const result = emptyResult(model);
  d.progress.begin(`${model} load`, 'load');
  try {
    // estimate with the memory free before the load (after unloading the model itself)
    const loaded = await d.api.ps();
    if (loaded.some((m) => sameModel(m.name, model) || sameModel(m.model, model))) await d.api.unload(model);
    result.fit = await fitBeforeLoad(model, o, d);
    result.loadMs = await coldLoad(model, o, d);
  } catch (err) {
    throwIfCancelled(d.signal);
    result.status = 'failed';
    result.error = serverSentence(err);
    d.progress.step();
    d.progress.skipRuns(o.runs);
    return result;
  }
  d.progress.step();

  try {
    const ps = (await d.api.ps()).find((m) => sameModel(m.name, model) || sameModel(m.model, model));
    if (ps) {
      result.processor = processorLabel(ps.size, ps.size_vram);
      result.sizeBytes = ps.size;
      result.sizeVramBytes = ps.size_vram;
      result.contextLength = ps.context_length ?? null;
    }
  } catch {
    // placement stays unknown
  }

  for (let i = 1; i <= o.runs; i++) {
    throwIfCancelled(d.signal);
    d.progress.begin(`${model} run ${i}/${o.runs}`, 'run');
    result.runs.push(await oneRun(model, o, d));
    d.progress.step();
  }

  const good = result.runs.filter((r) => r.error === undefined);
  if (good.length === 0) {
    result.status = 'failed';
    result.error = result.runs[0]?.error ?? 'no run finished';
  }
  const rate = (count: number | null, ns: number | null) => (count !== null && ns ? [count / (ns / 1e9)] : []);
  result.evalRate = spreadOf(good.flatMap((r) => rate(r.evalCount, r.evalDurationNs)));
  result.promptEvalRate = meanOf(good.flatMap((r) => rate(r.promptEvalCount, r.promptEvalDurationNs)));
  result.thinkingTokens = meanOf(good.map((r) => r.thinkingTokens), 0);
  result.answerTokens = meanOf(good.map((r) => r.answerTokens), 0);
  result.firstAnswerMs = meanOf(good.flatMap((r) => (r.firstAnswerMs !== null ? [r.firstAnswerMs] : [])), 0);
  const peaks = d.peaks?.peaks();
  result.peakRamBytes = peaks?.ramBytes ?? null;
  result.peakVramBytes = peaks?.vramBytes ?? null;
  return result;
}
