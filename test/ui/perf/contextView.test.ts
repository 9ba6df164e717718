import { describe, expect, it } from 'vitest';
import { contextGauge, contextSplitLines, contextStatusText, contextWarningText, gaugeRow } from '../../../src/ui/perf/contextView.js';
import { perfBodyRows } from '../../../src/ui/perf/perfView.js';
import { rowText } from '../../../src/ui/common/row.js';
import { statusText } from '../../../src/ui/perf/statusView.js';
import type { TurnContext } from '../../../src/session/contextTurn.js';
import { CLOCK, PS_SPLIT, doneState, makeState, streamingState, thoughtTurn } from '../fixtures.js';

const CONTEXT: TurnContext = { parts: { system: 0, history: 1500, question: 600 }, promptEstimate: 2050 };
const METRICS = { promptEvalCount: 2100, promptEvalDuration: 7e9, evalCount: 1312, evalDuration: 8e10 };

const done = (ctx: Partial<TurnContext> = {}, over = {}) =>
  doneState({ turns: [thoughtTurn({ context: { ...CONTEXT, ...ctx }, metrics: METRICS, thinkingTokens: 1000, answerTokens: 100, ...over })] });

describe('context gauge', () => {
  it('after done: prompt_eval_count + eval_count over the /api/ps context_length, exact, with a bar', () => {
    const row = rowText(gaugeRow(contextGauge(done())!, 38)).trimEnd();
    expect(row).toBe('ctx 3,412 / 4,096 · 83% ████████████░░');
    expect(statusText(done(), 200)).toContain('ctx 3,412/4,096 83%');
  });

  it('while streaming: the prompt estimate plus streamed chunks, marked ~', () => {
    const s = streamingState();
    s.turns[0]!.context = { ...CONTEXT };
    // 2,050 estimated + 1,830 thinking + 20 answer chunks
    expect(rowText(gaugeRow(contextGauge(s)!, 30)).trimEnd()).toBe('ctx ~3,900 / 4,096 · 95% █████');
  });

  it('the size comes from num_ctx sent when /api/ps has none, else the default marked ~', () => {
    const noPs = (ctx: Partial<TurnContext>) => {
      const s = done(ctx);
      s.placement = { models: [{ ...PS_SPLIT, context_length: undefined }], fetchedAt: 1 };
      return s;
    };
    expect(rowText(gaugeRow(contextGauge(noPs({ numCtxSent: 8192 }))!, 60))).toMatch(/^ctx 3,412 \/ 8,192 · 41%/);
    expect(rowText(gaugeRow(contextGauge(noPs({}))!, 60))).toMatch(/^ctx 3,412 \/ ~4,096 · 83%/);
  });

  it('says shifted when the reply outgrew num_ctx instead of a percentage over 100', () => {
    const s = done({ shifted: true }, { metrics: { ...METRICS, evalCount: 2500 } });
    expect(rowText(gaugeRow(contextGauge(s)!, 60))).toMatch(/^ctx 4,600 \/ 4,096 · shifted/);
    expect(contextWarningText(contextGauge(s))).toBe('reply outgrew ctx: shifted');
  });

  it('warns in the panel when Ollama cut the conversation or the next question will not fit', () => {
    const cut = done({ cut: { kind: 'probably-cut', dropped: 650, promptEvalCount: 2100, estimate: 2750, numCtx: 4096 } });
    expect(contextWarningText(contextGauge(cut))).toBe('Ollama probably cut ~650 tok');
    const next = done({ next: { prompt: 3300, thought: 1300, answer: 150, need: 4750, numCtx: 4096, promptCut: false, overflows: true } });
    const rows = perfBodyRows(next, 40, 0, CLOCK).map((r) => rowText(r.row).trimEnd());
    expect(rows).toContain("next: ~4,750 tok won't fit 4,096");
  });

  it('shows only the size (no status part) before a turn of this model used the context', () => {
    const s = makeState();
    expect(contextGauge(s)).toEqual({ size: { tokens: 4096, source: 'ps', exact: true } });
    expect(statusText(s, 200)).not.toContain('ctx');
  });

  it('F2 lists the exact counters and the estimated split by part', () => {
    const lines = contextSplitLines(done().turns[0]!, done());
    expect(lines[0]).toBe('context: 3,412 / 4,096 · 83% (size: ollama ps)');
    expect(lines[1]).toBe('  = prompt_eval_count 2,100 + eval_count 1,312 (exact, Ollama)');
    expect(lines[2]).toBe('  split ~: system 0 · history 1,500 · question 600 · thinking 1,193 · answer 119');
  });
});

describe('context gauge while a too-long prompt streams', () => {
  it('counts at most num_ctx of the prompt (Ollama cuts the rest before the model sees it)', () => {
    const s = streamingState();
    s.turns[0]!.context = { ...CONTEXT, promptEstimate: 5000 };
    s.turns[0]!.thinkingTokens = 10;
    s.turns[0]!.answerTokens = 0;
    expect(contextGauge(s)!.use!.used).toBe(4106);
    // an estimate is shown to the nearest 10 tokens (a calm figure)
    expect(rowText(gaugeRow(contextGauge(s)!, 60))).toMatch(/^ctx ~4,110 \/ 4,096 · shifted/);
  });
});

describe('the streaming context figure is calm', () => {
  it('20 streamed tokens change the shown count at most 3 times (nearest 10), not 20', () => {
    const s = streamingState();
    s.turns[0]!.context = { ...CONTEXT, promptEstimate: 1000 };
    s.turns[0]!.answerTokens = 0;
    const shown = new Set<string>();
    for (let t = 0; t < 20; t++) {
      s.turns[0]!.thinkingTokens = t;
      shown.add(rowText(gaugeRow(contextGauge(s)!, 60)));
    }
    expect(shown.size).toBeLessThanOrEqual(3);
  });
});
