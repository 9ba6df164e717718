/**
 * Flag parsing for the subcommands (pure). `--flag value` and `--flag=value`; unknown flags, missing
 * values and stray arguments become one-line errors naming the flag (the caller exits with code 2).
 */
import { printable } from '../core/sanitize.js';

export type FlagKind = 'string' | 'boolean';

export type FlagValues = Record<string, string | boolean | undefined>;

export type FlagParse = { ok: true; values: FlagValues } | { ok: false; error: string };

export function parseFlags(command: string, argv: readonly string[], spec: Record<string, FlagKind>): FlagParse {
  const values: FlagValues = {};
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (!raw.startsWith('--')) {
      return { ok: false, error: `unexpected argument '${printable(raw)}' for 'r1-tui ${command}' (see r1-tui ${command} --help)` };
    }
    const eq = raw.indexOf('=');
    const name = (eq > 0 ? raw.slice(2, eq) : raw.slice(2)).trim();
    const kind = spec[name];
    if (!kind) return { ok: false, error: `unknown flag '--${printable(name)}' for 'r1-tui ${command}'` };
    if (kind === 'boolean') {
      if (eq > 0) return { ok: false, error: `--${name} takes no value` };
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = raw.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) value = undefined;
      else i++;
    }
    if (value === undefined || value.trim() === '') return { ok: false, error: `--${name} needs a value` };
    values[name] = value;
  }
  return { ok: true, values };
}

/** A whole number within [min, max], or an error sentence. */
export function intFlag(name: string, value: string, min: number, max: number): number | string {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    return `--${name} needs a whole number from ${min} to ${max}, got '${printable(value)}'`;
  }
  return n;
}
