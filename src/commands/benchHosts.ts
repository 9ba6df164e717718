/**
 * `r1-tui bench --hosts a,b --models m1,m2`: the same models on each host in turn, one table HOST ×
 * MODEL ("which box and which quantization is fastest for me"). Hosts are config names or URLs. Each
 * host's report is appended to the history like a single-host bench. Ollama hosts go through the Ollama
 * bench (cold load, placement); OpenAI-compatible hosts through the Backend bench (session/benchBackend.ts:
 * no load, the one model of a one-model server, rates labelled exact or measured).
 */
import { detectBackend } from '../backends/detect.js';
import { HostValueError } from '../backends/ollama/host.js';
import { defaultFetch } from '../backends/ollama/fetch.js';
import { resolveNamedHosts, type HostSpec } from '../session/hostList.js';
import type { BenchModelResult, BenchReport } from '../core/benchTypes.js';
import { loadConfig } from '../system/config.js';
import { configPath } from '../system/paths.js';
import { benchBackendOnHost, benchOnHost } from './benchHost.js';
import type { BenchOptions } from './benchArgs.js';
import { formatHostsBench, type HostBench } from './benchHostsFormat.js';
import { appendBenchHistory } from './benchHistory.js';
import { BenchProgress } from './benchProgress.js';
import type { CommandContext } from './io.js';

export function failedResult(model: string, error: string): BenchModelResult {
  return {
    model, status: 'failed', error, loadMs: null, runs: [], evalRate: null, promptEvalRate: null, thinkingTokens: null, answerTokens: null,
    firstAnswerMs: null, processor: null, sizeBytes: null, sizeVramBytes: null, contextLength: null, peakRamBytes: null, peakVramBytes: null, fit: null,
  };
}

export async function runBenchHosts(o: BenchOptions, values: readonly string[], ctx: CommandContext, historyFile: string): Promise<number> {
  const config = loadConfig(configPath(ctx.env));
  if (!config.ok) {
    ctx.stderr.write(`r1-tui bench: ${config.error}\n`);
    return 2;
  }
  let hosts: HostSpec[];
  try {
    hosts = resolveNamedHosts(values, config.config.hosts ?? []);
  } catch (err) {
    ctx.stderr.write(`r1-tui bench: ${err instanceof HostValueError ? err.message : String(err)}\n`);
    return 2;
  }
  const benches: HostBench[] = [];
  const progress = new BenchProgress(ctx.stderr, { loads: o.models.length * hosts.length, runs: o.models.length * o.runs * hosts.length }, ctx.now);
  try {
    for (const host of hosts) {
      const found = await detectBackend(host.url, { fetch: defaultFetch(), ...(host.apiKey ? { apiKey: host.apiKey } : {}), ...(host.backend ? { forced: host.backend } : {}) });
      if (!found.ok) {
        benches.push({ host: host.name, url: host.url, results: o.models.map((m) => failedResult(m, found.message)) });
        continue;
      }
      const done = found.kind === 'ollama' ? await benchOnHost(host.url, o, ctx, progress) : await benchBackendOnHost({ ...found, kind: found.kind }, host.apiKey, o, ctx, progress);
      if (!done.ok) {
        benches.push({ host: host.name, url: host.url, label: found.label, results: o.models.map((m) => failedResult(m, done.error)) });
        continue;
      }
      benches.push({ host: host.name, url: host.url, label: found.label, results: done.report.results, report: done.report });
      try {
        appendBenchHistory(historyFile, done.report);
      } catch (err) {
        ctx.stderr.write(`r1-tui bench: could not append to ${historyFile}: ${(err as Error).message}\n`);
      }
    }
  } finally {
    progress.clear();
  }
  const settings: Omit<BenchReport, 'results' | 'host' | 'local' | 'command' | 'at'> = { prompt: o.prompt, runs: o.runs, numCtx: o.numCtx ?? null, think: o.think ?? null };
  ctx.stdout.write(formatHostsBench(benches, settings, o.format));
  return benches.every((b) => b.results.every((r) => r.status === 'ok')) ? 0 : 1;
}
