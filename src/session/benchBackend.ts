/**
 * A bench through the Backend interface, for OpenAI-compatible servers (llama.cpp, vLLM, SGLang,
 * LM Studio, any other): `r1-tui bench --host URL` and each such host of `bench --hosts`.
 *
 * What differs from the Ollama bench (benchMeasure.ts), and why:
 * - no cold load: these servers load their model when they start (LOAD, PROCESSOR, SIZE in memory are
 *   `n/a`, with the reason from the capability table);
 * - a server that serves exactly one model (vLLM, SGLang, llama.cpp without router mode) is benched on
 *   that model, once, whatever --models names (model names differ between servers: `deepseek-r1:671b`
 *   on Ollama is `deepseek-ai/DeepSeek-R1` on vLLM), and the report says so;
 * - every rate says where it comes from (`figures`): llama.cpp's `timings` are exact (predicted_n /
 *   predicted_ms, prompt_n / prompt_ms); vLLM and SGLang send exact token counts but no durations, so
 *   the rates are measured here from chunk arrival; LM Studio and unknown servers send neither while
 *   streaming (tokens are counted chunks, rates measured).
 *   Measured eval rate = (completion tokens − 1) / (last text chunk − first text chunk): the first
 *   token's time is in the prompt phase. Measured prompt rate = prompt tokens / (request sent → first
 *   text chunk), which includes the network and any queueing: a lower bound.
 * - num_ctx is fixed when such a server starts: a --num-ctx is not sent and the report says so.
 */
import type { Backend, BackendModel, ReplyStats } from '../backends/backend.js';
import { lackReason, thinkFields } from '../backends/capabilities.js';
import { BackendError } from '../backends/errors.js';
import type { BenchFigureSource, BenchModelResult, BenchReport, BenchRun } from '../core/benchTypes.js';
import { BenchCancelledError, round2, spreadOf, thinkValue, type BenchProgressSink, type MeasureOptions } from './benchMeasure.js';
import type { BenchPlan } from './benchRun.js';
import { newTurn } from './newTurn.js';
import { TurnMeter } from './turnMeter.js';

export interface BackendBenchDeps {
  backend: Backend;
  /** `vLLM 0.19.1`, for the report and its sentences. */
  label: string;
  now: () => number;
  date: () => Date;
  progress: BenchProgressSink;
  signal?: AbortSignal;
  onModelStart?(model: string, index: number): void;
  onResult?(result: BenchModelResult, index: number): void;
}

function emptyResult(model: string): BenchModelResult {
  return {
    model, status: 'ok', loadMs: null, runs: [], evalRate: null, promptEvalRate: null, thinkingTokens: null,
    answerTokens: null, firstAnswerMs: null, processor: null, sizeBytes: null, sizeVramBytes: null,
    contextLength: null, peakRamBytes: null, peakVramBytes: null, fit: null,
  };
}

function sentence(err: unknown): string {
  if (err instanceof BackendError) return err.message.trim();
  return String((err as Error)?.message ?? err);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BenchCancelledError();
}

/** The models to bench and what to say about the choice. */
export function planModels(asked: readonly string[], served: readonly BackendModel[], label: string): { models: string[]; note?: string } {
  const only = served.length === 1 && served[0]!.servedExactlyOne ? served[0]! : undefined;
  if (!only) return { models: [...asked] };
  const others = asked.filter((m) => m !== only.name);
  const asking = others.length > 0 ? ` (--models ${asked.join(',')} is not what it serves)` : '';
  return { models: [only.name], note: `${label} serves exactly one model, ${only.name}: one row${asking}.` };
}

interface RunFigures {
  run: BenchRun;
  rates: BenchFigureSource;
  tokens: BenchFigureSource;
  /** Measured or exact prompt rate of this run. */
  promptRate: number | null;
}

