/**
 * The statistics block of `ollama run --verbose` (Go api.Metrics.Summary in ollama/api/types.go).
 * Labels are padded so values start at column 23. Rates use Go's `%.2f`, which rounds exact binary
 * ties to even (0.125 → "0.12"); `toFixed` would round them up, so formatRate uses formatFixedGo.
 */
import { formatFixedGo } from './decimal.js';
import { formatGoDuration } from './goDuration.js';
import type { FinalMetrics } from './chatTypes.js';

const VALUE_COLUMN = 22; // characters before the value (values start at column 23)

function line(label: string, value: string): string {
  return `${label.padEnd(VALUE_COLUMN, ' ')}${value}`;
}

/** Tokens per second of the generation, from the final metrics; undefined without eval_duration. */
export function evalRate(m: FinalMetrics): number | undefined {
  if (!m.evalDuration || m.evalDuration <= 0) return undefined;
  return (m.evalCount ?? 0) / (m.evalDuration / 1e9);
}

/** Tokens per second of prompt processing; undefined without prompt_eval_duration. */
export function promptEvalRate(m: FinalMetrics): number | undefined {
  if (!m.promptEvalDuration || m.promptEvalDuration <= 0) return undefined;
  return (m.promptEvalCount ?? 0) / (m.promptEvalDuration / 1e9);
}

/** A rate with 2 decimals, exactly as Go's `%.2f`. */
export function formatRate(r: number): string {
  return formatFixedGo(r, 2);
}

export function verboseLines(m: FinalMetrics): string[] {
  const lines: string[] = [];
  const positive = (v: number | undefined): v is number => v !== undefined && v > 0;
  if (positive(m.totalDuration)) lines.push(line('total duration:', formatGoDuration(m.totalDuration)));
  if (positive(m.loadDuration)) lines.push(line('load duration:', formatGoDuration(m.loadDuration)));
  if (positive(m.promptEvalCount)) lines.push(line('prompt eval count:', `${m.promptEvalCount} token(s)`));
  if (positive(m.promptEvalDuration)) {
    lines.push(line('prompt eval duration:', formatGoDuration(m.promptEvalDuration)));
    lines.push(line('prompt eval rate:', `${formatRate(promptEvalRate(m)!)} tokens/s`));
  }
  if (positive(m.evalCount)) lines.push(line('eval count:', `${m.evalCount} token(s)`));
  if (positive(m.evalDuration)) {
    lines.push(line('eval duration:', formatGoDuration(m.evalDuration)));
    lines.push(line('eval rate:', `${formatRate(evalRate(m)!)} tokens/s`));
  }
  return lines;
}
