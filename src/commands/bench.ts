/**
 * `r1-tui bench --models a,b,c [...]` and `r1-tui bench --history`. Exit codes: 0 every model measured,
 * 1 a model failed (it is still reported, and the bench goes on) or Ollama cannot be reached, 2 bad flags.
 * `--hosts a,b` runs the same models on several hosts (benchHosts.ts).
 */
import { HostValueError, resolveHost } from '../backends/ollama/host.js';
import { parseBenchArgs } from './benchArgs.js';
import { runBenchHosts } from './benchHosts.js';
import { benchBackendOnHost, benchOnHost } from './benchHost.js';
import { detectBackend } from '../backends/detect.js';
import { defaultFetch } from '../backends/ollama/fetch.js';
import { formatBenchHistory, formatBenchReport } from '../core/benchFormat.js';
import { appendBenchHistory, readBenchHistory } from './benchHistory.js';
import { BenchProgress } from './benchProgress.js';
import type { BenchReport } from '../core/benchTypes.js';
import { benchHistoryPath } from '../system/paths.js';
import { folderWarning } from '../system/safeFiles.js';
import path from 'node:path';
import type { CommandContext } from './io.js';
import { sanitize } from '../core/sanitize.js';

export const BENCH_HELP = `Usage: r1-tui bench --models A,B,C [--prompt TEXT | --prompt-file FILE] [--runs N]
                    [--num-ctx N] [--think on|off|low|medium|high] [--json | --csv | --markdown]
                    [--host URL [--backend KIND] [--api-key KEY] | --hosts A,B]
       r1-tui bench --history [--json | --csv | --markdown]

For each model: unload it if loaded, time a cold load, stream the prompt N times, and report load
time, prompt and eval rates (mean, min-max), thinking and answer tokens, time to the first answer
token, the CPU/GPU split and size from /api/ps, peak RAM and VRAM (n/a for a remote host) and
r1-tui's fit estimate. --think low|medium|high sends a thinking level (gpt-oss style models;
DeepSeek-R1 treats a level as on). A model that fails to load is reported and the bench goes on. Each bench
is appended to $XDG_DATA_HOME/r1-tui/bench-history.jsonl; --history lists past runs.
--host URL may be an OpenAI-compatible server (llama.cpp, vLLM, SGLang, LM Studio; detected): no cold
load or placement there; a server that serves exactly one model is benched on that model (one row, and
the output says so); RATES says whether a rate is the server's own (llama.cpp timings) or measured by
r1-tui from chunk arrival (vLLM, SGLang, LM Studio send no durations). --backend KIND (ollama, llama.cpp,
vllm, sglang, lmstudio, openai) skips detection; --api-key KEY (default: $R1_TUI_API_KEY) is sent as
Authorization: Bearer and never printed.
--hosts A,B (names from the config's "hosts", or URLs) runs the same models on each host in turn and
prints one table, HOST by MODEL: which box and which quantization is fastest. Hosts may be of mixed kinds.
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

  if (o.hosts) return runBenchHosts(o, o.hosts, ctx, historyFile);

  let url: string;
  try {
    url = resolveHost({ flag: o.host, env: ctx.env.OLLAMA_HOST }).url;
  } catch (err) {
    ctx.stderr.write(`r1-tui bench: ${sanitize(err instanceof HostValueError ? err.message : String(err))}\n`);
    return 2;
  }
  const progress = new BenchProgress(ctx.stderr, { loads: o.models.length, runs: o.models.length * o.runs }, ctx.now);
  let report: BenchReport;
  try {
    // a --host URL may be another kind of server (OLLAMA_HOST and the default address are Ollama, as before,
    // unless --backend says otherwise); --backend skips detection
    const apiKey = o.apiKey || ctx.env.R1_TUI_API_KEY?.trim() || undefined;
    const found =
      o.host !== undefined || o.backend !== undefined
        ? await detectBackend(url, { fetch: defaultFetch(), ...(apiKey ? { apiKey } : {}), ...(o.backend ? { forced: o.backend } : {}) })
        : undefined;
    if (found && !found.ok) {
      // nothing answered: the kind is not known, so no Ollama sentence (detectBackend's names the URL)
      const hint = found.reason === 'unreachable' ? ' Server kind not detected; --backend KIND skips detection.' : '';
      ctx.stderr.write(`r1-tui bench: ${sanitize(found.message)}${hint}\n`);
      return 1;
    }
    const done =
      found?.ok && found.kind !== 'ollama'
        ? await benchBackendOnHost({ ...found, kind: found.kind }, apiKey, o, ctx, progress)
        : await benchOnHost(url, o, ctx, progress);
    if (!done.ok) {
      ctx.stderr.write(`r1-tui bench: ${sanitize(done.error)}\n`);
      return 1;
    }
    report = done.report;
  } finally {
    progress.clear();
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
