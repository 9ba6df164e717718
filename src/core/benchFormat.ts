/** `r1-tui bench` output: a terminal table, Markdown, CSV or JSON; and the `--history` listing. */
import { formatCount, formatSeconds } from './format.js';
import { gib, humanBytes } from './humanBytes.js';
import { formatRate } from './verbose.js';
import { truncateToWidth } from './wrap.js';
import { sanitize } from './sanitize.js';
import type { BenchModelResult, BenchReport } from './benchTypes.js';
import { csvTable, markdownTable, textTable, type Cell } from './table.js';

/** The output formats of `r1-tui bench --format`. */
export type BenchFormat = 'table' | 'json' | 'csv' | 'markdown';

const NA = 'n/a';
/** MODEL … 1ST ANSWER: the speed table; the rest (PROCESSOR … ESTIMATE) is the memory table. */
export const SPEED_COLUMNS = 7;

export const HEADERS = ['MODEL', 'LOAD', 'PROMPT tok/s', 'EVAL tok/s', 'THINK', 'ANSWER', '1ST ANSWER', 'PROCESSOR', 'SIZE', 'CTX', 'PEAK RAM', 'PEAK VRAM', 'ESTIMATE'];

function rate(n: number | null): string {
  return n === null ? NA : formatRate(n);
}

function evalCell(r: BenchModelResult): string {
  if (!r.evalRate) return NA;
  const e = r.evalRate;
  return r.runs.length > 1 ? `${formatRate(e.mean)} (${formatRate(e.min)}-${formatRate(e.max)})` : formatRate(e.mean);
}

function gibCell(n: number | null): string {
  return n === null ? NA : `${gib(n)} GiB`;
}

function failure(r: BenchModelResult): string {
  return `failed: ${r.error ?? 'unknown error'}`;
}

/** One model's cells under HEADERS; a model that failed to load is [model, 'failed: …']. */
export function resultRow(r: BenchModelResult): Cell[] {
  if (r.status === 'failed' && r.loadMs === null) return [r.model, failure(r)];
  return [
    r.model,
    r.loadMs === null ? NA : formatSeconds(r.loadMs),
    rate(r.promptEvalRate),
    r.status === 'failed' ? failure(r) : evalCell(r),
    r.thinkingTokens === null ? NA : formatCount(r.thinkingTokens),
    r.answerTokens === null ? NA : formatCount(r.answerTokens),
    r.firstAnswerMs === null ? NA : formatSeconds(r.firstAnswerMs),
    r.processor ?? NA,
    r.sizeBytes === null ? NA : humanBytes(r.sizeBytes),
    r.contextLength === null ? NA : String(r.contextLength),
    gibCell(r.peakRamBytes),
    gibCell(r.peakVramBytes),
    r.fit?.label ?? NA,
  ];
}

const CSV_HEADERS = [
  'model', 'status', 'error', 'load_ms', 'prompt_eval_rate', 'eval_rate_mean', 'eval_rate_min', 'eval_rate_max',
  'eval_rate_stdev', 'runs', 'thinking_tokens', 'answer_tokens', 'first_answer_ms', 'processor', 'size_bytes',
  'size_vram_bytes', 'context_length', 'peak_ram_bytes', 'peak_vram_bytes', 'fit_verdict', 'fit_estimate',
];

function csvRow(r: BenchModelResult): Cell[] {
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const fixed = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatRate(v));
  return [
    r.model, r.status, r.error ?? '', n(r.loadMs), fixed(r.promptEvalRate), fixed(r.evalRate?.mean), fixed(r.evalRate?.min),
    fixed(r.evalRate?.max), fixed(r.evalRate?.stdev), String(r.runs.length), n(r.thinkingTokens), n(r.answerTokens),
    n(r.firstAnswerMs), r.processor ?? '', n(r.sizeBytes), n(r.sizeVramBytes), n(r.contextLength), n(r.peakRamBytes),
    n(r.peakVramBytes), r.fit?.verdict ?? '', r.fit?.label ?? '',
  ];
}

export function settingsLine(report: BenchReport): string {
  const prompt = truncateToWidth(sanitize(report.prompt).replace(/\s+/g, ' ').trim(), 50);
  const think = report.think ?? 'server default';
  const ctx = report.numCtx ?? 'server default';
  return `r1-tui bench · ${report.host}${report.local ? '' : ' (remote: RAM/VRAM n/a)'} · ${report.runs} run${report.runs === 1 ? '' : 's'} · think ${think} · num_ctx ${ctx}\nprompt: "${prompt}"`;
}

const TABLE_NOTE =
  'EVAL tok/s: eval_count / eval_duration, mean (min-max) over the runs. LOAD: cold load (unloaded first).\n' +
  'ESTIMATE: r1-tui fit estimate made before loading; PROCESSOR: what `ollama ps` reported.';

