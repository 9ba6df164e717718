import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cliArgs.js';

function ok(argv: string[]) {
  const r = parseCliArgs(argv);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.options;
}
function err(argv: string[]) {
  const r = parseCliArgs(argv);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('parseCliArgs', () => {
  it('accepts no flags', () => {
    expect(ok([])).toEqual({ demo: false, help: false, version: false });
  });
  it('reads values in both forms', () => {
    expect(ok(['--host', 'box:11434', '--model=deepseek-r1:32b', '--theme', 'light'])).toMatchObject({
      host: 'box:11434',
      model: 'deepseek-r1:32b',
      theme: 'light',
    });
  });
  it('reads boolean flags and short forms', () => {
    expect(ok(['--demo', '-h', '-v'])).toMatchObject({ demo: true, help: true, version: true });
  });
  it('names an unknown flag', () => {
    expect(err(['--colour'])).toBe("unknown flag '--colour'");
    expect(err(['-x'])).toBe("unknown flag '-x'");
  });
  it('names a flag that lacks its value', () => {
    expect(err(['--host'])).toBe('--host needs a value');
    expect(err(['--model', '--demo'])).toBe('--model needs a value');
    expect(err(['--theme='])).toBe('--theme needs a non-empty value');
  });
  it('rejects bad values with the flag named', () => {
    expect(err(['--model', 'deep seek'])).toMatch(/^--model value .* contains spaces/);
    expect(err(['--model', '!bad'])).toMatch(/^--model '!bad' is not a valid model name/);
    expect(err(['--theme', '../etc/passwd'])).toMatch(/^--theme '\.\.\/etc\/passwd' is not a theme name/);
    expect(err(['--demo=yes'])).toBe('--demo takes no value');
  });
  it('quotes a bad value without its control characters, C1 (8-bit CSI) included', () => {
    expect(err(['--model', 'x\u009b31m'])).toBe("--model 'x?31m' is not a valid model name (e.g. deepseek-r1:32b)");
  });
  it('rejects stray arguments and says a subcommand must come first', () => {
    expect(err(['hello'])).toMatch(/^unexpected argument 'hello'/);
    expect(err(['--demo', 'bench'])).toMatch(/^'bench' is a command and must come first: r1-tui bench/);
  });
  it('refuses --demo with --host', () => {
    expect(err(['--demo', '--host', 'x'])).toMatch(/--demo and --host cannot be used together/);
  });
});
