/** `r1-tui bench --think low|medium|high`: parsed, sent to the server as the level, kept in the report. */
import { afterEach, describe, expect, it } from 'vitest';
import { runBench } from '../../src/commands/bench.js';
import { parseBenchArgs } from '../../src/commands/benchArgs.js';
import type { BenchReport } from '../../src/core/benchTypes.js';
import { thinkValue } from '../../src/session/benchMeasure.js';
import { startFakeOllama, type FakeOllama } from '../fake-ollama/index.js';
import { testContext } from './helpers.js';

let server: FakeOllama | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('bench --think levels', () => {
  it('parses on, off and the three levels (any case); rejects others', () => {
    for (const v of ['on', 'off', 'low', 'medium', 'high', 'HIGH']) {
      const r = parseBenchArgs(['--models', 'a', '--think', v]);
      expect(r.ok && r.options.think, v).toBe(v.toLowerCase());
    }
    const bad = parseBenchArgs(['--models', 'a', '--think', 'max']);
    expect(bad).toEqual({ ok: false, error: "--think must be on, off, low, medium or high, got 'max'" });
  });

  it('maps on/off to booleans and passes a level as it is', () => {
    expect([thinkValue('on'), thinkValue('off'), thinkValue('low'), thinkValue('high'), thinkValue(undefined)]).toEqual([true, false, 'low', 'high', undefined]);
  });

  it('sends think:"high" to /api/chat for gpt-oss and records the level in the report', async () => {
    server = await startFakeOllama({ tokensPerSecond: 2000 });
    const ctx = testContext();
    const code = await runBench(['--host', server.url, '--models', 'gpt-oss:20b', '--think', 'high', '--json'], ctx);
    expect(code).toBe(0);
    const report = JSON.parse(ctx.stdout.text) as BenchReport;
    expect(report.think).toBe('high');
    expect(report.results[0]?.status).toBe('ok');
    const runs = server.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length > 0);
    expect(runs.map((r) => r.body.think)).toEqual(['high']);
  });
});
