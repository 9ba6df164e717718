/** Output of `r1-tui bench --hosts`: one table HOST × MODEL, and the fastest combination named. */
import { formatSeconds } from '../core/format.js';
import { humanBytes } from '../core/humanBytes.js';
import { sanitize } from '../core/sanitize.js';
import { formatRate } from '../core/verbose.js';
import { truncateToWidth } from '../core/wrap.js';
import type { BenchModelResult, BenchReport } from '../core/benchTypes.js';
import type { BenchFormat } from '../core/benchFormat.js';
import { csvTable, markdownTable, textTable, type Cell } from '../core/table.js';

export interface HostBench {
  host: string;
  url: string;
  /** `Ollama 0.12.6`, when detected. */
  label?: string;
  results: BenchModelResult[];
  /** The host's full report (absent when it could not be measured). */
  report?: BenchReport;
}

const NA = 'n/a';
export const HOSTS_HEADERS = ['HOST', 'MODEL', 'LOAD', 'PROMPT tok/s', 'EVAL tok/s', '1ST ANSWER', 'RATES', 'PROCESSOR', 'SIZE'];

/** Where a result's rates come from: Ollama's eval_count / eval_duration (no `figures`) is exact. */
export function ratesSource(r: BenchModelResult): 'exact' | 'measured' {
  return r.figures?.rates === 'client-measured' ? 'measured' : 'exact';
}

function evalCell(r: BenchModelResult): string {
  if (!r.evalRate) return NA;
  const e = r.evalRate;
  return r.runs.length > 1 ? `${formatRate(e.mean)} (${formatRate(e.min)}-${formatRate(e.max)})` : formatRate(e.mean);
}

function row(b: HostBench, r: BenchModelResult): Cell[] {
  if (r.status === 'failed' && r.loadMs === null) return [b.host, r.model, `failed: ${r.error ?? 'unknown error'}`];
  return [
    b.host,
    r.model,
    r.loadMs === null ? NA : formatSeconds(r.loadMs),
    r.promptEvalRate === null ? NA : formatRate(r.promptEvalRate),
    r.status === 'failed' ? `failed: ${r.error ?? 'unknown error'}` : evalCell(r),
    r.firstAnswerMs === null ? NA : formatSeconds(r.firstAnswerMs),
    r.status === 'ok' ? ratesSource(r) : NA,
    r.processor ?? NA,
    r.sizeBytes === null ? NA : `${humanBytes(r.sizeBytes)}${r.sizeSource === 'file' ? ' file' : ''}`,
  ];
}

/** The fastest host × model by mean eval rate (exact from the server, or measured by r1-tui: `source`). */
export function fastest(benches: readonly HostBench[]): { host: string; model: string; rate: number; source: 'exact' | 'measured' } | undefined {
  let best: { host: string; model: string; rate: number; source: 'exact' | 'measured' } | undefined;
  for (const b of benches) for (const r of b.results) if (r.status === 'ok' && r.evalRate && (!best || r.evalRate.mean > best.rate)) best = { host: b.host, model: r.model, rate: r.evalRate.mean, source: ratesSource(r) };
  return best;
}

type Settings = Pick<BenchReport, 'prompt' | 'runs' | 'numCtx' | 'think'>;

function header(benches: readonly HostBench[], s: Settings): string {
  const hosts = benches.map((b) => `${b.host}${b.label ? ` (${b.label})` : ''}`).join(', ');
  const prompt = truncateToWidth(sanitize(s.prompt).replace(/\s+/g, ' ').trim(), 50);
  return `r1-tui bench --hosts · ${hosts} · ${s.runs} run${s.runs === 1 ? '' : 's'} · think ${s.think ?? 'server default'} · num_ctx ${s.numCtx ?? 'server default'}\nprompt: "${prompt}"`;
}

function verdict(benches: readonly HostBench[]): string {
  const best = fastest(benches);
  if (!best) return 'no host × model was measured';
  const how = best.source === 'exact' ? 'EVAL: token count / eval duration from the server' : 'EVAL: measured by r1-tui from chunk arrival times';
  return `fastest: ${best.model} on ${best.host}, ${formatRate(best.rate)} tok/s (${how})`;
}

/** The legend of RATES and each host's notes (one-model servers, fixed context, n/a reasons). */
function notes(benches: readonly HostBench[]): string {
  const lines: string[] = [];
  const all = benches.flatMap((b) => b.results.filter((r) => r.status === 'ok'));
  if (all.some((r) => ratesSource(r) === 'measured')) {
    lines.push('RATES exact: the server\'s own token counts and durations (Ollama, llama.cpp timings).');
    lines.push('RATES measured: r1-tui timed the chunks as they arrived (vLLM, SGLang, LM Studio send no durations):');
    lines.push('  EVAL = (tokens - 1) / (last chunk - first chunk), PROMPT = prompt tokens / time to the first chunk (a lower bound).');
  }
  if (all.some((r) => r.sizeSource === 'file' && r.sizeBytes !== null)) {
    lines.push("SIZE: memory in use while loaded (Ollama's /api/ps); 'file': the model file's size (the server reports no memory use).");
  }
  for (const b of benches) for (const n of b.report?.notes ?? []) lines.push(`${b.host}: ${n}`);
  return lines.map((l) => `${sanitize(l)}\n`).join('');
}

export function formatHostsBench(benches: readonly HostBench[], s: Settings, format: BenchFormat): string {
  const rows = benches.flatMap((b) => b.results.map((r) => row(b, r)));
  switch (format) {
    case 'json':
      return `${JSON.stringify({ command: 'bench-hosts', ...s, hosts: benches.map((b) => ({ host: b.host, url: b.url, label: b.label ?? null, ...(b.report?.notes?.length ? { notes: b.report.notes } : {}), results: b.results })) }, null, 2)}\n`;
    case 'csv':
      return csvTable(['host', 'model', 'status', 'error', 'load_ms', 'prompt_eval_rate', 'eval_rate_mean', 'first_answer_ms', 'rates', 'processor', 'size_bytes', 'size_source'],
        benches.flatMap((b) => b.results.map((r) => [b.host, r.model, r.status, r.error ?? '', r.loadMs === null ? '' : String(r.loadMs), r.promptEvalRate === null ? '' : formatRate(r.promptEvalRate), r.evalRate ? formatRate(r.evalRate.mean) : '', r.firstAnswerMs === null ? '' : String(r.firstAnswerMs), r.status === 'ok' ? ratesSource(r) : '', r.processor ?? '', r.sizeBytes === null ? '' : String(r.sizeBytes), r.sizeBytes === null ? '' : (r.sizeSource ?? 'memory')])));
    case 'markdown':
      return `${header(benches, s).replace('\n', '  \n')}\n\n${markdownTable(HOSTS_HEADERS, rows)}\n${verdict(benches)}\n${notes(benches).replace(/\n/g, '  \n')}`;
    case 'table':
      return `${header(benches, s)}\n\n${textTable(HOSTS_HEADERS, rows)}\n${verdict(benches)}\n${notes(benches)}`;
  }
}
