import { describe, expect, it } from 'vitest';
import { HELP_TEXT, parseCliArgs } from '../src/cliArgs.js';

describe('--resume, --export, --no-reasoning', () => {
  it('parses them', () => {
    expect(parseCliArgs(['--resume'])).toMatchObject({ ok: true, options: { resume: true } });
    expect(parseCliArgs(['--export', 'out.md'])).toMatchObject({ ok: true, options: { exportPath: 'out.md' } });
    expect(parseCliArgs(['--export=my notes.md', '--no-reasoning'])).toMatchObject({
      ok: true,
      options: { exportPath: 'my notes.md', noReasoning: true },
    });
  });
  it('rejects bad uses with one line naming the flag', () => {
    expect(parseCliArgs(['--export'])).toEqual({ ok: false, error: '--export needs a value' });
    expect(parseCliArgs(['--no-reasoning'])).toEqual({ ok: false, error: '--no-reasoning only goes with --export FILE.md' });
    expect(parseCliArgs(['--resume=yes'])).toEqual({ ok: false, error: '--resume takes no value' });
  });
  it('are in the help text', () => {
    expect(HELP_TEXT).toContain('--resume');
    expect(HELP_TEXT).toContain('--export FILE');
    expect(HELP_TEXT).toContain('--no-reasoning');
  });
});
