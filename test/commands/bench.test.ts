import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBench } from '../../src/commands/bench.js';
import { parseBenchArgs } from '../../src/commands/benchArgs.js';
import type { BenchReport } from '../../src/core/benchTypes.js';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { startFakeOllama, type FakeOllama, type FakeScript, type RecordedRequest } from '../fake-ollama/index.js';
import { amdSysRoot, capture, testContext, type TestContext } from './helpers.js';

const OOM = 'model requires more system memory (78.1 GiB) than is available (69.2 GiB)';

/** What the fake reports per model: eval_count, eval_duration per run (ns), prompt figures. */
const FIGURES: Record<string, { count: number; durations: [number, number]; promptCount: number; promptNs: number }> = {
  'deepseek-r1:32b': { count: 150, durations: [2e9, 2.5e9], promptCount: 20, promptNs: 50e6 },
  'deepseek-r1:8b': { count: 301, durations: [1.5e9, 1.7e9], promptCount: 33, promptNs: 31e6 },
  'deepseek-r1:1.5b': { count: 97, durations: [3e9, 3e9], promptCount: 7, promptNs: 21e6 },
};
const MODELS = 'deepseek-r1:32b,deepseek-r1:8b,deepseek-r1:70b,deepseek-r1:1.5b';

const round2 = (n: number) => Math.round(n * 100) / 100;
const rateOf = (count: number, ns: number) => count / (ns / 1e9);

function expectedEval(name: string, runs: number) {
  const f = FIGURES[name]!;
  const rates = Array.from({ length: runs }, (_, i) => rateOf(f.count, f.durations[i % 2]!));
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  const stdev = rates.length > 1 ? Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (rates.length - 1)) : 0;
  return { mean: round2(mean), min: round2(Math.min(...rates)), max: round2(Math.max(...rates)), stdev: round2(stdev) };
}

let server: FakeOllama;
let calls: Map<string, number>;

