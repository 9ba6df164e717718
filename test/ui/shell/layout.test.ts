import { describe, expect, it } from 'vitest';
import {
  computeLayout,
  layoutTotal,
  MIN_CHAT_TEXT_ROWS,
  MIN_REASONING_TEXT_ROWS,
  PANEL_WIDTH,
  type LayoutInput,
} from '../../../src/ui/shell/layout.js';

const base: Omit<LayoutInput, 'columns' | 'rows'> = {
  reasoningFolded: false,
  inputRows: 1,
  hasNotice: false,
  hasBanner: false,
};

function check(input: LayoutInput) {
  const l = computeLayout(input);
  expect(l.tooSmall).toBe(false);
  expect(layoutTotal(l)).toBe(input.rows - 1);
  expect(l.height).toBe(input.rows - 1);
  expect(l.main).toBeGreaterThanOrEqual(MIN_CHAT_TEXT_ROWS + 2);
  expect(l.input).toBeGreaterThanOrEqual(3);
  expect(l.header).toBe(1);
  expect(l.footer).toBe(1);
  if (input.reasoningFolded || l.reasoningForcedFolded) expect(l.reasoning).toBe(1);
  else expect(l.reasoning).toBeGreaterThanOrEqual(MIN_REASONING_TEXT_ROWS + 2);
  return l;
}

describe('computeLayout', () => {
  it('80x24: status line instead of the panel, reasoning open', () => {
    const l = check({ ...base, columns: 80, rows: 24 });
    expect(l.statusLine).toBe(1);
    expect(l.panelWidth).toBe(0);
    expect(l.chatWidth).toBe(80);
    expect(l.reasoningForcedFolded).toBe(false);
  });

  it('120x40: side panel, reasoning about a third of the remaining space', () => {
    const l = check({ ...base, columns: 120, rows: 40 });
    expect(l.statusLine).toBe(0);
    expect(l.panelWidth).toBe(PANEL_WIDTH);
    expect(l.chatWidth).toBe(120 - PANEL_WIDTH);
    const remaining = l.main + l.reasoning;
    expect(Math.abs(l.reasoning - remaining / 3)).toBeLessThanOrEqual(1);
  });

  it('300x100 with everything on', () => {
    const l = check({ ...base, columns: 300, rows: 100, inputRows: 9, hasNotice: true, hasBanner: true });
    expect(l.inputTextRows).toBe(5);
    expect(l.notice).toBe(1);
    expect(l.banner).toBe(1);
    expect(l.inputTop).toBe(l.header + l.statusLine + l.main + l.reasoning + l.banner);
  });

  it('folded reasoning gives the chat the space', () => {
    const open = check({ ...base, columns: 120, rows: 40 });
    const folded = check({ ...base, columns: 120, rows: 40, reasoningFolded: true });
    expect(folded.reasoning).toBe(1);
    expect(folded.main).toBe(open.main + open.reasoning - 1);
  });

  it('the smallest supported size with every optional row still fits', () => {
    for (const rows of [16, 17, 18, 19, 20]) {
      for (const inputRows of [1, 3, 5]) {
        check({ ...base, columns: 60, rows, inputRows, hasNotice: true, hasBanner: true });
        check({ ...base, columns: 60, rows, inputRows, hasNotice: false, hasBanner: false, reasoningFolded: true });
      }
    }
    const l = computeLayout({ ...base, columns: 60, rows: 16, inputRows: 5, hasNotice: true, hasBanner: true });
    expect(l.reasoningForcedFolded).toBe(true);
  });

  it('below 60x16 the layout reports too small', () => {
    expect(computeLayout({ ...base, columns: 59, rows: 30 }).tooSmall).toBe(true);
    expect(computeLayout({ ...base, columns: 120, rows: 15 }).tooSmall).toBe(true);
    expect(computeLayout({ ...base, columns: 50, rows: 12 }).tooSmall).toBe(true);
  });

  it('panelHidden (F5) hides the panel and the status line: the chat gets the width and the row', () => {
    const l = check({ ...base, columns: 150, rows: 40, panelHidden: true });
    expect(l.panelWidth).toBe(0);
    expect(l.chatWidth).toBe(150);
    expect(l.statusLine).toBe(0);
    const narrow = check({ ...base, columns: 80, rows: 24, panelHidden: true });
    expect(narrow.statusLine).toBe(0);
    expect(narrow.main).toBe(check({ ...base, columns: 80, rows: 24 }).main + 1);
  });
});

describe('computeLayout with the performance band (config "layout": "band")', () => {
  it('120x40: a full-width band above a full-width chat, no side panel, no status line', () => {
    const l = check({ ...base, columns: 120, rows: 40, panelBand: true });
    expect(l.band).toBe(6);
    expect(l.panelWidth).toBe(0);
    expect(l.chatWidth).toBe(120);
    expect(l.statusLine).toBe(0);
    expect(l.inputTop).toBe(l.header + l.band + l.main + l.reasoning);
  });

  it('below 100 columns, with F5, or too short for it: no band (status line, nothing, status line)', () => {
    expect(check({ ...base, columns: 80, rows: 24, panelBand: true })).toMatchObject({ band: 0, statusLine: 1 });
    expect(check({ ...base, columns: 120, rows: 40, panelBand: true, panelHidden: true })).toMatchObject({ band: 0, statusLine: 0 });
    expect(check({ ...base, columns: 120, rows: 16, panelBand: true, inputRows: 5, hasNotice: true, hasBanner: true })).toMatchObject({ band: 0, statusLine: 1 });
  });
});
