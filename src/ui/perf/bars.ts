/** Horizontal usage bars (█ filled, ░ empty) as two parts so each can take its own colour. */
import { gib } from '../../core/humanBytes.js';

export interface BarParts {
  filled: string;
  empty: string;
}

/** `fraction` is clamped to 0..1; a non-zero fraction shows at least one filled cell. */
export function bar(fraction: number, width: number): BarParts {
  if (width <= 0) return { filled: '', empty: '' };
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  let cells = Math.round(f * width);
  if (cells === 0 && f > 0) cells = 1;
  return { filled: '█'.repeat(cells), empty: '░'.repeat(width - cells) };
}

/** `used/total` in GiB with one decimal: "41.2/62.8 GiB". */
export function usedOfTotalGiB(used: number, total: number): string {
  return `${gib(used)}/${gib(total)} GiB`;
}

/** Compact form for the status line: "41/63 GiB" for big numbers, "7.6/8 GiB" below 10 GiB. */
export function compactGiB(used: number, total: number): string {
  return `${compactGiBValue(used)}/${compactGiBValue(total)} GiB`;
}

/** GiB without unit: whole numbers from 10 GiB up ("41"), else one decimal without a trailing ".0" ("7.6", "8"). */
export function compactGiBValue(bytes: number): string {
  const g = bytes / 1024 ** 3;
  if (g >= 9.95) return String(Math.round(g));
  const s = g.toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}