beforeEach(async () => {
  calls = new Map();
  server = await startFakeOllama({
    headerDelayMs: 120,
    script: (req: RecordedRequest): FakeScript => {
      const name = String(req.body.model);
      const i = calls.get(name) ?? 0;
      calls.set(name, i + 1);
      const f = FIGURES[name]!;
      return {
        chunks: [
          { dtMs: 2, thinking: 'Let', content: '' },
          { dtMs: 2, thinking: ' me', content: '' },
          { dtMs: 2, thinking: ' think.', content: '' },
          { dtMs: 2, content: 'Blue' },
          { dtMs: 2, content: ' light.' },
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

function ctxFor(overrides: Parameters<typeof testContext>[0] = {}): TestContext {
  return testContext({ sysRoot: amdSysRoot(7_000_000_000, 8_000_000_000), ...overrides });
}

async function benchJson(ctx: TestContext, extra: string[] = []): Promise<{ code: number; report: BenchReport }> {
  const code = await runBench(['--host', server.url, '--models', MODELS, '--runs', '2', '--json', ...extra], ctx);
  return { code, report: JSON.parse(ctx.stdout.text) as BenchReport };
}

describe('r1-tui bench against the fake', () => {
  it('--json: figures match what the fake reported; a model that fails to load is reported and the bench goes on', async () => {
    await createOllamaClient(server.url).load('deepseek-r1:32b'); // loaded before: the bench must unload it first
    const ctx = ctxFor();
    const { code, report } = await benchJson(ctx, ['--num-ctx', '8192']);
    expect(code).toBe(1); // one model failed
    expect(report).toMatchObject({ command: 'bench', host: server.url, local: true, runs: 2, numCtx: 8192, think: null, at: '2026-11-28T18:00:00.000Z' });
    expect(report.results.map((r) => [r.model, r.status])).toEqual([
      ['deepseek-r1:32b', 'ok'],
      ['deepseek-r1:8b', 'ok'],
      ['deepseek-r1:70b', 'failed'],
      ['deepseek-r1:1.5b', 'ok'],
    ]);
    const failed = report.results[2]!;
    expect(failed.error).toBe(OOM);
    expect(failed.loadMs).toBeNull();
    expect(failed.runs).toEqual([]);

    const placement: Record<string, [string, number, number]> = {
      'deepseek-r1:32b': ['48%/52% CPU/GPU', 21943566336, 11401775104],
      'deepseek-r1:8b': ['100% GPU', 6904188928, 6904188928],
      'deepseek-r1:1.5b': ['100% CPU', 2001338368, 0],
    };
    for (const r of report.results.filter((x) => x.status === 'ok')) {
      const f = FIGURES[r.model]!;
      expect(r.evalRate, r.model).toEqual(expectedEval(r.model, 2));
      expect(r.runs.map((x) => x.evalRate)).toEqual([round2(rateOf(f.count, f.durations[0])), round2(rateOf(f.count, f.durations[1]))]);
      expect(r.runs.map((x) => x.evalDurationNs)).toEqual(f.durations);
      expect(r.promptEvalRate).toBe(round2(rateOf(f.promptCount, f.promptNs)));
      expect(r.thinkingTokens).toBe(3);
      expect(r.answerTokens).toBe(2);
      expect(r.firstAnswerMs).toBeGreaterThan(0);
      expect(r.firstAnswerMs!).toBeLessThanOrEqual(Math.max(...r.runs.map((x) => x.wallMs)));
      expect(r.loadMs!).toBeGreaterThanOrEqual(100); // headerDelayMs 120
      expect([r.processor, r.sizeBytes, r.sizeVramBytes]).toEqual(placement[r.model]);
      expect(r.contextLength).toBe(8192);
      expect(r.peakRamBytes).toBe((64_000_000 - 24_000_000) * 1024);
      expect(r.peakVramBytes).toBe(7_000_000_000);
      expect(r.fit?.needBytes).toBeGreaterThan(0);
    }
    expect(report.results[0]!.fit).toMatchObject({ verdict: 'split' });
    expect(report.results[0]!.fit!.label).toMatch(/^splits ≈ \d+%\/\d+% CPU\/GPU$/);

    // cold load: unload (keep_alive 0) before the timed load, and num_ctx on every chat request
    const chats = server.requests.filter((r) => r.path === '/api/chat' && r.body.model === 'deepseek-r1:32b');
    expect(chats.map((r) => [r.body.messages.length, r.body.keep_alive ?? null])).toEqual([
      [0, null], // the test's own preload
      [0, 0], // bench: unload
      [0, null], // bench: timed load
      [1, null],
      [1, null],
    ]);
    expect(chats.slice(2).every((r) => r.body.options?.num_ctx === 8192)).toBe(true);
    expect(ctx.stderr.text).toBe(''); // not a TTY: no progress bar
  });

  it('--csv: one row per model with the computed figures', async () => {
    const ctx = ctxFor();
    const code = await runBench(['--host', server.url, '--models', MODELS, '--runs', '2', '--csv'], ctx);
    expect(code).toBe(1);
    const lines = ctx.stdout.text.trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 9)).toEqual(['model', 'status', 'error', 'load_ms', 'prompt_eval_rate', 'eval_rate_mean', 'eval_rate_min', 'eval_rate_max', 'eval_rate_stdev']);
    expect(lines).toHaveLength(5);
    const row = (name: string) => Object.fromEntries(lines.find((l) => l.startsWith(`${name},`))!.split(',').map((v, i) => [header[i], v]));
    const r32 = row('deepseek-r1:32b');
    const e = expectedEval('deepseek-r1:32b', 2);
    expect([r32.eval_rate_mean, r32.eval_rate_min, r32.eval_rate_max, r32.eval_rate_stdev]).toEqual(
      [e.mean, e.min, e.max, e.stdev].map((n) => n.toFixed(2)),
    );
    expect(r32.prompt_eval_rate).toBe('400.00');
    expect(r32.processor).toBe('48%/52% CPU/GPU');
    expect(r32.thinking_tokens).toBe('3');
    expect(r32.answer_tokens).toBe('2');
    expect(r32.context_length).toBe('4096');
    expect(r32.peak_vram_bytes).toBe('7000000000');
    const r8 = row('deepseek-r1:8b');
    expect(r8.eval_rate_mean).toBe(expectedEval('deepseek-r1:8b', 2).mean.toFixed(2));
    expect(r8.processor).toBe('100% GPU');
    const r70 = row('deepseek-r1:70b');
    expect([r70.status, r70.error, r70.load_ms]).toEqual(['failed', OOM, '']);
  });

  it('--markdown: a table with a failed row', async () => {
    const ctx = ctxFor();
    await runBench(['--host', server.url, '--models', MODELS, '--runs', '2', '--markdown'], ctx);
    const text = ctx.stdout.text;
    const e = expectedEval('deepseek-r1:32b', 2);
    expect(text).toMatch(/^\| MODEL \| LOAD \| PROMPT tok\/s \| EVAL tok\/s \|/m);
    expect(text).toMatch(/^\|---\|---\|/m);
    const row32 = text.split('\n').find((l) => l.startsWith('| deepseek-r1:32b |'))!;
    expect(row32).toContain(`| 400.00 | ${e.mean.toFixed(2)} (${e.min.toFixed(2)}-${e.max.toFixed(2)}) | 3 | 2 |`);
    expect(row32).toContain('| 48%/52% CPU/GPU | 21 GB | 4096 | 38.1 GiB | 6.5 GiB |');
    expect(text).toContain(`| deepseek-r1:70b | failed: ${OOM} |`);
    expect(row32.split('|').length).toBe(text.split('\n').find((l) => l.startsWith('| deepseek-r1:70b'))!.split('|').length);
  });

  it('table: aligned columns, progress bar with ETA on a TTY stderr, history append and --history', async () => {
    const ctx = ctxFor({ stderr: capture(true, 100) });
    const code = await runBench(['--host', server.url, '--models', MODELS, '--runs', '2'], ctx);
    expect(code).toBe(1);
    const lines = ctx.stdout.text.split('\n');
    // speed table, then memory table
    const [header, memHeader] = lines.filter((l) => l.startsWith('MODEL'));
    expect(header).toMatch(/^MODEL +LOAD +PROMPT tok\/s +EVAL tok\/s +THINK +ANSWER +1ST ANSWER$/);
    expect(memHeader).toMatch(/^MODEL +PROCESSOR +SIZE +CTX +PEAK RAM +PEAK VRAM +ESTIMATE$/);
    const [row32, mem32] = lines.filter((l) => l.startsWith('deepseek-r1:32b '));
    const mem8 = lines.filter((l) => l.startsWith('deepseek-r1:8b '))[1]!;
    const e = expectedEval('deepseek-r1:32b', 2);
    expect(row32!.indexOf(`${e.mean.toFixed(2)} (${e.min.toFixed(2)}-${e.max.toFixed(2)})`)).toBe(header!.indexOf('EVAL tok/s'));
    expect(row32!.indexOf('400.00')).toBe(header!.indexOf('PROMPT tok/s'));
    expect(mem32!.indexOf('48%/52% CPU/GPU')).toBe(memHeader!.indexOf('PROCESSOR'));
    expect(mem8.indexOf('100% GPU')).toBe(memHeader!.indexOf('PROCESSOR'));
    expect(mem32!.indexOf('38.1 GiB')).toBe(memHeader!.indexOf('PEAK RAM'));
    expect(mem32!.indexOf('6.5 GiB')).toBe(memHeader!.indexOf('PEAK VRAM'));
    expect(lines.filter((l) => l.startsWith('deepseek-r1:70b'))).toHaveLength(1); // the failure shows once
    expect(lines.find((l) => l.startsWith('deepseek-r1:70b '))).toBe(`deepseek-r1:70b${' '.repeat(header!.indexOf('LOAD') - 15)}failed: ${OOM}`);
    expect(lines[0]).toMatch(/^r1-tui bench · http:\/\/127\.0\.0\.1:\d+ · 2 runs · think server default · num_ctx server default$/);
    // progress: bar, counts, ETA, erased at the end
    const err = ctx.stderr.text;
    expect(err).toContain('[....................] 0/12 deepseek-r1:32b load');
    expect(err).toMatch(/\] 1\/12 deepseek-r1:32b run 1\/2 .*· ETA /);
    expect(err).toContain('12/12');
    expect(err.endsWith('\r\u001b[2K')).toBe(true);

    // history: a second bench in the same data dir, then --history
    const ctx2 = ctxFor({ env: ctx.env });
    await runBench(['--host', server.url, '--models', 'deepseek-r1:8b', '--runs', '1', '--think', 'on'], ctx2);
    const hist = ctxFor({ env: ctx.env });
    expect(await runBench(['--history'], hist)).toBe(0);
    const hl = hist.stdout.text.trimEnd().split('\n');
    expect(hl[0]).toMatch(/^DATE +HOST +MODEL +RUNS +LOAD +PROMPT tok\/s +EVAL tok\/s +PROCESSOR +RESULT$/);
    expect(hl).toHaveLength(1 + 4 + 1);
    expect(hl[3]).toMatch(new RegExp(`^2026-11-28 18:00 +${server.url} +deepseek-r1:70b +0 +n/a +n/a +n/a +n/a +failed: model requires`));
    expect(hl[5]).toMatch(/deepseek-r1:8b +1 +.* +100% GPU +ok$/);
    const histJson = ctxFor({ env: ctx.env });
    await runBench(['--history', '--json'], histJson);
    const reports = JSON.parse(histJson.stdout.text) as BenchReport[];
    expect(reports.map((r) => [r.results.length, r.runs, r.think])).toEqual([
      [4, 2, null],
      [1, 1, 'on'],
    ]);
    const histCsv = ctxFor({ env: ctx.env });
    await runBench(['--history', '--csv'], histCsv);
    expect(histCsv.stdout.text.split('\n')[0]).toBe('date,host,model,runs,load,prompt_rate,eval_rate,processor,result');
  });

  it('a remote host: machine columns are n/a and no fit estimate', async () => {
    const ctx = ctxFor({ isLocal: () => false });
    const code = await runBench(['--host', server.url, '--models', 'deepseek-r1:8b', '--json'], ctx);
    expect(code).toBe(0);
    const r = (JSON.parse(ctx.stdout.text) as BenchReport).results[0]!;
    expect([r.peakRamBytes, r.peakVramBytes, r.fit]).toEqual([null, null, null]);
    expect(r.evalRate?.mean).toBe(round2(rateOf(301, 1.5e9)));
    const table = ctxFor({ isLocal: () => false, env: ctx.env });
    await runBench(['--host', server.url, '--models', 'deepseek-r1:8b'], table);
    expect(table.stdout.text).toContain('(remote: RAM/VRAM n/a)');
    expect(table.stdout.text).toMatch(/n\/a +n\/a +n\/a$/m);
  });

  it('--history with no file says so', async () => {
    const ctx = ctxFor();
    expect(await runBench(['--history'], ctx)).toBe(0);
    expect(ctx.stdout.text).toMatch(/^No bench runs yet \(.*bench-history\.jsonl\)/);
  });
});

describe('r1-tui bench errors', () => {
  it('a dead --host: one sentence on stderr naming the URL, the kind not detected (not "Ollama"), exit 1', async () => {
    const ctx = testContext();
    expect(await runBench(['--host', 'http://127.0.0.1:9', '--models', 'x:1b'], ctx)).toBe(1);
    expect(ctx.stderr.text).toMatch(/^r1-tui bench: Nothing answers at http:\/\/127\.0\.0\.1:9: .* Server kind not detected; --backend KIND skips detection\.\n$/);
    expect(ctx.stderr.text).not.toMatch(/Ollama/);
    expect(ctx.stdout.text).toBe('');
  });

  it('a dead host with a known kind names that kind: --backend vllm, --backend ollama, OLLAMA_HOST', async () => {
    const vllm = testContext();
    expect(await runBench(['--host', 'http://127.0.0.1:9', '--backend', 'vllm', '--models', 'x:1b'], vllm)).toBe(1);
    expect(vllm.stderr.text).toMatch(/^r1-tui bench: Cannot reach vLLM at http:\/\/127\.0\.0\.1:9\./);
    const ollama = testContext();
    expect(await runBench(['--host', 'http://127.0.0.1:9', '--backend', 'ollama', '--models', 'x:1b'], ollama)).toBe(1);
    expect(ollama.stderr.text).toMatch(/^r1-tui bench: Cannot reach Ollama at http:\/\/127\.0\.0\.1:9\./);
    const env = testContext();
    env.env.OLLAMA_HOST = 'http://127.0.0.1:9';
    expect(await runBench(['--models', 'x:1b'], env)).toBe(1);
    expect(env.stderr.text).toMatch(/^r1-tui bench: Cannot reach Ollama at http:\/\/127\.0\.0\.1:9\./);
  });

  it('bad flags: one-line errors, exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--runs', '2'], '--models is required, e.g. --models deepseek-r1:32b,deepseek-r1:70b'],
      [['--models', 'a', '--runs', '0'], "--runs needs a whole number from 1 to 100, got '0'"],
      [['--models', 'a', '--think', 'maybe'], "--think must be on, off, low, medium or high, got 'maybe'"],
      [['--models', 'a', '--json', '--csv'], 'choose one output format, not --json and --csv'],
      [['--models', 'a', '--prompt', 'x', '--prompt-file', 'y'], 'use --prompt or --prompt-file, not both'],
      [['--models', 'a', '--num-ctx', 'big'], "--num-ctx needs a whole number from 256 to 10000000, got 'big'"],
      [['--models', 'a', '--verbose'], "unknown flag '--verbose' for 'r1-tui bench'"],
      [['--models', 'bad name!'], "--models: 'bad name!' is not a valid model name (e.g. deepseek-r1:32b)"],
      [['--history', '--models', 'a'], '--history only prints past runs; --models does not go with it'],
      [['--models', 'a', '--prompt-file', '/nonexistent/prompt.txt'], "--prompt-file: cannot read '/nonexistent/prompt.txt' (ENOENT)"],
    ];
    for (const [args, message] of cases) {
      const ctx = testContext();
      expect(await runBench(args, ctx), args.join(' ')).toBe(2);
      expect(ctx.stderr.text).toBe(`r1-tui bench: ${message}\n`);
    }
  });

  it('parses --prompt-file and defaults', () => {
    const r = parseBenchArgs(['--models', 'a, b', '--prompt-file', 'p.txt'], () => 'Hello?\n');
    expect(r).toEqual({ ok: true, options: { models: ['a', 'b'], prompt: 'Hello?\n', runs: 1, format: 'table', history: false, help: false } });
  });
});
