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
export const HOSTS_HEADERS = ['HOST', 'MODEL', 'LOAD', 'PROMPT tok/s', 'EVAL tok/s', '1ST ANSWER', 'PROCESSOR', 'SIZE'];

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
    r.processor ?? NA,
    r.sizeBytes === null ? NA : humanBytes(r.sizeBytes),
  ];
}

/** The fastest host × model by mean eval rate (server-exact eval_count / eval_duration). */
export function fastest(benches: readonly HostBench[]): { host: string; model: string; rate: number } | undefined {
  let best: { host: string; model: string; rate: number } | undefined;
  for (const b of benches) for (const r of b.results) if (r.status === 'ok' && r.evalRate && (!best || r.evalRate.mean > best.rate)) best = { host: b.host, model: r.model, rate: r.evalRate.mean };
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
  return best ? `fastest: ${best.model} on ${best.host}, ${formatRate(best.rate)} tok/s (EVAL: eval_count / eval_duration from the server)` : 'no host × model was measured';
}

export function formatHostsBench(benches: readonly HostBench[], s: Settings, format: BenchFormat): string {
  const rows = benches.flatMap((b) => b.results.map((r) => row(b, r)));
  switch (format) {
    case 'json':
      return `${JSON.stringify({ command: 'bench-hosts', ...s, hosts: benches.map((b) => ({ host: b.host, url: b.url, label: b.label ?? null, results: b.results })) }, null, 2)}\n`;
    case 'csv':
      return csvTable(['host', 'model', 'status', 'error', 'load_ms', 'prompt_eval_rate', 'eval_rate_mean', 'first_answer_ms', 'processor', 'size_bytes'],
        benches.flatMap((b) => b.results.map((r) => [b.host, r.model, r.status, r.error ?? '', r.loadMs === null ? '' : String(r.loadMs), r.promptEvalRate === null ? '' : formatRate(r.promptEvalRate), r.evalRate ? formatRate(r.evalRate.mean) : '', r.firstAnswerMs === null ? '' : String(r.firstAnswerMs), r.processor ?? '', r.sizeBytes === null ? '' : String(r.sizeBytes)])));
    case 'markdown':
      return `${header(benches, s).replace('\n', '  \n')}\n\n${markdownTable(HOSTS_HEADERS, rows)}\n${verdict(benches)}\n`;
    case 'table':
      return `${header(benches, s)}\n\n${textTable(HOSTS_HEADERS, rows)}\n${verdict(benches)}\n`;
  }
}