/** MODEL … 1ST ANSWER, then CTX and where the rates come from: an OpenAI-compatible server's table. */
export const SERVER_HEADERS = ['MODEL', 'PROMPT tok/s', 'EVAL tok/s', 'THINK', 'ANSWER', '1ST ANSWER', 'CTX', 'RATES'];

function serverRow(r: BenchModelResult): Cell[] {
  if (r.status === 'failed') return [r.model, failure(r)];
  const full = resultRow(r);
  const rates = r.figures?.rates === 'client-measured' ? 'measured' : 'exact';
  return [full[0]!, full[2]!, full[3]!, full[4]!, full[5]!, full[6]!, full[9]!, rates];
}

const SERVER_NOTE =
  'RATES exact: from the server\'s own token counts and durations (llama.cpp timings); measured: r1-tui timed the\n' +
  'chunks as they arrived (the server sends no durations): EVAL = (tokens - 1) / (last chunk - first chunk),\n' +
  'PROMPT = prompt tokens / time to the first chunk (includes network and queueing: a lower bound).';

function serverSettings(report: BenchReport): string {
  const prompt = truncateToWidth(sanitize(report.prompt).replace(/\s+/g, ' ').trim(), 50);
  const think = report.think ?? 'server default';
  return `r1-tui bench · ${report.host} (${sanitize(report.server ?? '')}) · ${report.runs} run${report.runs === 1 ? '' : 's'} · think ${think}\nprompt: "${prompt}"`;
}

/** A bench through an OpenAI-compatible server (`report.server` set): no load, placement or memory columns. */
function formatServerReport(report: BenchReport, format: 'table' | 'markdown'): string {
  const rows = report.results.map(serverRow);
  const notes = (report.notes ?? []).map((n) => sanitize(n));
  if (format === 'markdown') return `${serverSettings(report).replace('\n', '  \n')}\n\n${markdownTable(SERVER_HEADERS, rows)}${notes.map((n) => `${n}  \n`).join('')}`;
  return `${serverSettings(report)}\n\n${textTable(SERVER_HEADERS, rows)}\n${notes.map((n) => `${n}\n`).join('')}${SERVER_NOTE}\n`;
}

export function formatBenchReport(report: BenchReport, format: BenchFormat): string {
  if (report.server !== undefined && (format === 'table' || format === 'markdown')) return formatServerReport(report, format);
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return csvTable(CSV_HEADERS, report.results.map(csvRow));
    case 'markdown':
      return `${settingsLine(report).replace('\n', '  \n')}\n\n${markdownTable(HEADERS, report.results.map(resultRow))}`;
    case 'table': {
      // Two tables (speed, then memory) so each fits a 120-column terminal.
      const rows = report.results.map(resultRow);
      const speed = textTable(HEADERS.slice(0, SPEED_COLUMNS), rows.map((r) => (r.length === 2 ? r : r.slice(0, SPEED_COLUMNS))));
      const memoryRows = rows.filter((r) => r.length > 2).map((r) => [r[0]!, ...r.slice(SPEED_COLUMNS)]);
      const memory = memoryRows.length > 0 ? `\n${textTable([HEADERS[0]!, ...HEADERS.slice(SPEED_COLUMNS)], memoryRows)}` : '';
      return `${settingsLine(report)}\n\n${speed}${memory}\n${TABLE_NOTE}\n`;
    }
  }
}

const HISTORY_HEADERS = ['DATE', 'HOST', 'MODEL', 'RUNS', 'LOAD', 'PROMPT tok/s', 'EVAL tok/s', 'PROCESSOR', 'RESULT'];

function dateCell(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
}

export function historyRows(reports: BenchReport[]): Cell[][] {
  return reports.flatMap((rep) =>
    rep.results.map((r) => [
      dateCell(rep.at),
      rep.host,
      r.model,
      String(r.runs.length),
      r.loadMs === null ? NA : formatSeconds(r.loadMs),
      rate(r.promptEvalRate),
      evalCell(r),
      r.processor ?? NA,
      r.status === 'ok' ? 'ok' : failure(r),
    ]),
  );
}

export function formatBenchHistory(reports: BenchReport[], format: BenchFormat, file: string): string {
  if (format === 'json') return `${JSON.stringify(reports, null, 2)}\n`;
  const rows = historyRows(reports);
  if (format === 'csv') return csvTable(HISTORY_HEADERS.map((h) => h.toLowerCase().replace(/ tok\/s$/, '_rate').replace(/ /g, '_')), rows);
  if (format === 'markdown') return markdownTable(HISTORY_HEADERS, rows);
  if (rows.length === 0) return `No bench runs yet (${file}). Run e.g. r1-tui bench --models deepseek-r1:8b\n`;
  return textTable(HISTORY_HEADERS, rows);
}
