/** The bench history file: one JSON report per line under $XDG_DATA_HOME/r1-tui/bench-history.jsonl. */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchReport } from '../core/benchTypes.js';

export function appendBenchHistory(file: string, report: BenchReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(report)}\n`);
}

/** Past reports, oldest first; lines that are not bench reports are skipped. Missing file → []. */
export function readBenchHistory(file: string): BenchReport[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const reports: BenchReport[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = JSON.parse(line) as BenchReport;
      if (r && r.command === 'bench' && Array.isArray(r.results)) reports.push(r);
    } catch {
      // a torn or foreign line
    }
  }
  return reports;
}

/** For the TUI's compare overlay: append to `file` and say where (shown under the result table). */
export function benchHistorySaver(file: string): (report: BenchReport) => string {
  return (report) => {
    appendBenchHistory(file, report);
    return `Appended to ${file} (r1-tui bench --history lists past runs).`;
  };
}
