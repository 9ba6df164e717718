import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncrementalWrapper, displayWidth } from '../../src/core/wrap.js';
import { LoopBanner } from '../../src/ui/reasoning/LoopBanner.js';
import { PerfPanel } from '../../src/ui/perf/PerfPanel.js';
import { ReasoningPane } from '../../src/ui/reasoning/ReasoningPane.js';
import { StatusLine } from '../../src/ui/perf/StatusLine.js';
import { VerboseOverlay } from '../../src/ui/perf/VerboseOverlay.js';
import { ThemeContext } from '../../src/ui/theme/theme.js';
import type { ReactElement } from 'react';
import { CLOCK, doneState, fixtureStates, makeTurn, streamingState, thoughtTurn } from './fixtures.js';
import { defaultTheme } from '../../src/core/theme.js';

afterEach(() => cleanup());

const ANSI = /\u001b\[[0-9;]*m/g;

function frameRows(el: ReactElement): string[] {
  const { lastFrame } = render(<ThemeContext.Provider value={defaultTheme}>{el}</ThemeContext.Provider>);
  return (lastFrame() ?? '').replace(ANSI, '').split('\n');
}

function expectFits(rows: string[], width: number, height: number, what: string): void {
  expect(rows, what).toHaveLength(height);
  for (const r of rows) expect(displayWidth(r), `${what}: "${r}"`).toBeLessThanOrEqual(width);
}

const LABELS: Record<string, string> = {
  'split, done': '48%/52% CPU/GPU',
  'split, streaming': '48%/52% CPU/GPU',
  'full GPU': '100% GPU',
  'CPU only': '100% CPU',
  'remote host': '48%/52% CPU/GPU',
  'no GPU': '48%/52% CPU/GPU',
  'system null': '48%/52% CPU/GPU',
  'not loaded': 'not loaded',
};

describe('PerfPanel', () => {
  for (const [name, state] of fixtureStates()) {
    for (const width of [38, 80]) {
      it(`${name} at ${width} columns: label, rows and widths`, () => {
        const rows = frameRows(<PerfPanel state={state} width={width} height={16} now={56_600} clock={CLOCK} />);
        expectFits(rows, width, 16, name);
        expect(rows[0]).toMatch(/^┌ Performance ─+┐$/);
        expect(rows.some((r) => r.includes(LABELS[name]!))).toBe(true);
        const text = rows.join('\n');
        if (name === 'split, done') expect(text).toContain('eval    49.19 tok/s');
        if (name === 'split, streaming') expect(text).toContain('eval    ~1.62 tok/s');
        if (name === 'remote host') expect(text).toContain('VRAM n/a (remote host)');
        if (name === 'no GPU') expect(text).toContain('VRAM n/a (no GPU found)');
        if (name === 'system null') expect(text).toContain('RAM  sampling…');
        if (name === 'split, done') expect(text).toMatch(/RAM  █+░+ 41\.2\/62\.8 GiB/);
        if (name === 'split, done') expect(text).toMatch(/VRAM █+░* +7\.6\/8\.0 GiB/);
      });
    }
  }

  it('renders exactly the height when short', () => {
    for (const height of [3, 5, 9]) {
      const rows = frameRows(<PerfPanel state={streamingState()} width={38} height={height} now={56_600} clock={CLOCK} />);
      expectFits(rows, 38, height, `height ${height}`);
      expect(rows.join('\n')).toContain('tok/s');
    }
  });
});

describe('StatusLine', () => {
  for (const [name, state] of fixtureStates()) {
    for (const width of [38, 80]) {
      it(`${name} at ${width} columns is one row with the label`, () => {
        const rows = frameRows(<StatusLine state={state} width={width} />);
        expectFits(rows, width, 1, name);
        expect(rows[0]).toContain('tok/s');
        if (width === 80) expect(rows[0]).toContain(LABELS[name]!);
      });
    }
  }

  it('shows the exact final rate', () => {
    expect(frameRows(<StatusLine state={doneState()} width={80} />)[0]).toContain('49.19 tok/s');
  });
});

describe('ReasoningPane', () => {
  const long = Array.from({ length: 40 }, (_, i) => `thought ${i + 1}`).join('\n');

  it('folded: one Thought row', () => {
    const rows = frameRows(<ReasoningPane turns={[thoughtTurn()]} width={80} height={1} folded live={false} now={0} />);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.trimEnd()).toBe('▸ Thought 41 s · 1,830 tok · 44.6 tok/s');
  });

  it('open: title, tail of the text, exact rows and widths at 38 and 80', () => {
    for (const width of [38, 80]) {
      const turn = thoughtTurn({ thinking: long });
      const rows = frameRows(<ReasoningPane turns={[turn]} width={width} height={7} folded={false} live={false} now={0} />);
      expectFits(rows, width, 7, `width ${width}`);
      expect(rows[0]).toMatch(/^┌ Reasoning ▾ thought · 41 s/);
      expect(rows[5]).toContain('thought 40');
      expect(rows[1]).toContain('thought 36');
    }
  });

  it('streaming: re-renders with the appended text and the live Thinking header', () => {
    const turn = makeTurn({ status: 'streaming', thinking: 'Okay, the user asks', firstThinkingAt: 1_000, lastThinkingAt: 5_000, thinkingTokens: 40 });
    const ui = render(<ReasoningPane turns={[turn]} width={60} height={5} folded={false} live now={9_000} />);
    expect(ui.lastFrame()).toContain('Reasoning ▾ thinking · 8 s · 40 tok · 10.0 tok/s');
    turn.thinking += ' about distillation.';
    turn.thinkingTokens = 44;
    turn.lastThinkingAt = 6_000;
    turn.rev++;
    const append = vi.spyOn(IncrementalWrapper.prototype, 'append');
    ui.rerender(<ReasoningPane turns={[turn]} width={60} height={5} folded={false} live now={10_000} />);
    expect(ui.lastFrame()).toContain('Okay, the user asks about distillation.');
    // Only the appended text was wrapped for this frame.
    expect(append.mock.calls).toEqual([[' about distillation.']]);
    append.mockRestore();
    expect(ui.lastFrame()).toContain('Reasoning ▾ thinking · 9 s · 44 tok · 8.80 tok/s');
    ui.rerender(<ReasoningPane turns={[turn]} width={60} height={1} folded live now={10_000} />);
    expect(ui.lastFrame()?.trimEnd()).toBe('▸ Thinking 9 s · 44 tok · 8.80 tok/s');
  });

  it('CJK thinking stays within the width', () => {
    const thinking = '嗯，用户问的是蒸馏。让我回忆一下：教师模型生成大约八十万个样本。'.repeat(6);
    for (const width of [38, 80]) {
      const rows = frameRows(<ReasoningPane turns={[thoughtTurn({ thinking })]} width={width} height={6} folded={false} live={false} now={0} />);
      expectFits(rows, width, 6, `cjk ${width}`);
    }
  });

  it('no turns: hint', () => {
    const rows = frameRows(<ReasoningPane turns={[]} width={80} height={4} folded={false} live={false} now={0} />);
    expectFits(rows, 80, 4, 'empty');
    expect(rows[1]).toContain("The model's reasoning will show here");
  });
});

describe('LoopBanner and VerboseOverlay', () => {
  it('banner: one row with the keys at 38 and 80', () => {
    for (const width of [38, 80]) {
      const rows = frameRows(<LoopBanner evidence="Wait, maybe I made a mistake." width={width} />);
      expectFits(rows, width, 1, `banner ${width}`);
      expect(rows[0]).toContain('Esc stop');
      expect(rows[0]).toContain('Ctrl+R');
    }
  });

  it('overlay: the verbose block, or why it is missing', () => {
    for (const width of [38, 80]) {
      const rows = frameRows(<VerboseOverlay turn={thoughtTurn()} width={width} height={14} />);
      expectFits(rows, width, 14, `verbose ${width}`);
      expect(rows.join('\n')).toContain('eval rate:            49.19 tokens/s');
    }
    const missing = frameRows(<VerboseOverlay turn={makeTurn({ status: 'streaming' })} width={80} height={6} />);
    expectFits(missing, 80, 6, 'missing');
    expect(missing.join('\n')).toContain('not available: the turn has not finished');
  });
});