function ratesOf(stats: ReplyStats): { evalRate: number | null; promptRate: number | null } {
  const t = stats.tokens;
  const d = stats.timings;
  const perSecond = (n: number | undefined, ns: number | undefined) => (n !== undefined && n > 0 && ns !== undefined && ns > 0 ? n / (ns / 1e9) : null);
  if (d?.source === 'server-exact') return { evalRate: perSecond(t?.completion, d.evalNs), promptRate: perSecond(t?.prompt, d.promptNs) };
  // measured: the first token arrives at the end of the prompt phase, the rest over first → last chunk
  const completion = t?.completion !== undefined ? t.completion - 1 : undefined;
  return { evalRate: perSecond(completion, d?.evalNs), promptRate: t?.source === 'server-exact' ? perSecond(t.prompt, d?.promptNs) : null };
}

async function oneRun(model: string, o: MeasureOptions, d: BackendBenchDeps): Promise<RunFigures> {
  const t0 = d.now();
  const turn = newTurn([], o.prompt, model, t0);
  const meter = new TurnMeter(turn);
  let stats: ReplyStats | undefined;
  let finish: string | undefined;
  let error: string | undefined;
  try {
    const think = thinkValue(o.think);
    const stream = await d.backend.chat({
      model,
      messages: [{ role: 'user', content: o.prompt }],
      ...(think !== undefined ? { think } : {}),
      ...(d.signal ? { signal: d.signal } : {}),
    });
    for await (const ev of stream) {
      if (ev.type === 'delta') {
        meter.chunk(ev.reasoning, ev.content, ev.at);
        d.progress.token(turn.answerTokens > 0 ? 'answering' : 'thinking', ev.at);
      } else if (ev.type === 'done') {
        stats = ev.stats;
        finish = ev.finishReason;
      }
    }
  } catch (err) {
    throwIfCancelled(d.signal);
    error = sentence(err);
  }
  throwIfCancelled(d.signal);
  meter.finish(d.now());
  const s = stats ?? {};
  const { evalRate, promptRate } = ratesOf(s);
  const run: BenchRun = {
    evalCount: s.tokens?.completion ?? null,
    evalDurationNs: s.timings?.evalNs ?? null,
    promptEvalCount: s.tokens?.prompt ?? null,
    promptEvalDurationNs: s.timings?.promptNs ?? null,
    evalRate: evalRate !== null ? round2(evalRate) : null,
    promptEvalRate: promptRate !== null ? round2(promptRate) : null,
    thinkingTokens: turn.thinkingTokens,
    answerTokens: turn.answerTokens,
    firstAnswerMs: turn.firstAnswerAt !== undefined ? Math.round(turn.firstAnswerAt - t0) : null,
    wallMs: Math.round(d.now() - t0),
    doneReason: finish ?? null,
  };
  if (error !== undefined) run.error = error;
  return { run, rates: s.timings?.source ?? 'client-measured', tokens: s.tokens?.source ?? 'client-measured', promptRate };
}

function meanOf(values: number[], digits: 0 | 2): number | null {
  if (values.length === 0) return null;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return digits === 2 ? round2(m) : Math.round(m);
}

