/**
 * Flag reading shared by the two fake servers' command lines (fake Ollama in cli.ts, fake OpenAI in
 * openai/cliOptions.ts): the project's one flag reader (core/flags.ts, with `-h` for --help), one usage
 * error, and the number and choice checks both use.
 */
import { parseFlags, type FlagSpecs, type FlagValues } from '../core/flags.js';
import { printable } from '../core/sanitize.js';

/** A bad command line: the message is one line; the CLI prints it and exits with code 2. */
export class UsageError extends Error {}

/** The flags given (throws UsageError for an unknown flag, a missing value or a stray argument). */
export function readFlags<S extends FlagSpecs>(argv: readonly string[], flags: S): FlagValues<S> {
  const parsed = parseFlags(argv, { flags, short: { '-h': 'help' }, positional: (arg) => `unexpected argument '${printable(arg)}'` });
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.values;
}

/** A number within [min, max] (max left out: no upper bound), or undefined when not given. */
export function num(flag: string, value: string | undefined, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${flag} needs a number ${max < Infinity ? `from ${min} to ${max}` : `>= ${min}`}, got "${value}"`);
  }
  return n;
}

/** One of the allowed names, or undefined when not given. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}
