import { describe, expect, it } from 'vitest';
import { HELP_TEXT, parseCliArgs } from '../src/cliArgs.js';

describe('--backend and --api-key', () => {
  it('reads every kind, in both forms, with aliases', () => {
    for (const k of ['ollama', 'llama.cpp', 'vllm', 'sglang', 'lmstudio', 'openai']) {
      expect(parseCliArgs(['--backend', k])).toEqual({ ok: true, options: expect.objectContaining({ backend: k }) });
    }
    expect(parseCliArgs(['--backend=llamacpp'])).toEqual({ ok: true, options: expect.objectContaining({ backend: 'llama.cpp' }) });
    expect(parseCliArgs(['--backend', 'VLLM'])).toEqual({ ok: true, options: expect.objectContaining({ backend: 'vllm' }) });
  });

  it('a bad kind names the flag and the kinds', () => {
    expect(parseCliArgs(['--backend', 'tgi'])).toEqual({ ok: false, error: "--backend 'tgi' is not a server kind (ollama, llama.cpp, vllm, sglang, lmstudio or openai)" });
    expect(parseCliArgs(['--backend'])).toEqual({ ok: false, error: '--backend needs a value' });
  });

  it('reads --api-key and never echoes it in an error', () => {
    expect(parseCliArgs(['--api-key', 'sk-abc123'])).toEqual({ ok: true, options: expect.objectContaining({ apiKey: 'sk-abc123' }) });
    const bad = parseCliArgs(['--api-key=sk-abc 123']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toBe('--api-key contains spaces or control characters (the key is not shown)');
      expect(bad.error).not.toContain('sk-abc');
    }
  });

  it('--help lists both flags and R1_TUI_API_KEY', () => {
    expect(HELP_TEXT).toContain('--backend KIND');
    expect(HELP_TEXT).toContain('--api-key KEY');
    expect(HELP_TEXT).toContain('R1_TUI_API_KEY');
  });
});
