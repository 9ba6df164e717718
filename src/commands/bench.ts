/**
 * `r1-tui bench --models a,b,c [...]` and `r1-tui bench --history`. Exit codes: 0 every model measured,
 * 1 a model failed (it is still reported, and the bench goes on) or Ollama cannot be reached, 2 bad flags.
 */
import { HostValueError, resolveHost } from '../backends/ollama/host.js';
import { createSystemSampler, type SystemSampler } from '../system/sampler.js';
import { parseBenchArgs } from './benchArgs.js';
import { formatBenchHistory, formatBenchReport } from '../core/benchFormat.js';
import { appendBenchHistory, readBenchHistory } from './benchHistory.js';
import { runBenchModels } from '../session/benchRun.js';
import { SamplePeaks, waitForGpuState } from './benchPeaks.js';
import { BenchProgress } from './benchProgress.js';
import type { BenchReport } from '../core/benchTypes.js';
import { benchHistoryPath } from '../system/paths.js';
import { folderWarning } from '../system/safeFiles.js';
import path from 'node:path';
import type { CommandContext } from './io.js';
import { sanitize } from '../core/sanitize.js';

export const BENCH_HELP = `Usage: r1-tui bench --models A,B,C [--prompt TEXT | --prompt-file FILE] [--runs N]
                    [--num-ctx N] [--think on|off|low|medium|high] [--json | --csv | --markdown]
                    [--host URL]
       r1-tui bench --history [--json | --csv | --markdown]

For each model: unload it if loaded, time a cold load, stream the prompt N times, and report load
time, prompt and eval rates (mean, min-max), thinking and answer tokens, time to the first answer
token, the CPU/GPU split and size from /api/ps, peak RAM and VRAM (n/a for a remote host) and
r1-tui's fit estimate. --think low|medium|high sends a thinking level (gpt-oss style models;
DeepSeek-R1 treats a level as on). A model that fails to load is reported and the bench goes on. Each bench
is appended to $XDG_DATA_HOME/r1-tui/bench-history.jsonl; --history lists past runs.
Exit code 0 when every model was measured, 1 when one failed, 2 for bad flags.
`;

export async function runBench(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseBenchArgs(argv);
  if (!parsed.ok) {
    ctx.stderr.write(`r1-tui bench: ${sanitize(parsed.error)}\n`);
    return 2;
  }
  const o = parsed.options;
  if (o.help) {
    ctx.stdout.write(BENCH_HELP);
    return 0;
  }
  const historyFile = benchHistoryPath(ctx.env);
  if (o.history) {
    ctx.stdout.write(formatBenchHistory(readBenchHistory(historyFile), o.format, historyFile));
    return 0;
  }

  let url: string;
  try {
    url = resolveHost({ flag: o.host, env: ctx.env.OLLAMA_HOST }).url;
  } catch (err) {
    ctx.stderr.write(`r1-tui bench: ${sanitize(err instanceof HostValueError ? err.message : String(err))}\n`);
    return 2;
  }
  const api = ctx.createApi(url);
  let sizes: Map<string, number>;
  try {
    await api.version();
    sizes = new Map((await api.tags()).map((m) => [m.name, m.size]));
  } catch (err) {
    ctx.stderr.write(`r1-tui bench: ${sanitize(errorMessage(err))}\n`);
    return 1;
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

  const progress = new BenchProgress(ctx.stderr, { loads: o.models.length, runs: o.models.length * o.runs }, ctx.now);
  let report: BenchReport;
  try {
    const plan = { models: o.models, prompt: o.prompt, runs: o.runs, ...(o.numCtx ? { numCtx: o.numCtx } : {}), ...(o.think ? { think: o.think } : {}) };
    report = await runBenchModels(plan, { api, host: url, local, now: ctx.now, date: ctx.date, peaks, progress, diskSizes: sizes });
  } finally {
    progress.clear();
    sampler?.stop();
  }

  const unsafe = folderWarning(path.dirname(historyFile));
  if (unsafe) ctx.stderr.write(`r1-tui bench: warning: ${unsafe}\n`);
  try {
    appendBenchHistory(historyFile, report);
  } catch (err) {
    ctx.stderr.write(`r1-tui bench: ${sanitize(`could not append to ${historyFile}: ${(err as Error).message}`)}\n`);
  }
  ctx.stdout.write(formatBenchReport(report, o.format));
  return report.results.every((r) => r.status === 'ok') ? 0 : 1;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
