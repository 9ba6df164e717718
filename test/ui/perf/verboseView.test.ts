import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/core/wrap.js';
import { rowText } from '../../../src/ui/common/row.js';
import { unavailableReason, verboseRows } from '../../../src/ui/perf/verboseView.js';
import { makeTurn, thoughtTurn } from '../fixtures.js';

describe('verbose overlay rows', () => {
  it('shows the exact ollama run --verbose block', () => {
    const rows = verboseRows(thoughtTurn(), 60, 16).map((r) => rowText(r));
    expect(rows).toHaveLength(16);
    expect(rows[0]).toMatch(/^┌ Statistics \(ollama run --verbose\) · deepseek-r1:32b ─+┐$/);
    expect(rows).toContain(`│ ${'eval rate:            49.19 tokens/s'.padEnd(56)} │`);
    expect(rows).toContain(`│ ${'prompt eval rate:     291.00 tokens/s'.padEnd(56)} │`);
    expect(rows).toContain(`│ ${'total duration:       3.9124571s'.padEnd(56)} │`);
    expect(rows[14]).toContain('F2 or Esc closes');
  });

  it('says why there are no statistics', () => {
    expect(unavailableReason(makeTurn({ status: 'streaming' }))).toBe('not available: the turn has not finished');
    expect(unavailableReason(undefined)).toMatch(/^not available: /);
    expect(unavailableReason(makeTurn({ status: 'stopped' }))).toMatch(/^not available: the turn was stopped/);
    const rows = verboseRows(makeTurn({ status: 'streaming' }), 50, 6).map(rowText);
    expect(rows[1]).toContain('not available: the turn has not finished');
  });

  it('is exactly height rows of at most width columns, borderless when narrow', () => {
    for (const turn of [thoughtTurn(), makeTurn({ status: 'streaming' }), undefined]) {
      for (const [w, h] of [[38, 12], [80, 20], [30, 3], [60, 1]] as const) {
        const rows = verboseRows(turn, w, h).map(rowText);
        expect(rows).toHaveLength(h);
        for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(w);
      }
    }
    const narrow = verboseRows(thoughtTurn(), 38, 12).map(rowText);
    expect(narrow).toContain('eval rate:            49.19 tokens/s'.padEnd(38));
  });
});
