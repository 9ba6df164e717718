/** One host's bench (`r1-tui bench`, and each host of `bench --hosts`). */
import { createSystemSampler, type SystemSampler } from '../system/sampler.js';
import { runBenchModels } from '../session/benchRun.js';
import type { BenchReport } from '../core/benchTypes.js';
import type { BenchOptions } from './benchArgs.js';
import { SamplePeaks, waitForGpuState } from './benchPeaks.js';
import type { BenchProgress } from './benchProgress.js';
import type { CommandContext } from './io.js';
import type { Detected } from '../backends/detect.js';
import { defaultFetch } from '../backends/ollama/fetch.js';
import { createOpenAiBackend } from '../backends/openai/openaiBackend.js';
import { runBackendBench } from '../session/benchBackend.js';

/** Bench `o.models` on the Ollama server at `url` (peak RAM/VRAM sampled when it is local). */
export async function benchOnHost(url: string, o: BenchOptions, ctx: CommandContext, progress: BenchProgress): Promise<{ ok: true; report: BenchReport } | { ok: false; error: string }> {
  const api = ctx.createApi(url);
  let sizes: Map<string, number>;
  try {
    await api.version();
    sizes = new Map((await api.tags()).map((m) => [m.name, m.size]));
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }

  const local = ctx.isLocal(url);
  let sampler: SystemSampler | undefined;
  let peaks: SamplePeaks | null = null;
  if (local) {
    const tracker = new SamplePeaks();
    peaks = tracker;
    sampler = createSystemSampler({
      remote: false,
      intervalMs: 250,
      onSample: (s) => tracker.add(s),
      procRoot: ctx.procRoot,
      sysRoot: ctx.sysRoot,
      platform: ctx.platform,
      ...ctx.samplerOptions,
    });
    sampler.start();
    await waitForGpuState(sampler, tracker);
  }
  try {
    const plan = { models: o.models, prompt: o.prompt, runs: o.runs, ...(o.numCtx ? { numCtx: o.numCtx } : {}), ...(o.think ? { think: o.think } : {}) };
    const report = await runBenchModels(plan, { api, host: url, local, now: ctx.now, date: ctx.date, peaks, progress, diskSizes: sizes });
    return { ok: true, report };
  } finally {
    sampler?.stop();
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Bench `o.models` on an OpenAI-compatible server found by detection (llama.cpp, vLLM, SGLang,
 * LM Studio, any other) through the Backend interface (session/benchBackend.ts). No machine figures:
 * RAM/VRAM peaks and the fit estimate are Ollama-bench only.
 */
export async function benchBackendOnHost(found: Detected & { kind: Exclude<Detected['kind'], 'ollama'> }, apiKey: string | undefined, o: BenchOptions, ctx: CommandContext, progress: BenchProgress): Promise<{ ok: true; report: BenchReport } | { ok: false; error: string }> {
  const backend = createOpenAiBackend({ url: found.baseUrl, kind: found.kind, fetch: defaultFetch(), ...(found.version ? { version: found.version } : {}), ...(apiKey ? { apiKey } : {}) });
  try {
    const plan = { models: o.models, prompt: o.prompt, runs: o.runs, ...(o.numCtx ? { numCtx: o.numCtx } : {}), ...(o.think ? { think: o.think } : {}) };
    return { ok: true, report: await runBackendBench(plan, { backend, label: found.label, now: ctx.now, date: ctx.date, progress }) };
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }
}
