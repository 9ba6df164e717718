/**
 * The bench's measuring core shared by `r1-tui bench` and the TUI (runBenchModels), against the fake
 * Ollama with several models, one of which fails to load; and cancelling it with an AbortSignal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { BenchCancelledError, type BenchProgressSink } from '../../src/session/benchMeasure.js';
import { SamplePeaks } from '../../src/session/benchPeaks.js';
import { runBenchModels } from '../../src/session/benchRun.js';
import { startFakeOllama, type FakeOllama, type FakeScript, type RecordedRequest } from '../fake-ollama/index.js';
import type { SystemSample } from '../../src/system/sampleTypes.js';

const OOM = 'model requires more system memory (45.3 GiB) than is available (30.1 GiB)';
const FIGURES: Record<string, { count: number; durations: [number, number]; promptCount: number; promptNs: number }> = {
  'deepseek-r1:32b': { count: 150, durations: [2e9, 2.5e9], promptCount: 20, promptNs: 50e6 },
  'deepseek-r1:8b': { count: 301, durations: [1.5e9, 1.7e9], promptCount: 33, promptNs: 31e6 },
};
const round2 = (n: number) => Math.round(n * 100) / 100;

let server: FakeOllama;
let chunkGapMs = 2;
beforeEach(async () => {
  chunkGapMs = 2;
  const calls = new Map<string, number>();
  server = await startFakeOllama({
    headerDelayMs: 60,
    script: (req: RecordedRequest): FakeScript => {
      const name = String(req.body.model);
      const i = calls.get(name) ?? 0;
      calls.set(name, i + 1);
      const f = FIGURES[name]!;
      return {
        chunks: [
          { dtMs: chunkGapMs, thinking: 'Hmm', content: '' },
          { dtMs: chunkGapMs, thinking: ' so.', content: '' },
          { dtMs: chunkGapMs, content: 'Blue' },
          { dtMs: chunkGapMs, content: ' light' },
          { dtMs: chunkGapMs, content: ' scatters.' },
        ],
        doneDtMs: 2,
        final: { eval_count: f.count, eval_duration: f.durations[i % 2]!, prompt_eval_count: f.promptCount, prompt_eval_duration: f.promptNs },
      };
    },
    fault: (req) => (req.body?.model === 'deepseek-r1:70b' ? { kind: 'status', status: 500, error: OOM } : undefined),
  });
});
afterEach(async () => {
  await server.close();
});

class RecordingSink implements BenchProgressSink {
  events: string[] = [];
  phases = { thinking: 0, answering: 0 };
  begin(label: string, kind: 'load' | 'run'): void {
    this.events.push(`begin ${kind} ${label}`);
  }
  token(phase?: 'thinking' | 'answering'): void {
    if (phase) this.phases[phase]++;
  }
  step(): void {
    this.events.push('step');
  }
  skipRuns(count: number): void {
    this.events.push(`skip ${count}`);
  }
}

function sample(memUsed: number, vramUsed: number): SystemSample {
  return { at: 0, cpuPercent: 10, memTotal: 64e9, memUsed, swapTotal: 0, swapUsed: 0, ollamaRss: null, gpus: [{ name: 'GPU', usedBytes: vramUsed, totalBytes: 8e9, utilPercent: 0 }] };
}

describe('runBenchModels (the core of r1-tui bench and the TUI compare overlay)', () => {
  it('measures each model, reports the one that fails to load and goes on; figures are what the fake reported', async () => {
    const api = createOllamaClient(server.url);
    const sizes = new Map((await api.tags()).map((m) => [m.name, m.size]));
    const peaks = new SamplePeaks();
    peaks.add(sample(20e9, 1e9));
    const sink = new RecordingSink();
    const seen: string[] = [];
    const report = await runBenchModels(
      { models: ['deepseek-r1:32b', 'deepseek-r1:70b', 'deepseek-r1:8b'], prompt: 'Why is the sky blue?', runs: 2 },
      {
        api, host: server.url, local: true, now: () => performance.now(), date: () => new Date('2026-11-28T22:00:00Z'),
        peaks: { reset: () => peaks.reset(), latest: () => peaks.latest(), peaks: () => (peaks.add(sample(30e9, 7e9)), peaks.peaks()) },
        progress: sink, diskSizes: sizes,
        onModelStart: (m) => seen.push(`start ${m}`),
        onResult: (r) => seen.push(`${r.status} ${r.model}`),
      },
    );
    expect(report).toMatchObject({ command: 'bench', host: server.url, local: true, runs: 2, think: null, numCtx: null, at: '2026-11-28T22:00:00.000Z' });
    expect(seen).toEqual(['start deepseek-r1:32b', 'ok deepseek-r1:32b', 'start deepseek-r1:70b', 'failed deepseek-r1:70b', 'start deepseek-r1:8b', 'ok deepseek-r1:8b']);
    const [r32, r70, r8] = report.results;
    const f = FIGURES['deepseek-r1:32b']!;
    const rates = f.durations.map((ns) => f.count / (ns / 1e9));
    expect(r32!.evalRate).toEqual({ mean: round2((rates[0]! + rates[1]!) / 2), min: round2(rates[1]!), max: round2(rates[0]!), stdev: round2(Math.abs(rates[0]! - rates[1]!) / Math.SQRT2) });
    expect(r32!.promptEvalRate).toBe(round2(f.promptCount / (f.promptNs / 1e9)));
    expect([r32!.thinkingTokens, r32!.answerTokens]).toEqual([2, 3]);
    expect(r32!.processor).toBe('48%/52% CPU/GPU');
    expect(r32!.loadMs).toBeGreaterThanOrEqual(50);
    expect([r32!.peakRamBytes, r32!.peakVramBytes]).toEqual([30e9, 7e9]);
    expect(r32!.fit?.label).toBeTruthy();
    expect(r70).toMatchObject({ model: 'deepseek-r1:70b', status: 'failed', error: OOM, loadMs: null, runs: [] });
    expect(r8!.evalRate?.mean).toBe(round2((301 / 1.5 + 301 / 1.7) / 2));
    expect(sink.events).toEqual([
      'begin load deepseek-r1:32b load', 'step', 'begin run deepseek-r1:32b run 1/2', 'step', 'begin run deepseek-r1:32b run 2/2', 'step',
      'begin load deepseek-r1:70b load', 'step', 'skip 2',
      'begin load deepseek-r1:8b load', 'step', 'begin run deepseek-r1:8b run 1/2', 'step', 'begin run deepseek-r1:8b run 2/2', 'step',
    ]);
    // 2 models × 2 runs × (2 thinking + 3 answer chunks)
    expect(sink.phases).toEqual({ thinking: 8, answering: 12 });
  });

  it('a remote host: no machine figures, no fit estimate', async () => {
    const api = createOllamaClient(server.url);
    const report = await runBenchModels(
      { models: ['deepseek-r1:8b'], prompt: 'Hi there', runs: 1 },
      { api, host: server.url, local: false, now: () => performance.now(), date: () => new Date(), peaks: null, progress: new RecordingSink(), diskSizes: new Map() },
    );
    expect(report.local).toBe(false);
    expect(report.results[0]).toMatchObject({ status: 'ok', peakRamBytes: null, peakVramBytes: null, fit: null, processor: '100% GPU' });
  });

  it('an aborted signal stops the request in flight and throws BenchCancelledError; nothing is unloaded afterwards', async () => {
    chunkGapMs = 150;
    const api = createOllamaClient(server.url);
    const abort = new AbortController();
    const results: string[] = [];
    const sink = new RecordingSink();
    sink.token = () => abort.abort(); // cancel on the first streamed token of the first run
    const started = performance.now();
    await expect(
      runBenchModels(
        { models: ['deepseek-r1:8b', 'deepseek-r1:32b'], prompt: 'Why is the sky blue?', runs: 3 },
        { api, host: server.url, local: false, now: () => performance.now(), date: () => new Date(), peaks: null, progress: sink, diskSizes: new Map(), signal: abort.signal, onResult: (r) => results.push(r.model) },
      ),
    ).rejects.toBeInstanceOf(BenchCancelledError);
    expect(performance.now() - started).toBeLessThan(3 * 5 * 150);
    expect(results).toEqual([]);
    const abortedAt = Date.now();
    await new Promise((r) => setTimeout(r, 100));
    const later = server.requests.filter((r) => r.at >= abortedAt && r.path === '/api/chat');
    expect(later).toEqual([]);
    expect(server.requests.some((r) => r.path === '/api/chat' && r.body?.model === 'deepseek-r1:32b')).toBe(false);
  });
});
