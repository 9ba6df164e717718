/**
 * Rows of the compare overlay (Alt+R) for each state: choosing (models with size and quantization,
 * runs, prompt), running (a row per model with its phase, tokens and live tok/s, an overall bar and
 * ETA), done (the `r1-tui bench` tables fitted to the width), failed and cancelled.
 */
import { fittedBenchTable } from '../../core/benchFit.js';
import { formatCount, formatSeconds } from '../../core/format.js';
import { sanitize } from '../../core/sanitize.js';
import { formatRate } from '../../core/verbose.js';
import { displayWidth, padToWidth, truncateToWidth, wrapText } from '../../core/wrap.js';
import type { BenchModelProgress, BenchViewState } from '../../session/benchView.js';
import type { AppState } from '../../session/types.js';
import type { BenchChoice } from './benchChoice.js';
import type { ChatRow } from '../chat/chatLines.js';
import { sizeLabel } from '../models/modelPicker.js';
import { elapsedLabel } from '../chat/phaseText.js';

export const BENCH_TITLES = {
  idle: 'Compare models · Space select · +/- runs · Enter run · Esc close',
  running: 'Compare models · running · Esc cancels',
  done: 'Compare models · done · Enter again · Esc close',
  cancelled: 'Compare models · cancelled · Enter again · Esc close',
  failed: 'Compare models · failed · Enter again · Esc close',
} as const;

const BAR_CELLS = 20;

function line(body: string, width: number, bodyToken: ChatRow['bodyToken'] = 'text'): ChatRow {
  return { gutter: '', body: truncateToWidth(body, width), bodyToken };
}

/** A sentence wrapped to the width (file paths and notes are not cut). */
function note(text: string, width: number, bodyToken: ChatRow['bodyToken']): ChatRow[] {
  return wrapText(sanitize(text), Math.max(1, width)).map((body) => ({ gutter: '', body, bodyToken }));
}

function promptRow(prompt: string, source: string, width: number): ChatRow {
  const text = sanitize(prompt).replace(/\s+/g, ' ').trim();
  const head = `prompt (${source}): `;
  return line(`${head}"${truncateToWidth(text, Math.max(8, width - displayWidth(head) - 2))}"`, width, 'muted');
}

function choosingRows(state: AppState, choice: BenchChoice, width: number, height: number): ChatRow[] {
  const rows: ChatRow[] = [
    promptRow(choice.prompt, choice.promptSource, width),
    line(`runs per model: ${choice.runs} (+/-) · ${choice.selected.length} selected · each: cold load, then the runs`, width, 'muted'),
  ];
  const models = state.model.installed;
  const visible = Math.max(1, height - rows.length);
  const start = Math.max(0, Math.min(choice.index - visible + 1, models.length - visible));
  const nameCol = Math.min(Math.max(...models.map((m) => displayWidth(sanitize(m.name)) + 2)), Math.max(12, Math.floor((width - 6) * 0.5)));
  models.slice(start, start + visible).forEach((m, k) => {
    const highlighted = start + k === choice.index;
    const mark = choice.selected.includes(m.name) ? '[x] ' : '[ ] ';
    const name = sanitize(m.name) + (m.name === state.model.current ? ' *' : '');
    const info = [m.details.parameter_size, m.details.quantization_level, sizeLabel(m.size)].filter(Boolean).map((t) => sanitize(String(t))).join(' · ');
    const body = `${mark}${padToWidth(truncateToWidth(name, nameCol), nameCol)}  ${info}`;
    rows.push({ gutter: highlighted ? '▶ ' : '  ', gutterToken: 'accent', body: truncateToWidth(body, width - 2), bodyToken: highlighted ? 'accent' : 'text' });
  });
  return rows;
}

/** "loading 3 s", "run 1/2 thinking · 120 tok · 14.20 tok/s", "done · 12.40 tok/s", "failed: …". */
export function progressText(m: BenchModelProgress, runs: number, now: number): string {
  const rate = m.rate !== undefined ? ` · ${formatRate(m.rate)} tok/s` : '';
  const tokens = m.tokens > 0 ? ` · ${formatCount(m.tokens)} tok` : '';
  const run = runs > 1 ? `run ${m.run}/${runs} ` : '';
  switch (m.status) {
    case 'waiting':
      return 'waiting';
    case 'loading':
      return `loading ${elapsedLabel(now - m.since)}`;
    case 'prompt':
      return `${run}reading the prompt ${elapsedLabel(now - m.since)}`;
    case 'thinking':
    case 'answering':
      return `${run}${m.status}${tokens}${rate}`;
    case 'done':
      return `done${m.loadMs !== undefined ? ` · load ${formatSeconds(m.loadMs)}` : ''}${rate}`;
    case 'failed':
      return `failed: ${sanitize(m.error ?? 'unknown error')}`;
    case 'cancelled':
      return `cancelled${m.run > 0 ? ` in run ${m.run}/${runs}${tokens}` : ' while loading'}`;
  }
}

