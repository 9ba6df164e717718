/**
 * The bench table fitted to a width (the TUI's compare overlay): the same two tables as `r1-tui bench`
 * (speed, then memory), each dropping its least important columns until it fits. Failure rows run on
 * and are cut at the width.
 */
import { displayWidth, truncateToWidth } from './wrap.js';
import type { BenchReport } from './benchTypes.js';
import { HEADERS, resultRow, SPEED_COLUMNS } from './benchFormat.js';
import { textTable, type Cell } from './table.js';

/** Column index in HEADERS → importance (0 kept longest). MODEL is always kept. */
const IMPORTANCE: Record<string, number> = {
  MODEL: 0,
  'EVAL tok/s': 1,
  LOAD: 2,
  'PROMPT tok/s': 3,
  '1ST ANSWER': 4,
  ANSWER: 6,
  THINK: 7,
  PROCESSOR: 1,
  'PEAK VRAM': 2,
  'PEAK RAM': 3,
  SIZE: 4,
  ESTIMATE: 5,
  CTX: 6,
};

export interface FittedBenchTable {
  lines: string[];
  /** Headers left out to fit the width. */
  dropped: string[];
}

function widest(text: string): number {
  return Math.max(0, ...text.split('\n').map((l) => displayWidth(l)));
}

/** Keep the most important columns (indices into `headers`) so every full row fits `width`. */
function fitColumns(headers: Cell[], rows: Cell[][], width: number): { table: string; dropped: string[] } {
  const order = headers.map((h, i) => [i, IMPORTANCE[h] ?? 9] as const).sort((a, b) => b[1] - a[1]);
  const kept = new Set(headers.map((_, i) => i));
  const render = () => {
    const cols = [...kept].sort((a, b) => a - b);
    const full = rows.filter((r) => r.length === headers.length);
    const short = rows.filter((r) => r.length !== headers.length);
    return textTable(cols.map((i) => headers[i]!), [...full.map((r) => cols.map((i) => r[i]!)), ...short]);
  };
  const fullWidth = (text: string) => widest(text.split('\n').filter((l) => !/ {3}failed: /.test(l)).join('\n'));
  let table = render();
  for (const [i] of order) {
    if (fullWidth(table) <= width || kept.size <= 1) break;
    if (i === 0) continue;
    kept.delete(i);
    table = render();
  }
  return { table, dropped: headers.filter((_, i) => !kept.has(i)) };
}

/** Rows keep the report's model order; a failure row keeps its place in the speed table. */
export function fittedBenchTable(report: BenchReport, width: number): FittedBenchTable {
  const rows = report.results.map(resultRow);
  const speedHeaders = HEADERS.slice(0, SPEED_COLUMNS);
  const speed = fitColumns(speedHeaders, rows.map((r) => (r.length === 2 ? r : r.slice(0, SPEED_COLUMNS))), width);
  const memoryRows = rows.filter((r) => r.length > 2).map((r) => [r[0]!, ...r.slice(SPEED_COLUMNS)]);
  const lines = speed.table.trimEnd().split('\n');
  const dropped = [...speed.dropped];
  if (memoryRows.length > 0) {
    const memory = fitColumns([HEADERS[0]!, ...HEADERS.slice(SPEED_COLUMNS)], memoryRows, width);
    lines.push('', ...memory.table.trimEnd().split('\n'));
    dropped.push(...memory.dropped);
  }
  return { lines: lines.map((l) => truncateToWidth(l, width)), dropped };
}
