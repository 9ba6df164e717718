/**
 * The compare overlay (Alt+R) in the whole app: choosing (current model preselected, size and
 * quantization, Space, +/-, prompt from the input or the last question), running (per-model rows, bar,
 * ETA), done (the bench tables fitted to the width), failed, cancelled (Esc), and the refusal while a
 * reply streams. The bench itself is a test double registered on the fake actions.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TagModel } from '../../../src/backends/ollama/types.js';
import type { BenchModelResult, BenchReport } from '../../../src/core/benchTypes.js';
import { IDLE_BENCH, type BenchActions, type BenchViewState } from '../../../src/session/benchView.js';
import type { Turn } from '../../../src/session/types.js';
import { connectedState, KEYS, renderApp, ticks, waitFor } from '../helpers.js';

const ALT_R = '\u001Br';

function tag(name: string, size: number, parameterSize: string, quant: string): TagModel {
  return { name, model: name, size, digest: name, details: { parameter_size: parameterSize, quantization_level: quant } };
}
const INSTALLED = [
  tag('deepseek-r1:8b', 5_225_376_047, '8.2B', 'Q4_K_M'),
  tag('deepseek-r1:32b', 19_851_337_640, '32.8B', 'Q4_K_M'),
  tag('deepseek-r1:70b', 42_520_397_704, '70.6B', 'Q4_K_M'),
];

class FakeBench implements BenchActions {
  state: BenchViewState = IDLE_BENCH;
  listeners = new Set<() => void>();
  start = vi.fn((_req: { models: string[]; runs: number; prompt: string }): string | undefined => undefined);
  cancel = vi.fn();
  reset = vi.fn(() => this.set(IDLE_BENCH));
  getState = () => this.state;
  subscribe = (l: () => void) => (this.listeners.add(l), () => void this.listeners.delete(l));
  set(s: BenchViewState) {
    this.state = s;
    for (const l of this.listeners) l();
  }
}

function turn(user: string, status: Turn['status'] = 'done'): Turn {
  return { id: 1, user, model: 'deepseek-r1:32b', thinking: '', answer: 'ok', status, startedAt: 0, thinkingTokens: 0, answerTokens: 1, rev: 1 };
}

function setUp(size = { columns: 120, rows: 40 }, turns: Turn[] = [turn('Why is the sky blue?')]) {
  const state = connectedState({ turns });
  const bench = new FakeBench();
  const view = renderApp({ ...state, model: { ...state.model, current: 'deepseek-r1:32b', installed: INSTALLED } }, size, { bench });
  return { ...view, bench };
}

function result(model: string, over: Partial<BenchModelResult> = {}): BenchModelResult {
  return {
    model, status: 'ok', loadMs: 12_800, runs: [], evalRate: { mean: 1.62, min: 1.62, max: 1.62, stdev: 0 }, promptEvalRate: 45.31,
    thinkingTokens: 612, answerTokens: 140, firstAnswerMs: 41_300, processor: '78%/22% CPU/GPU', sizeBytes: 36_347_953_152,
    sizeVramBytes: 8e9, contextLength: 4096, peakRamBytes: 44e9, peakVramBytes: 7.6e9, fit: { verdict: 'partial', label: 'partial GPU', needBytes: 36e9 },
    ...over,
  };
}

const running = (now: number): BenchViewState => ({
  status: 'running', prompt: 'Why is the sky blue?', runs: 2, stepsDone: 1, stepsTotal: 6, etaMs: 90_000, etaAt: now, startedAt: now,
  models: [
    { model: 'deepseek-r1:8b', status: 'answering', since: now, run: 1, tokens: 120, rate: 14.2, loadMs: 3000 },
    { model: 'deepseek-r1:32b', status: 'loading', since: now - 3200, run: 0, tokens: 0 },
  ],
});

describe('compare overlay (Alt+R)', () => {
  it('choosing: the last question as prompt, the current model preselected with size and quantization; Space, +/-, Enter starts', async () => {
    const { frame, stdin, bench } = setUp();
    stdin.write(ALT_R);
    await waitFor(() => expect(frame()).toContain('Compare models'));
    expect(frame()).toContain('prompt (last question): "Why is the sky blue?"');
    expect(frame()).toMatch(/\[x\] deepseek-r1:32b \*\s+32\.8B · Q4_K_M · 20 GB/);
    expect(frame()).toMatch(/\[ \] deepseek-r1:70b\s+70\.6B · Q4_K_M · 43 GB/);
    stdin.write(KEYS.down);
    await ticks();
    stdin.write(' ');
    await ticks();
    stdin.write('+');
    await ticks();
    stdin.write('+-+');
    await waitFor(() => expect(frame()).toContain('runs per model: 3'));
    expect(frame()).toContain('2 selected');
    stdin.write(KEYS.enter);
    await waitFor(() => expect(bench.start).toHaveBeenCalled());
    // in the installed order, whatever order they were picked in
    expect(bench.start.mock.calls[0]![0]).toEqual({ models: ['deepseek-r1:32b', 'deepseek-r1:70b'], runs: 3, prompt: 'Why is the sky blue?' });
  });

  it('the prompt is the input text when there is some', async () => {
    const { frame, stdin } = setUp();
    stdin.write('Count to ten');
    await waitFor(() => expect(frame()).toContain('Count to ten'));
    stdin.write(ALT_R);
    await waitFor(() => expect(frame()).toContain('prompt (input): "Count to ten"'));
  });

  it('running: a row per model (loading N s / answering, tokens, live tok/s), bar and ETA; Esc cancels', async () => {
    const { frame, stdin, bench } = setUp();
    stdin.write(ALT_R);
    await waitFor(() => expect(frame()).toContain('Compare models'));
    bench.set(running(performance.now()));
    await waitFor(() => expect(frame()).toContain('running · Esc cancels'));
    expect(frame()).toMatch(/deepseek-r1:8b\s+run 1\/2 answering · 120 tok · 14\.20 tok\/s/);
    expect(frame()).toMatch(/deepseek-r1:32b\s+loading 3 s/);
    expect(frame()).toMatch(/█+░+ 1\/6 steps · ETA 1 m 30 s|█+░+ 1\/6 steps · ETA 1 m 29 s/);
    stdin.write('hello'); // typing does nothing while it runs
    stdin.write(KEYS.enter);
    await ticks(5);
    expect(bench.start).not.toHaveBeenCalled();
    stdin.write(KEYS.esc);
    await waitFor(() => expect(bench.cancel).toHaveBeenCalledTimes(1));
    const s = running(performance.now());
    bench.set({ ...s, status: 'cancelled', models: [{ ...s.models[0]!, status: 'cancelled' }, { ...s.models[1]!, status: 'waiting' }] });
    await waitFor(() => expect(frame()).toContain('Cancelled: the request in flight was stopped'));
    expect(frame()).toMatch(/deepseek-r1:8b\s+cancelled in run 1\/2 · 120 tok/);
    stdin.write(KEYS.esc);
    await waitFor(() => expect(frame()).not.toContain('Compare models'));
    expect(bench.reset).toHaveBeenCalled();
  });

  it.each([
    [120, 40],
    [80, 24],
  ])('done at %ix%i: the bench tables fitted to the width, the failure, the history note', async (columns, rows) => {
    const { frame, stdin, bench } = setUp({ columns, rows });
    stdin.write(ALT_R);
    await waitFor(() => expect(frame()).toContain('Compare models'));
    const report: BenchReport = {
      command: 'bench', at: '2026-11-28T22:00:00Z', host: 'http://127.0.0.1:11434', local: true, prompt: 'Why is the sky blue?', runs: 1,
      numCtx: null, think: null,
      results: [result('deepseek-r1:32b'), result('deepseek-r1:70b', { status: 'failed', error: 'model requires more system memory (45.3 GiB) than is available (30.1 GiB)', loadMs: null, evalRate: null })],
    };
    const models = report.results.map((r) => ({ model: r.model, status: r.status === 'ok' ? ('done' as const) : ('failed' as const), since: 0, run: 1, tokens: 0, result: r }));
    bench.set({ status: 'done', prompt: report.prompt, runs: 1, models, stepsDone: 4, stepsTotal: 4, startedAt: 0, report, historyNote: 'Appended to /home/u/.local/share/r1-tui/bench-history.jsonl (r1-tui bench --history lists past runs).' });
    await waitFor(() => expect(frame()).toContain('done · Enter again'));
    const f = frame();
    expect(f).toMatch(/MODEL\s+LOAD\s+PROMPT tok\/s\s+EVAL tok\/s/);
    expect(f).toMatch(/deepseek-r1:32b\s+13 s\s+45\.31\s+1\.62/);
    expect(f).toMatch(/deepseek-r1:70b\s+failed: model requires more/);
    expect(f).toMatch(/MODEL\s+PROCESSOR\s+.*PEAK VRAM/);
    expect(f).toMatch(/deepseek-r1:32b\s+78%\/22% CPU\/GPU\s+.*7\.1 GiB/);
    expect(f).toContain('bench-history.jsonl');
    if (columns === 80) expect(f).toMatch(/Not shown at this width: .*THINK/);
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    stdin.write(KEYS.enter); // Enter: choose again
    await waitFor(() => expect(bench.reset).toHaveBeenCalled());
  });

  it('failed: the sentence and the rows', async () => {
    const { frame, stdin, bench } = setUp();
    stdin.write(ALT_R);
    await waitFor(() => expect(frame()).toContain('Compare models'));
    bench.set({ ...running(performance.now()), status: 'failed', error: 'Cannot reach Ollama at http://127.0.0.1:11434. Is it running?' });
    await waitFor(() => expect(frame()).toContain('Compare models · failed'));
    expect(frame()).toContain('Cannot reach Ollama at http://127.0.0.1:11434.');
  });

  it('refuses to open while a reply streams, and says why', async () => {
    const { frame, stdin, store } = setUp({ columns: 120, rows: 40 }, [turn('Tell me a story', 'streaming')]);
    store.update({ phase: 'answering' });
    store.flush();
    await ticks();
    stdin.write(ALT_R);
    await waitFor(() => expect(frame()).toContain('A reply is streaming: wait for it'));
    expect(frame()).not.toContain('Compare models ·');
  });

  it('with no prompt anywhere it says to type one', async () => {
    const { frame, stdin } = setUp({ columns: 120, rows: 40 }, []);
    stdin.write(ALT_R);
    await waitFor(() => expect(frame()).toContain('type one in the input box first'));
  });
});
