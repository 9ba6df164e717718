/**
 * The one command-line flag reader (pure), shared by the app (src/cliArgs.ts) and its subcommands
 * (src/commands: bench, doctor). It knows only the shape of flags; each caller checks its own values.
 *
 * Rules, the same everywhere:
 * - `--name VALUE` and `--name=VALUE` for a value flag; a following argument that starts with `--` is
 *   not taken as the value (`--model --demo`: "--model needs a value").
 * - A boolean flag takes no value (`--json=1`: "--json takes no value").
 * - A value flag given more than once: the last wins, unless the spec says `multiple` (every value, in order).
 * - Short forms only where the caller lists them (`-h` for `--help`); any other argument starting with
 *   `-` is an unknown flag; any other argument is unexpected (the caller may word that one itself).
 * - Quoted user text goes through `printable()` (no escape sequence in an error sentence).
 * Errors are one sentence naming the flag; the caller prints it and exits with code 2.
 */
import { printable } from './sanitize.js';

export interface FlagSpec {
  /** 'string' takes a value, 'boolean' takes none. */
  kind: 'string' | 'boolean';
  /** A value flag that may be repeated: its value is every one given, in order. */
  multiple?: boolean;
  /** A value's problem as an error sentence, checked where the flag stands (so the first bad flag is named). */
  check?: (value: string) => string | undefined;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** What was given, by long name without the dashes; a flag not given is absent. */
export type FlagValues<S extends FlagSpecs> = {
  -readonly [K in keyof S]?: S[K]['kind'] extends 'boolean' ? true : S[K]['multiple'] extends true ? string[] : string;
};

export interface FlagRules<S extends FlagSpecs> {
  /** The subcommand these flags belong to ('bench'): its messages say "for 'r1-tui bench'". */
  command?: string;
  flags: S;
  /** Short forms: '-h' → 'help'. */
  short?: Readonly<Record<string, keyof S & string>>;
  /** The error for an argument that is not a flag (default: "unexpected argument 'X' ..."). */
  positional?: (arg: string) => string;
}

export type FlagParse<S extends FlagSpecs> = { ok: true; values: FlagValues<S> } | { ok: false; error: string };

export function parseFlags<S extends FlagSpecs>(argv: readonly string[], rules: FlagRules<S>): FlagParse<S> {
  const values: Record<string, string | string[] | true> = {};
  const where = rules.command === undefined ? '' : ` for 'r1-tui ${rules.command}'`;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (!raw.startsWith('-')) {
      const error = rules.positional?.(raw) ?? `unexpected argument '${printable(raw)}'${where} (see r1-tui${rules.command === undefined ? '' : ` ${rules.command}`} --help)`;
      return { ok: false, error };
    }
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const given = eq > 0 ? raw.slice(0, eq) : raw;
    const name = given.startsWith('--') ? given.slice(2) : rules.short?.[given];
    const spec = name === undefined || !Object.hasOwn(rules.flags, name) ? undefined : rules.flags[name];
    if (name === undefined || spec === undefined) return { ok: false, error: `unknown flag '${printable(given)}'${where}` };
    if (spec.kind === 'boolean') {
      if (eq > 0) return { ok: false, error: `--${name} takes no value` };
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = raw.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value !== undefined && value.startsWith('--')) value = undefined;
      else i++;
    }
    if (value === undefined) return { ok: false, error: `--${name} needs a value` };
    if (value.trim() === '') return { ok: false, error: `--${name} needs a non-empty value` };
    const problem = spec.check?.(value);
    if (problem !== undefined) return { ok: false, error: problem };
    if (spec.multiple) values[name] = [...((values[name] as string[] | undefined) ?? []), value];
    else values[name] = value;
  }
  return { ok: true, values: values as FlagValues<S> };
}

/** A whole number within [min, max], or an error sentence. */
export function intFlag(name: string, value: string, min: number, max: number): number | string {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    return `--${name} needs a whole number from ${min} to ${max}, got '${printable(value)}'`;
  }
  return n;
}