/** `etaMs` is the estimate made when the last step ended, `sinceMs` how long ago that was: it counts down. */
export function progressBar(done: number, total: number, etaMs: number | undefined, cells = BAR_CELLS, sinceMs = 0): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * cells);
  const left = etaMs !== undefined ? etaMs - Math.max(0, sinceMs) : undefined;
  const eta = left !== undefined && done < total ? (left >= 1000 ? ` · ETA ${formatSeconds(left)}` : ' · ETA soon') : '';
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)} ${done}/${total} steps${eta}`;
}

function progressRows(bench: BenchViewState, width: number, now: number): ChatRow[] {
  const nameCol = Math.min(Math.max(...bench.models.map((m) => displayWidth(sanitize(m.model)) + 2)), Math.max(12, Math.floor(width * 0.45)));
  return bench.models.map((m) => {
    const token: ChatRow['bodyToken'] = m.status === 'failed' ? 'error' : m.status === 'waiting' ? 'muted' : m.status === 'cancelled' ? 'warn' : m.status === 'done' ? 'text' : 'accent';
    const body = `${padToWidth(truncateToWidth(sanitize(m.model), nameCol), nameCol)}${progressText(m, bench.runs, now)}`;
    return line(body, width, token);
  });
}

function resultRows(bench: BenchViewState, width: number): ChatRow[] {
  const report = bench.report!;
  const rows: ChatRow[] = [];
  const where = report.local ? '' : ' · remote host: RAM/VRAM n/a';
  rows.push(line(`${report.results.length} model${report.results.length === 1 ? '' : 's'} · ${report.runs} run${report.runs === 1 ? '' : 's'} each · think ${report.think ?? 'server default'}${where}`, width, 'muted'));
  const table = fittedBenchTable(report, width);
  table.lines.forEach((l, i) => rows.push(line(l, width, i === 0 || l === '' || table.lines[i - 1] === '' ? 'accent' : /^\S+\s{3,}failed: /.test(l) ? 'error' : 'text')));
  if (report.server !== undefined) {
    // a server other than Ollama: where the rates come from, and what it does not report
    const measured = report.results.some((r) => r.figures?.rates === 'client-measured');
    rows.push(...note(measured ? `Rates measured by r1-tui from chunk arrival (${sanitize(report.server)} sends no durations).` : `Rates exact from ${sanitize(report.server)} (its own timings).`, width, 'muted'));
    for (const n of report.notes ?? []) rows.push(...note(sanitize(n), width, 'muted'));
  }
    if (table.dropped.length > 0) rows.push(...note(`Not shown at this width: ${table.dropped.join(', ')} (r1-tui bench --history --json has every figure).`, width, 'muted'));
  if (bench.historyNote) rows.push(...note(bench.historyNote, width, /^Could not/.test(bench.historyNote) ? 'warn' : 'muted'));
  return rows;
}

export function benchOverlayRows(state: AppState, choice: BenchChoice, bench: BenchViewState, width: number, height: number, now: number): ChatRow[] {
  switch (bench.status) {
    case 'idle':
      return choosingRows(state, choice, width, height);
    case 'running':
      return [
        promptRow(bench.prompt, `${bench.runs} run${bench.runs === 1 ? '' : 's'} per model`, width),
        line(progressBar(bench.stepsDone, bench.stepsTotal, bench.etaMs, BAR_CELLS, now - (bench.etaAt ?? now)), width, 'accent'),
        ...progressRows(bench, width, now),
      ];
    case 'done':
      return [promptRow(bench.prompt, `${bench.runs} run${bench.runs === 1 ? '' : 's'} per model`, width), ...resultRows(bench, width)];
    case 'cancelled':
      return [
        ...note('Cancelled: the request in flight was stopped; nothing was unloaded and nothing was written to the bench history.', width, 'warn'),
        ...progressRows(bench, width, now),
      ];
    case 'failed':
      return [...note(bench.error ?? 'The comparison failed.', width, 'error'), ...progressRows(bench, width, now)];
  }
}
