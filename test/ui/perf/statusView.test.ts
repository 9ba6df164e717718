import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/core/wrap.js';
import { statusRow, statusText } from '../../../src/ui/perf/statusView.js';
import { rowWidth } from '../../../src/ui/common/row.js';
import { doneState, fixtureStates, makeState, PS_SPLIT, streamingState } from '../fixtures.js';

const LONG = 'deepseek-r1:32b-qwen-distill-q8_0';

describe('status line', () => {
  it('shows the design line when there is room', () => {
    expect(statusText(streamingState(), 99)).toBe(
      'deepseek-r1:32b · ~1.62 tok/s · 48%/52% CPU/GPU · RAM 41/63 GiB · VRAM 7.6/8 GiB · CPU 92%',
    );
    expect(statusText(doneState(), 80)).toBe('deepseek-r1:32b · 49.19 tok/s · 48%/52% CPU/GPU · RAM 41/63 GiB · VRAM 7.6/8 GiB');
  });

  it('keeps tok/s, the PROCESSOR label and RAM at 80 columns with a long model name', () => {
    const state = doneState({
      model: { current: LONG, installed: [], think: true },
      placement: { models: [{ ...PS_SPLIT, name: LONG, model: LONG }], fetchedAt: 1 },
    });
    const text = statusText(state, 80);
    expect(displayWidth(text)).toBeLessThanOrEqual(80);
    expect(text).toContain('49.19 tok/s');
    expect(text).toContain('48%/52% CPU/GPU');
    expect(text).toContain('RAM 41/63 GiB');
    expect(text.startsWith('deepseek-r1:32b-qwen')).toBe(true);
  });

  it('drops parts by importance on narrow screens, keeping tok/s last', () => {
    expect(statusText(doneState(), 38)).toBe('49.19 tok/s · 48%/52% CPU/GPU');
    expect(statusText(doneState(), 14)).toBe('49.19 tok/s');
  });

  it('says not loaded, RAM … and n/a honestly', () => {
    expect(statusText(makeState({ placement: { models: [], fetchedAt: 1 }, system: null }), 80)).toBe(
      'deepseek-r1:32b · – tok/s · not loaded · RAM …',
    );
    const remote = fixtureStates().find(([n]) => n === 'remote host')![1];
    expect(statusText(remote, 80)).toContain('RAM n/a (remote)');
    expect(statusText(remote, 80)).not.toContain('VRAM');
  });

  it('is one row of exactly the width for every fixture', () => {
    for (const [name, state] of fixtureStates()) {
      for (const w of [20, 38, 80, 99]) expect(rowWidth(statusRow(state, w)), `${name} ${w}`).toBe(w);
    }
  });
});
