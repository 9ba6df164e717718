import { describe, expect, it } from 'vitest';
import { intFlag, parseFlags, type FlagSpecs } from '../../src/core/flags.js';

const FLAGS = {
  host: { kind: 'string', multiple: true },
  model: { kind: 'string', check: (v: string) => (v.includes(' ') ? `--model '${v}' has a space` : undefined) },
  json: { kind: 'boolean' },
  help: { kind: 'boolean' },
} as const satisfies FlagSpecs;

const app = (argv: string[]) => parseFlags(argv, { flags: FLAGS, short: { '-h': 'help' } });
const cmd = (argv: string[]) => parseFlags(argv, { command: 'bench', flags: FLAGS });

describe('parseFlags: one set of rules for the app and its subcommands', () => {
  it('reads both value forms; a repeated multiple flag keeps every value in order, another the last', () => {
    expect(app(['--host', 'a', '--host=b', '--model', 'm1', '--model=m2', '--json'])).toEqual({
      ok: true,
      values: { host: ['a', 'b'], model: 'm2', json: true },
    });
  });
  it('short forms only where listed', () => {
    expect(app(['-h'])).toEqual({ ok: true, values: { help: true } });
    expect(cmd(['-h'])).toEqual({ ok: false, error: "unknown flag '-h' for 'r1-tui bench'" });
    expect(app(['-h=1'])).toEqual({ ok: false, error: "unknown flag '-h=1'" });
  });
  it('names unknown flags (the subcommand too), without control characters', () => {
    expect(app(['--colour=red'])).toEqual({ ok: false, error: "unknown flag '--colour'" });
    expect(cmd(['--verbose'])).toEqual({ ok: false, error: "unknown flag '--verbose' for 'r1-tui bench'" });
    expect(app(['--'])).toEqual({ ok: false, error: "unknown flag '--'" });
    expect(app(['--\u001b]x'])).toEqual({ ok: false, error: "unknown flag '--?]x'" });
    expect(app(['--__proto__'])).toEqual({ ok: false, error: "unknown flag '--__proto__'" });
  });
  it('missing, empty and refused values', () => {
    expect(app(['--model'])).toEqual({ ok: false, error: '--model needs a value' });
    expect(app(['--model', '--json'])).toEqual({ ok: false, error: '--model needs a value' });
    expect(app(['--model', '-x'])).toEqual({ ok: true, values: { model: '-x' } });
    expect(cmd(['--model= '])).toEqual({ ok: false, error: '--model needs a non-empty value' });
    expect(app(['--json=1'])).toEqual({ ok: false, error: '--json takes no value' });
  });
  it('checks a value where the flag stands, so the first problem is named', () => {
    expect(app(['--model', 'a b', '--nope'])).toEqual({ ok: false, error: "--model 'a b' has a space" });
    expect(app(['--nope', '--model', 'a b'])).toEqual({ ok: false, error: "unknown flag '--nope'" });
  });
  it('stray arguments: a default sentence, or the caller\'s', () => {
    expect(cmd(['x\u009b'])).toEqual({ ok: false, error: "unexpected argument 'x?' for 'r1-tui bench' (see r1-tui bench --help)" });
    expect(parseFlags(['x'], { flags: FLAGS, positional: (a) => `no ${a}` })).toEqual({ ok: false, error: 'no x' });
  });
  it('intFlag: a whole number in range, else a sentence', () => {
    expect(intFlag('runs', '3', 1, 100)).toBe(3);
    expect(intFlag('runs', '0', 1, 100)).toBe("--runs needs a whole number from 1 to 100, got '0'");
    expect(intFlag('runs', '1.5', 1, 100)).toBe("--runs needs a whole number from 1 to 100, got '1.5'");
  });
});
