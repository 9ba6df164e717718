/**
 * Ollama's decimal byte sizes (Go format.HumanBytes, as in the SIZE column of `ollama ps`):
 * units of 1000; a value >= 10 is truncated to an integer ("21 GB" for 21.94e9); otherwise one decimal
 * when it has a fractional part ("5.4 GB", Go `%.1f`, exact ties to even), else an integer ("5 GB").
 * Note Go's quirk, kept on purpose: 9.96e9 prints as "10.0 GB".
 */
import { formatFixedGo } from './decimal.js';

const UNITS: Array<[number, string]> = [
  [1e12, 'TB'],
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'KB'],
];

export function humanBytes(n: number): string {
  const b = Math.trunc(n);
  for (const [size, unit] of UNITS) {
    if (b >= size) {
      const value = b / size;
      if (value >= 10) return `${Math.trunc(value)} ${unit}`;
      if (value !== Math.trunc(value)) return `${formatFixedGo(value, 1)} ${unit}`;
      return `${value} ${unit}`;
    }
  }
  return `${b} B`;
}

/** Bytes as a plain GiB number (no unit), e.g. gib(8 * 2 ** 30) === "8.0", for "7.6/8.0 GiB". */
export function gib(n: number, digits = 1): string {
  return (n / 2 ** 30).toFixed(digits);
}
