import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/core/wrap.js';
import { boxRows, innerHeight, innerWidth } from '../../../src/ui/common/box.js';
import { fitRow, rowText, rowWidth, seg } from '../../../src/ui/common/row.js';

describe('fitRow', () => {
  it('pads a short row to exactly the width', () => {
    const row = fitRow([seg('RAM', 'muted'), seg(' 41.2')], 12);
    expect(rowText(row)).toBe('RAM 41.2    ');
    expect(rowWidth(row)).toBe(12);
  });

  it('cuts a long row with an ellipsis and keeps segment colours', () => {
    const row = fitRow([seg('eval ', 'muted'), seg('1.62 tok/s', 'text')], 9);
    expect(rowText(row)).toBe('eval 1.6…');
    expect(row[0]?.tone).toBe('muted');
    expect(row[1]?.tone).toBe('text');
  });

  it('marks a cut that falls exactly at a segment end', () => {
    const row = fitRow([seg('abcd'), seg('efgh')], 4);
    expect(rowText(row)).toBe('abc…');
  });

  it('cuts wide characters by display width', () => {
    const row = fitRow([seg('中文中文中文')], 7);
    expect(rowWidth(row)).toBe(7);
    expect(displayWidth(rowText(row))).toBe(7);
  });
});

describe('boxRows', () => {
  it('draws exactly height rows of exactly width columns with the title in the top border', () => {
    const rows = boxRows({ title: [seg('Performance')], width: 24, height: 5, body: [[seg('idle')]] });
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(rowWidth(r)).toBe(24);
    expect(rowText(rows[0]!)).toBe('┌ Performance ─────────┐');
    expect(rowText(rows[1]!)).toBe('│ idle                 │');
    expect(rowText(rows[2]!)).toBe('│                      │');
    expect(rowText(rows[4]!)).toBe('└──────────────────────┘');
  });

  it('cuts a title that is too long and keeps the corner', () => {
    const rows = boxRows({ title: [seg('Reasoning ▾ thinking · 38 s · 612 tok')], width: 20, height: 3, body: [] });
    expect(rowWidth(rows[0]!)).toBe(20);
    expect(rowText(rows[0]!).endsWith('─┐')).toBe(true);
  });

  it('handles tiny heights and widths', () => {
    expect(boxRows({ title: [seg('T')], width: 10, height: 1, body: [] }).map(rowText)).toEqual(['T         ']);
    const two = boxRows({ title: [seg('T')], width: 10, height: 2, body: [[seg('x')]] });
    expect(two.map(rowText)).toEqual(['┌ T ─────┐', '│ x      │']);
    expect(boxRows({ title: [seg('T')], width: 3, height: 3, body: [] }).every((r) => rowWidth(r) === 3)).toBe(true);
    expect(innerWidth(38)).toBe(34);
    expect(innerHeight(10)).toBe(8);
    expect(innerHeight(2)).toBe(1);
  });
});

describe('sameRow (panel rows re-render only when changed)', () => {
  it('compares text, tone and weight of every segment', async () => {
    const { sameRow } = await import('../../../src/ui/common/RowsView.js');
    const { seg } = await import('../../../src/ui/common/row.js');
    expect(sameRow([seg('eval', 'muted'), seg(' 1.62')], [seg('eval', 'muted'), seg(' 1.62')])).toBe(true);
    expect(sameRow([seg('eval', 'muted'), seg(' 1.62')], [seg('eval', 'muted'), seg(' 1.63')])).toBe(false);
    expect(sameRow([seg('eval', 'muted')], [seg('eval', 'accent')])).toBe(false);
    expect(sameRow([seg('eval', 'muted')], [seg('eval', 'muted', true)])).toBe(false);
    expect(sameRow([seg('a')], [seg('a'), seg('b')])).toBe(false);
  });
});
