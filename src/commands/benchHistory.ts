/** The bench history file: one JSON report per line under $XDG_DATA_HOME/r1-tui/bench-history.jsonl. */
import { sanitizeDeep } from '../core/sanitize.js';
import { MAX_CONVERSATION_BYTES, readRegularFile, writePrivateFile } from '../system/safeFiles.js';
import type { BenchReport } from '../core/benchTypes.js';

/** Appends one report; the file is 0600 in a 0700 folder (it holds prompts), every string sanitized. */
export function appendBenchHistory(file: string, report: BenchReport): void {
  writePrivateFile(file, `${JSON.stringify(sanitizeDeep(report, new Set(['prompt'])))}\n`, 'a');
}

/** Past reports, oldest first; lines that are not bench reports are skipped. Missing file → []. */
export function readBenchHistory(file: string): BenchReport[] {
  let text: string;
  try {
    text = readRegularFile(file, MAX_CONVERSATION_BYTES);
  } catch {
    return [];
  }
  const reports: BenchReport[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = sanitizeDeep(JSON.parse(line), new Set(['prompt'])) as BenchReport;
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
