/**
 * Jump scrolling of the chat beside the performance panel (120x40): while an answer streams, the pane is
 * repainted once per jump (half its text rows), not once per new row; the newest row is always shown;
 * full width (80 columns, or F5) it still moves one row per row (the screen writer scrolls it in hardware).
 */
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatDocument } from '../../../src/ui/chat/chatLines.js';
import { ChatScroller } from '../../../src/ui/chat/chatViewport.js';
import { chatJumpRows } from '../../../src/ui/chat/ChatPane.js';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { connectedState, renderApp, ticks } from '../helpers.js';
import { longHistory, makeTurn } from '../turns.js';
import { replay } from '../../terminal/screenHarness.js';

afterEach(() => cleanup());

describe('ChatScroller jump scrolling (pure)', () => {
  it('N streamed rows cause at most ceil(N / jump) + 1 new tops, and the newest row is always in view', () => {
    const doc = new ChatDocument();
    doc.setWidth(40);
    const turns = longHistory(5);
    const live = makeTurn(6, { status: 'streaming', answer: '' });
    turns.push(live);
    const scroller = new ChatScroller(doc);
    const height = 20;
    const jump = chatJumpRows(height);
    expect(jump).toBe(10);
    const tops = new Set<string>();
    let rowsStreamed = 0;
    let lastRows = doc.block(turns, 5).length;
    for (let k = 0; k < 600; k++) {
      live.answer += `w${k} `;
      live.rev++;
      const v = scroller.view(turns, height, undefined, jump);
      const block = doc.block(turns, 5);
      rowsStreamed += Math.max(0, block.length - lastRows);
      lastRows = block.length;
      tops.add(`${v.top.turnIndex}:${v.top.row}`);
      expect(v.rows.length).toBeLessThanOrEqual(height);
      expect(v.rows.at(-1)).toEqual(block.at(-1)); // the newest row is the last one shown
      expect(v.atBottom).toBe(true);
    }
    expect(rowsStreamed).toBeGreaterThan(60);
    expect(tops.size).toBeLessThanOrEqual(Math.ceil(rowsStreamed / jump) + 1);
    // without jump every new row is a new top
    const plain = new ChatScroller(doc);
    const plainTops = new Set<string>();
    for (let k = 0; k < 100; k++) {
      live.answer += `x${k} `;
      live.rev++;
      const v = plain.view(turns, height);
      plainTops.add(`${v.top.turnIndex}:${v.top.row}`);
    }
    expect(plainTops.size).toBeGreaterThan(5);
  });

  it('PgUp from a jumped window pages from what is shown; End follows again; the start of a short chat stays at the top', () => {
    const doc = new ChatDocument();
    doc.setWidth(40);
    const turns = longHistory(1);
    const live = makeTurn(2, { status: 'streaming', answer: '' });
    turns.push(live);
    const scroller = new ChatScroller(doc);
    const first = scroller.view(turns, 20, undefined, 10);
    expect(first.top).toEqual({ turnIndex: 0, row: 0 }); // fits: nothing hidden
    for (let k = 0; k < 300; k++) {
      live.answer += `w${k} `;
      live.rev++;
      scroller.view(turns, 20, undefined, 10);
    }
    const shown = scroller.view(turns, 20, undefined, 10);
    scroller.pageUp(turns);
    const up = scroller.view(turns, 20, undefined, 10);
    expect(up.atBottom).toBe(false);
    expect(up.rows[19]).toEqual(shown.rows[0]); // one page (height - 1 rows) above the shown top
    scroller.toBottom();
    const back = scroller.view(turns, 20, undefined, 10);
    expect(back.atBottom).toBe(true);
    expect(back.rows.at(-1)).toEqual(doc.block(turns, 1).at(-1));
  });
});

/** The chat pane's text rows of a frame (the chat is the leftmost region, between its ┌ Chat and └ rows). */
function chatRows(frame: string, width: number): string[] {
  const lines = stripAnsi(frame).split('\n').map((l) => l.slice(0, width));
  const top = lines.findIndex((l) => l.startsWith('┌ Chat'));
  const bottom = lines.findIndex((l, i) => i > top && l.startsWith('└'));
  return lines.slice(top + 1, bottom);
}

async function streamAnswer(columns: number, rows: number, tokens: number, chatWidth: number) {
  const live = makeTurn(2, { status: 'streaming', answer: '' });
  const app = renderApp(connectedState({ turns: [makeTurn(1), live], phase: 'answering' }), { columns, rows });
  const r = replay(columns, rows);
  await ticks(3);
  await r.frame(app.frame());
  let bytes = 0;
  let repaints = 0;
  let prev = chatRows(app.frame(), chatWidth);
  const textRows = prev.length;
  for (let k = 0; k < tokens; k++) {
    const word = `w${String(k).padStart(4, '0')}xxxxxx`; // 12 columns with its space: 6 a row at 74
    live.answer += `${word} `;
    live.rev++;
    app.store.touchTurns();
    app.store.flush();
    await ticks(1);
    const frame = app.frame();
    bytes += (await r.frame(frame)).length;
    const now = chatRows(frame, chatWidth);
    // the newest word is on screen
    expect(now.some((l) => new RegExp(`\\b${word}\\b`).test(l))).toBe(true);
    const changed = now.filter((l, i) => l !== prev[i]).length;
    if (changed >= textRows / 2) repaints++;
    prev = now;
  }
  expect(await r.mismatch(app.frame())).toBeUndefined();
  r.dispose();
  return { bytes, repaints, textRows, tokens };
}

describe('App at 120x40: jump scrolling beside the panel', () => {
  it('streaming 40 rows repaints the chat pane at most ceil(rows / jump) + 1 times, and costs few bytes per token', async () => {
    const tokens = 240; // 6 tokens a row at 74 text columns: 40 rows, about 33 beyond the first screen
    const res = await streamAnswer(120, 40, tokens, 82);
    const jump = chatJumpRows(res.textRows);
    expect(jump).toBeGreaterThanOrEqual(5);
    const rowsOfText = Math.ceil(tokens / 6);
    expect(res.repaints).toBeLessThanOrEqual(Math.ceil(rowsOfText / jump) + 1);
    // a one-row-per-row pane would repaint on every new row (~rowsOfText times)
    expect(res.repaints).toBeLessThan(rowsOfText / 2);
    // measured 38 bytes/token here; one row per row beside the panel costs 70
    expect(res.bytes / tokens).toBeLessThan(50);
  }, 60_000);
});

describe('App at 80x24: full width keeps one row per row', () => {
  it('the chat follows the newest row line by line (no jump: the writer scrolls a full-width pane)', async () => {
    const res = await streamAnswer(80, 24, 90, 80);
    // one row per row: once the pane is full, nearly every new row moves every row of the pane
    expect(res.repaints).toBeGreaterThan(3);
  }, 60_000);
});
