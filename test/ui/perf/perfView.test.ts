import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/core/wrap.js';
import { evalFigure, rateText } from '../../../src/ui/perf/perfFigures.js';
import { keepMostImportant, perfBodyRows, perfRows, processorText } from '../../../src/ui/perf/perfView.js';
import { rowText } from '../../../src/ui/common/row.js';
import type { AppState } from '../../../src/session/types.js';
import {
  CLOCK,
  GiB,
  PS_SPLIT,
  SYSTEM_GPU,
  SYSTEM_UNIFIED,
  doneState,
  fixtureStates,
  makeState,
  streamingState,
  thoughtTurn,
} from '../fixtures.js';

const NOW = 56_600;

function panel(state: AppState, width: number, height: number): string[] {
  return perfRows({ state, width, height, now: NOW, clock: CLOCK }).map(rowText);
}

function body(state: AppState, width = 76): string[] {
  return perfBodyRows(state, width, NOW, CLOCK).map((r) => rowText(r.row).trimEnd());
}

describe('perf panel rows', () => {
  it('shows the exact eval rate (eval_count / eval_duration, 2 decimals) after done', () => {
    // eval_count 187 / eval_duration 3801325500 ns → 49.19
    expect(rateText(evalFigure(doneState()))).toBe('49.19');
    expect(body(doneState())).toContain('eval    49.19 tok/s  ▁▃▆█▆▃▂▅');
  });

  it('marks the live rate as an estimate while streaming', () => {
    const rows = body(streamingState());
    // whole seconds at a fixed width; the live rate once (eval), thinking's rate as it is over
    expect(rows[0]).toBe('answering   12 s');
    expect(rows[1]).toMatch(/^eval    ~1\.62 tok\/s/);
    expect(rows[2]).toBe('think   ~1.58 tok/s  answer –');
  });

  it('falls back to the estimate when a stopped turn has no metrics', () => {
    const state = doneState({ turns: [thoughtTurn({ status: 'stopped', metrics: undefined })], rates: { history: [], rate: 2.5 } });
    expect(rateText(evalFigure(state))).toBe('~2.50');
  });

  it('shows prompt rate, load time and first-token times of the last turn', () => {
    const rows = body(doneState());
    expect(rows).toContain('prompt 291.00 tok/s  load 22 ms');
    expect(rows).toContain('first token 2.0 s · answer 43 s');
  });

  it('gives the PROCESSOR label exactly as ollama ps, with a layer estimate for a split', () => {
    const rows = body(doneState());
    expect(rows).toContain('48%/52% CPU/GPU  ~34/65 layers est.');
    expect(rows).toContain('20 GB · ctx 4096 · 4 minutes from now');
  });

  it('labels every placement fixture', () => {
    const labels = Object.fromEntries(fixtureStates().map(([name, s]) => [name, processorText(s)]));
    expect(labels).toEqual({
      'split, done': '48%/52% CPU/GPU',
      'split, streaming': '48%/52% CPU/GPU',
      'full GPU': '100% GPU',
      'CPU only': '100% CPU',
      'remote host': '48%/52% CPU/GPU',
      'no GPU': '48%/52% CPU/GPU',
      'system null': '48%/52% CPU/GPU',
      'not loaded': 'not loaded',
    });
  });

  it('matches the current model to its ps entry with an implicit :latest tag', () => {
    const state = makeState({
      model: { current: 'deepseek-r1', installed: [], think: true },
      placement: { models: [{ ...PS_SPLIT, name: 'deepseek-r1:latest', model: 'deepseek-r1:latest' }], fetchedAt: 1 },
    });
    expect(processorText(state)).toBe('48%/52% CPU/GPU');
  });

  it('shows RAM, VRAM and CPU with aligned bars', () => {
    const rows = body(doneState(), 34);
    expect(rows).toContain('RAM  ██████████░░░░░ 41.2/62.8 GiB');
    expect(rows).toContain('VRAM ██████████████░   7.6/8.0 GiB');
    expect(rows).toContain('CPU  ███████░  92% · ollama 35 GiB');
  });

  it('shows swap only when it is used, and one row per GPU', () => {
    const sys = {
      ...SYSTEM_GPU,
      swapUsed: 2 * GiB,
      gpus: [SYSTEM_GPU.gpus[0]!, { name: 'Tesla P40', usedBytes: 20 * GiB, totalBytes: 24 * GiB, utilPercent: 0 }],
    };
    const rows = body(doneState({ system: sys }), 40);
    expect(rows.some((r) => r.startsWith('Swap  '))).toBe(true);
    expect(rows.filter((r) => /^VRAM[01] /.test(r))).toHaveLength(2);
    expect(body(doneState()).some((r) => r.startsWith('Swap'))).toBe(false);
  });

  it('is honest about missing figures', () => {
    expect(body(makeState({ system: null }))).toContain('RAM  sampling…');
    const remote = body(doneState(fixtureStates().find(([n]) => n === 'remote host')![1]));
    expect(remote).toContain('VRAM n/a (remote host)');
    expect(remote).toContain('RAM  n/a (remote host)');
    expect(body(fixtureStates().find(([n]) => n === 'no GPU')![1])).toContain('VRAM n/a (no GPU found)');
    expect(body(doneState({ system: SYSTEM_UNIFIED }))).toContain('VRAM unified memory (in RAM)');
    expect(body(doneState({ system: { ...SYSTEM_UNIFIED, gpuNote: 'no-nvidia' } }))).toContain('VRAM n/a (no NVIDIA GPU found)');
    expect(body(doneState({ system: { ...SYSTEM_UNIFIED, gpuNote: 'unmeasured' } }))).toContain('VRAM n/a (not measured on this OS)');
    expect(body(makeState({ system: { ...SYSTEM_GPU, cpuPercent: null } }))).toContain('CPU  sampling…');
  });

  it('keeps the most important rows when the panel is short', () => {
    const rows = panel(doneState(), 38, 6).map((r) => r.slice(2).trimEnd());
    expect(rows).toHaveLength(6);
    // 4 body rows: eval, processor, phase, RAM (in display order)
    expect(rows.slice(1, 5).map((r) => r.split(/\s+/)[0])).toEqual(['idle', 'eval', '48%/52%', 'RAM']);
  });

  it('keeps display order for equal ranks', () => {
    const rows = keepMostImportant(
      [
        { row: [{ text: 'a' }], rank: 2 },
        { row: [{ text: 'b' }], rank: 1 },
        { row: [{ text: 'c' }], rank: 2 },
      ],
      2,
    );
    expect(rows.map(rowText)).toEqual(['a', 'b']);
  });

  it('is exactly height rows of at most width columns for every fixture', () => {
    for (const [name, state] of fixtureStates()) {
      for (const width of [38, 80]) {
        for (const height of [1, 3, 8, 14, 20]) {
          const rows = panel(state, width, height);
          expect(rows, `${name} ${width}x${height}`).toHaveLength(height);
          for (const r of rows) expect(displayWidth(r), `${name} ${width}x${height}: ${r}`).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it('keeps number columns at fixed width so a refresh rewrites few cells', () => {
    const a = body(streamingState({ rates: { history: [], rate: 1.62 } }))[1]!;
    const b = body(streamingState({ rates: { history: [], rate: 12.5 } }))[1]!;
    expect(a.indexOf('tok/s')).toBe(b.indexOf('tok/s'));
  });
});

describe('finished-turn phase rates', () => {
  it("prefers the session's final thinking/answer rates", () => {
    const rows = perfBodyRows(doneState({ rates: { history: [], rate: 49.19, thinkingRate: 44.61, answerRate: 1.7 } }), 40, 0, CLOCK);
    expect(rows.map((r) => rowText(r.row).trimEnd())).toContain('think   44.61 tok/s  answer 1.70');
  });

  it('measures them from the turn when the session gave none', () => {
    const rows = perfBodyRows(doneState({ rates: { history: [] } }), 40, 0, CLOCK);
    // 1,830 tok over 41 s; 70 tok from 44.2 s to 86 s
    expect(rows.map((r) => rowText(r.row).trimEnd())).toContain('think   44.63 tok/s  answer 1.67');
  });
});

describe('CPU bar', () => {
  it('is no wider than the memory bars', () => {
    const rows = body(doneState({ system: { ...SYSTEM_GPU, ollamaRss: null } }), 34);
    const ram = rows.find((r) => r.startsWith('RAM'))!;
    const cpu = rows.find((r) => r.startsWith('CPU'))!;
    const cells = (r: string) => (r.match(/[█░]/g) ?? []).length;
    expect(cells(cpu)).toBe(cells(ram));
    expect(cpu).toMatch(/^CPU  █+░+  92%$/);
  });
});

describe('round 2: phase label and keep-alive countdown', () => {
  it("reads 'loading model' until the first chunk", () => {
    const rows = body(streamingState({ phase: 'loading', phaseSince: NOW - 3000 }));
    expect(rows[0]).toBe('loading model    3 s');
  });

  it('shows the keep-alive countdown in a 34-column panel on its own row when it does not fit beside size and ctx', () => {
    const rows = body(doneState(), 34);
    expect(rows).toContain('20 GB · ctx 4096');
    expect(rows).toContain('unload 4 minutes from now');
    for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(34);
  });
});

describe('CPU row over an idle-paced sample', () => {
  it('says the span its CPU % is averaged over when it is 2 s or more, not at the 1 s pace', () => {
    const cpu = (cpuSpanMs: number) =>
      body(makeState({ system: { ...SYSTEM_GPU, cpuPercent: 12, cpuSpanMs } })).find((r) => r.startsWith('CPU'));
    expect(cpu(10_000)).toMatch(/12% over 10 s/);
    expect(cpu(1_000)).toMatch(/12%/);
    expect(cpu(1_000)).not.toMatch(/over/);
  });
});
