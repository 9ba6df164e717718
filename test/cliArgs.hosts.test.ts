import { describe, expect, it } from 'vitest';
import { HELP_TEXT, parseCliArgs } from '../src/cliArgs.js';

describe('--host more than once', () => {
  it('keeps every value in order; the first is the one to start with', () => {
    const r = parseCliArgs(['--host', 'gpu-box', '--model', 'deepseek-r1:8b', '--host=http://10.0.0.9:8000/v1', '--host', 'cpu:11434']);
    expect(r).toEqual({ ok: true, options: expect.objectContaining({ host: 'gpu-box', hosts: ['gpu-box', 'http://10.0.0.9:8000/v1', 'cpu:11434'] }) });
  });

  it('checks each value', () => {
    expect(parseCliArgs(['--host', 'a:1', '--host', 'b c'])).toEqual({ ok: false, error: "--host value 'b c' contains spaces or control characters" });
    expect(parseCliArgs(['--host', 'a:1', '--host'])).toEqual({ ok: false, error: '--host needs a value' });
  });

  it('--demo still refuses --host; help names Alt+H and the hosts config', () => {
    expect(parseCliArgs(['--demo', '--host', 'a:1']).ok).toBe(false);
    expect(HELP_TEXT).toContain('Alt+H hosts');
    expect(HELP_TEXT).toContain('hosts ([{"name", "url", "backend"?, "apiKey"?}])');
  });
});