async function measure(model: BackendModel | undefined, name: string, o: MeasureOptions, d: BackendBenchDeps): Promise<BenchModelResult> {
  const result = emptyResult(name);
  if (model?.contextLength) result.contextLength = model.contextLength;
  if (model?.size) {
    // the file (meta.size), not memory in use as Ollama's /api/ps size is
    result.sizeBytes = model.size;
    result.sizeSource = 'file';
  }
  const figures: RunFigures[] = [];
  for (let i = 1; i <= o.runs; i++) {
    throwIfCancelled(d.signal);
    d.progress.begin(`${name} run ${i}/${o.runs}`, 'run');
    const f = await oneRun(name, o, d);
    figures.push(f);
    result.runs.push(f.run);
    d.progress.step();
  }
  const good = figures.filter((f) => f.run.error === undefined);
  if (good.length === 0) {
    result.status = 'failed';
    result.error = result.runs[0]?.error ?? 'no run finished';
    return result;
  }
  const exact = (pick: (f: RunFigures) => BenchFigureSource) => (good.every((f) => pick(f) === 'server-exact') ? 'server-exact' : 'client-measured');
  result.figures = { rates: exact((f) => f.rates), tokens: exact((f) => f.tokens) };
  result.evalRate = spreadOf(good.flatMap((f) => (f.run.evalRate !== null ? [f.run.evalRate] : [])));
  result.promptEvalRate = meanOf(good.flatMap((f) => (f.promptRate !== null ? [f.promptRate] : [])), 2);
  result.thinkingTokens = meanOf(good.map((f) => f.run.thinkingTokens), 0);
  result.answerTokens = meanOf(good.map((f) => f.run.answerTokens), 0);
  result.firstAnswerMs = meanOf(good.flatMap((f) => (f.run.firstAnswerMs !== null ? [f.run.firstAnswerMs] : [])), 0);
  return result;
}

/**
 * Bench `plan.models` (or the server's one model) on an OpenAI-compatible server. Throws the server's
 * BackendError when its model list cannot be read; BenchCancelledError when `signal` fires.
 */
export async function runBackendBench(plan: BenchPlan, d: BackendBenchDeps): Promise<BenchReport> {
  const served = await d.backend.listModels();
  // llama.cpp's running context is in /slots (its /v1/models has only the training context)
  const inMemory = await d.backend.loaded().catch(() => undefined);
  const chosen = planModels(plan.models, served, d.label);
  const info = await d.backend.info();
  const notes: string[] = [];
  if (chosen.note) notes.push(chosen.note);
  if (plan.numCtx !== undefined) notes.push(`--num-ctx ${plan.numCtx} was not sent: ${d.label} fixes the context when it starts.`);
  if (plan.think !== undefined && d.backend.kind !== 'ollama') {
    const ignored = thinkFields(d.backend.kind, thinkValue(plan.think)).ignored;
    if (ignored) notes.push(`--think ${plan.think} was not sent: ${ignored}.`);
  }
  const load = lackReason(info.capabilities, 'load-time');
  if (load) notes.push(`LOAD n/a: ${load}.`);
  const split = lackReason(info.capabilities, 'cpu-gpu-split');
  if (split) notes.push(`PROCESSOR n/a: ${split}.`);
  const report: BenchReport = {
    command: 'bench',
    at: d.date().toISOString(),
    host: d.backend.baseUrl,
    local: false,
    prompt: plan.prompt,
    runs: plan.runs,
    numCtx: plan.numCtx ?? null,
    think: plan.think ?? null,
    server: d.label,
    notes,
    results: [],
  };
  const o: MeasureOptions = { prompt: plan.prompt, runs: plan.runs, ...(plan.think ? { think: plan.think } : {}) };
  // the progress plan counted one load and `runs` runs per asked model: settle the ones not benched
  for (let i = chosen.models.length; i < plan.models.length; i++) {
    d.progress.begin(`${plan.models[i]} (not served)`, 'load');
    d.progress.step();
    d.progress.skipRuns(plan.runs);
  }
  for (const [index, name] of chosen.models.entries()) {
    throwIfCancelled(d.signal);
    d.onModelStart?.(name, index);
    // no load to time: the server loaded its model when it started; this step checks the model is listed
    d.progress.begin(`${name} (loaded by the server)`, 'load');
    d.progress.step();
    const listed = served.find((m) => m.name === name);
    const ctx = inMemory?.find((l) => l.name === name)?.contextLength;
    const model = listed && ctx !== undefined ? { ...listed, contextLength: ctx } : listed;
    const result = await measure(model, name, o, d);
    report.results.push(result);
    d.onResult?.(result, index);
  }
  return report;
}
