import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/core/wrap.js';
import { ReasoningWrapCache } from '../../../src/ui/reasoning/reasoningLines.js';
import { type ReasoningViewInput, fitParts, reasoningRows } from '../../../src/ui/reasoning/reasoningView.js';
import { rowText } from '../../../src/ui/common/row.js';
import { makeTurn, thoughtTurn } from '../fixtures.js';

function view(over: Partial<ReasoningViewInput>): string[] {
  return reasoningRows({
    turns: [],
    width: 40,
    height: 6,
    folded: false,
    live: false,
    now: 0,
    cache: new ReasoningWrapCache(),
    ...over,
  }).map(rowText);
}

const numbered = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');

describe('reasoning pane rows', () => {
  it('folds to one Thought row', () => {
    expect(view({ turns: [thoughtTurn()], folded: true, height: 1 })).toEqual([
      '▸ Thought 41 s · 1,830 tok · 44.6 tok/s'.padEnd(40),
    ]);
  });

  it('folds to a Thinking row while the model still thinks', () => {
    const turn = makeTurn({ status: 'streaming', thinking: 'Okay', firstThinkingAt: 2_000, lastThinkingAt: 14_000, thinkingTokens: 301 });
    expect(view({ turns: [turn], folded: true, height: 1, now: 14_000, live: true })[0]?.trimEnd()).toBe(
      '▸ Thinking 12 s · 301 tok · 25.1 tok/s',
    );
  });

  it('says when a turn has no reasoning, and hints when there are no turns', () => {
    expect(view({ turns: [makeTurn({ answer: 'Hi' })], folded: true, height: 1 })[0]?.trimEnd()).toBe(
      '▸ No reasoning for this turn',
    );
    const empty = view({ turns: [] });
    expect(empty[0]).toMatch(/^┌ Reasoning ▾ ─+┐$/);
    expect(empty[1]).toContain("The model's reasoning will show here");
    expect(empty.slice(1, 4).join(' ')).toContain('Ctrl+T folds');
    for (const r of empty) expect(displayWidth(r)).toBe(40);
  });

  it('opens as a box titled with the stats and follows the tail of the text', () => {
    const turn = thoughtTurn({ thinking: numbered });
    const rows = view({ turns: [turn], height: 6 });
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(/^┌ Reasoning ▾ thought · 41 s ─+┐$/);
    expect(view({ turns: [turn], width: 60 })[0]).toMatch(/^┌ Reasoning ▾ thought · 41 s · 1,830 tok · 44.6 tok\/s ─+┐$/);
    expect(rows.slice(1, 5).map((r) => r.slice(2).trimEnd().replace(/ *│$/, ''))).toEqual([
      'line 27',
      'line 28',
      'line 29',
      'line 30',
    ]);
    expect(rows[5]).toMatch(/^└─+┘$/);
  });

  it('keeps following the tail as a streaming turn grows', () => {
    const cache = new ReasoningWrapCache();
    const turn = makeTurn({ status: 'streaming', thinking: numbered, firstThinkingAt: 0, lastThinkingAt: 1, thinkingTokens: 30 });
    const first = reasoningRows({ turns: [turn], width: 40, height: 4, folded: false, live: true, now: 5_000, cache }).map(rowText);
    expect(first[2]).toContain('line 30');
    turn.thinking += '\nline 31';
    turn.rev++;
    const next = reasoningRows({ turns: [turn], width: 40, height: 4, folded: false, live: true, now: 5_100, cache }).map(rowText);
    expect(next[1]).toContain('line 30');
    expect(next[2]).toContain('line 31');
    expect(cache.work.rebuilds).toBe(1);
  });

  it('shows the selected earlier turn instead of the last', () => {
    const a = thoughtTurn({ id: 7, thinking: 'first turn thoughts' });
    const b = thoughtTurn({ id: 8, thinking: 'second turn thoughts' });
    const rows = view({ turns: [a, b], selectedTurnId: 7 });
    expect(rows[0]).toContain('turn 1');
    expect(rows[1]).toContain('first turn thoughts');
    expect(view({ turns: [a, b] })[1]).toContain('second turn thoughts');
  });

  it('wraps Chinese thinking inside the width', () => {
    const thinking = '嗯，用户问的是蒸馏。让我回忆一下：教师模型生成大约八十万个样本，然后学生模型在这些样本上微调。'.repeat(3);
    for (const width of [38, 80, 21]) {
      const rows = view({ turns: [thoughtTurn({ thinking })], width, height: 8 });
      expect(rows).toHaveLength(8);
      for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(width);
      expect(rows.filter((r) => /[\u4e00-\u9fff]/.test(r)).length).toBeGreaterThan(2);
      const textRows = rows.filter((r) => /[\u4e00-\u9fff]/.test(r));
      expect(textRows[textRows.length - 1]).toMatch(/调。 *│$/);
    }
  });

  it('is exactly height rows of at most width columns in every mode', () => {
    const turns = [thoughtTurn({ thinking: numbered })];
    for (const folded of [true, false]) {
      for (const [w, h] of [[38, 1], [38, 2], [38, 3], [80, 12], [80, 1], [10, 4]] as const) {
        const rows = view({ turns, width: w, height: h, folded });
        expect(rows).toHaveLength(h);
        for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(w);
      }
    }
  });

  it('scrolls back from the tail and says how many rows are below', () => {
    const turn = thoughtTurn({ thinking: numbered });
    const rows = view({ turns: [turn], height: 6, scrollBack: 10 });
    expect(rows.slice(1, 5).map((r) => r.slice(2).trimEnd().replace(/ *│$/, ''))).toEqual([
      'line 17',
      'line 18',
      'line 19',
      'line 20',
    ]);
    expect(rows[5]).toMatch(/^└ ↓ 10 more rows ─+┘$/);
    expect(displayWidth(rows[5]!)).toBe(40);
    // Clamped at the top of the text.
    const top = view({ turns: [turn], height: 6, scrollBack: 999 });
    expect(top[1]).toContain('line 1 ');
    expect(top[5]).toContain('↓ 26 more rows');
  });
});

describe('fitParts', () => {
  // the joined string measured as a whole (the former implementation): the sum of the parts must agree
  const joined = (parts: string[], width: number) => {
    let out = parts[0] ?? '';
    for (const p of parts.slice(1)) {
      const next = `${out} · ${p}`;
      if (displayWidth(next) > width) break;
      out = next;
    }
    return out;
  };
  const cases: string[][] = [
    ['Reasoning', 'think on', '12 s', '1,830 tok', '44.6 tok/s'],
    ['Thought 3 s', 'turn 2', '思考 12 tok', '2.2 tok/s'],
    ['Reasoning 🤔', 'think high', '1 s'],
    ['only'],
    [],
  ];
  it.each(cases.flatMap((parts) => [0, 5, 12, 20, 31, 45, 80].map((w) => [parts, w] as const)))('%j in %i columns', (parts, width) => {
    const got = fitParts(parts, width);
    expect(got).toBe(joined([...parts], width));
    if (parts.length > 1 && got !== parts[0]) expect(displayWidth(got)).toBeLessThanOrEqual(width);
  });
});
