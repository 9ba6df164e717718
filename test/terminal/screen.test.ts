/**
 * The screen writer, replayed into a headless xterm: after every frame the terminal's cells (characters,
 * widths, attributes) equal those of the frame drawn the plain way; single changes cost few bytes;
 * nothing is written when nothing changed; scrolling uses DECSTBM + SU/SD.
 */
import { describe, expect, it } from 'vitest';
import { SYNC_BEGIN, SYNC_END } from '../../src/terminal/screen/writer.js';
import { replay } from './screenHarness.js';

const SYNC = SYNC_BEGIN.length + SYNC_END.length;
const red = (s: string) => `\u001B[31m${s}\u001B[39m`;
const bold = (s: string) => `\u001B[1m${s}\u001B[22m`;

function lines(n: number, f: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => f(i)).join('\n');
}

describe('screen writer', () => {
  it('the first frame paints, an unchanged frame writes nothing, a one-cell change writes a few bytes', async () => {
    const r = replay(120, 40);
    const base = lines(39, (i) => `row ${i} ${'text '.repeat(20)}${red('tail')}`);
    const first = await r.frame(base);
    expect(first.startsWith(SYNC_BEGIN) && first.endsWith(SYNC_END)).toBe(true);
    expect(await r.mismatch(base)).toBeUndefined();
    expect(await r.frame(base)).toBe('');
    const changed = base.replace('row 17 text', 'row 17 tExt');
    const bytes = await r.frame(changed);
    expect(bytes.length).toBeLessThanOrEqual(20 + SYNC);
    expect(await r.mismatch(changed)).toBeUndefined();
    // a styled cell far from the cursor
    const styled = changed.replace(`row 30 ${'text '.repeat(20)}${red('tail')}`, `row 30 ${'text '.repeat(20)}${red('tall')}`);
    const bytes2 = await r.frame(styled);
    expect(bytes2.length).toBeLessThanOrEqual(20 + SYNC);
    expect(await r.mismatch(styled)).toBeUndefined();
    r.dispose();
  });

  it('only the attributes that differ are sent', async () => {
    const r = replay(40, 5);
    await r.frame(`${bold(red('abc'))} def`);
    const bytes = await r.frame(`${bold(red('abc'))}\u001B[1mx\u001B[22mdef`);
    // from the plain space to bold: one parameter; then back to plain for 'def' is unchanged text
    expect(bytes).toContain('\u001B[1mx');
    expect(bytes).not.toContain('31');
    expect(await r.mismatch(`${bold(red('abc'))}\u001B[1mx\u001B[22mdef`)).toBeUndefined();
    r.dispose();
  });

  it('the caret is placed and shown; hiding it and moving it alone write only that', async () => {
    const r = replay(40, 10);
    const frame = lines(9, (i) => `line ${i}`);
    await r.frame(frame, { x: 3, y: 8 });
    expect(r.term.buffer.active.cursorX).toBe(3);
    expect(r.term.buffer.active.cursorY).toBe(8);
    expect(await r.frame(frame, { x: 3, y: 8 })).toBe('');
    const moved = await r.frame(frame, { x: 4, y: 8 });
    expect(moved).toBe(`${SYNC_BEGIN}\u001B[C${SYNC_END}`);
    const hidden = await r.frame(frame, undefined);
    expect(hidden).toBe(`${SYNC_BEGIN}\u001B[?25l${SYNC_END}`);
    r.dispose();
  });

  it('a small frame far from the caret returns to it with DECSC/DECRC (4 bytes, not a 7-byte move); SGR state stays right', async () => {
    const r = replay(120, 40);
    const base = lines(39, (i) => `row ${i} ${'text '.repeat(10)}`);
    const caret = { x: 3, y: 36 };
    await r.frame(base, caret);
    // a styled word on row 25 (the reasoning pane of a slow stream), the caret at row 37 column 4
    const next = base.replace('row 25 text', `row 25 ${red('word')}`);
    const bytes = await r.frame(next, caret);
    expect(bytes.startsWith(`${SYNC_BEGIN}\u001B7`)).toBe(true);
    expect(bytes.endsWith(`\u001B8${SYNC_END}`)).toBe(true);
    expect(bytes).not.toContain('\u001B[37;4H');
    expect(await r.mismatch(next)).toBeUndefined();
    expect([r.term.buffer.active.cursorX, r.term.buffer.active.cursorY]).toEqual([3, 36]);
    // the red ended inside the frame; DECRC restores the plain attributes saved at the caret: the next
    // frame's plain text must come out plain, and red text red
    const after = next.replace('row 26 text', 'row 26 TEXT').replace('row 27 text', `row 27 ${red('tExt')}`);
    await r.frame(after, caret);
    expect(await r.mismatch(after)).toBeUndefined();
    expect([r.term.buffer.active.cursorX, r.term.buffer.active.cursorY]).toEqual([3, 36]);
    // a change next to the caret still moves there directly (shorter than 4 bytes)
    const near = after.replace('row 36 text', 'row 36 teXt');
    const nearBytes = await r.frame(near, caret);
    expect(nearBytes).not.toContain('\u001B7');
    expect(await r.mismatch(near)).toBeUndefined();
    // the caret moving elsewhere is an ordinary move
    const moved = await r.frame(near.replace('row 20 text', 'row 20 next'), { x: 5, y: 36 });
    expect(moved).not.toContain('\u001B8');
    expect([r.term.buffer.active.cursorX, r.term.buffer.active.cursorY]).toEqual([5, 36]);
    r.dispose();
  });

  it('wide characters: never split, both cells overwritten, narrow over wide and wide over narrow', async () => {
    const r = replay(20, 4);
    const frames = [
      '中文字符测试abc\n😀🤖 emoji\nplain text here',
      '中a字符测试abc\n😀x emoji\nplain 中文 here',
      'a中文符测试abc\n 🤖🤖emoji\nplain 中文 here',
      'ab文符测试abc\n🤖🤖🤖emoji\n中文中文中文中文中文',
    ];
    for (const f of frames) {
      await r.frame(f);
      expect(await r.mismatch(f), f).toBeUndefined();
    }
    r.dispose();
  });

  it.each([false, true])('the last column (auto-wrap %s): writing it moves the cursor absolutely next', async (autoWrap) => {
    const r = replay(10, 4, autoWrap);
    const frames = ['abcdefghij\n0123456789\nxy', 'abcdefghiJ\n012345678X\nxY', 'abcdefgh中\n0123456789\nxY', 'abcdefgh\n012345678Z\nxYz'];
    for (const f of frames) {
      await r.frame(f, { x: 2, y: 3 });
      expect(await r.mismatch(f), f).toBeUndefined();
    }
    // the bottom-right cell with auto-wrap on must not scroll the screen
    const corner = 'abcdefghij\n0123456789\nxy\n987654321Q';
    await r.frame(corner);
    expect(await r.mismatch(corner)).toBeUndefined();
    r.dispose();
  });

  it('a pane that spans the full width scrolls with DECSTBM and SU, then only the new row is written', async () => {
    const r = replay(80, 24);
    const text = (n: number) => `line ${n} ${'of the answer that scrolls '.repeat(2)}`;
    const frame = (top: number) => ['header row', ...Array.from({ length: 20 }, (_, i) => text(top + i)), 'status', '> input'].join('\n');
    await r.frame(frame(0));
    for (let top = 1; top <= 5; top++) {
      const bytes = await r.frame(frame(top));
      expect(bytes).toContain('\u001B[2;21r');
      expect(bytes).toContain('\u001B[S');
      expect(bytes.length).toBeLessThan(text(top + 19).length + 60);
      expect(await r.mismatch(frame(top))).toBeUndefined();
    }
    // by three rows at once, and back down (scrolling up through history)
    for (const top of [8, 4]) {
      const bytes = await r.frame(frame(top));
      expect(bytes).toMatch(top === 8 ? /\u001B\[3S/ : /\u001B\[4T/);
      expect(await r.mismatch(frame(top))).toBeUndefined();
    }
    r.dispose();
  });

  it('an overlay opening and closing over existing text restores every cell', async () => {
    const r = replay(60, 20);
    const under = lines(20, (i) => `${red('you')} some text on row ${i} 中文 ${bold('bold')} 😀 end`);
    const box = (i: number, row: string) => {
      if (i < 5 || i > 12) return row;
      const plain = `\u001B[44m${i === 5 || i === 12 ? '─'.repeat(30) : ` overlay row ${i}`.padEnd(30)}\u001B[49m`;
      return `${row.slice(0, 0)}${'          '}${plain}`;
    };
    const over = under.split('\n').map((row, i) => box(i, row)).join('\n');
    for (const f of [under, over, under, over, under]) {
      await r.frame(f);
      expect(await r.mismatch(f)).toBeUndefined();
    }
    r.dispose();
  });

  it('a resize repaints the whole screen at the new size', async () => {
    const r = replay(60, 20);
    const f = (w: number, h: number) => lines(h - 1, (i) => `${w}x${h} row ${i} ${'·'.repeat(Math.max(0, w - 20))}|`);
    await r.frame(f(60, 20));
    for (const [w, h] of [[80, 24], [40, 12], [120, 40]] as const) {
      r.resize(w, h);
      const bytes = await r.frame(f(w, h));
      expect(bytes).toContain('\u001B[2J');
      expect(await r.mismatch(f(w, h))).toBeUndefined();
    }
    r.dispose();
  });
});

describe('screen writer on a fresh alternate screen', () => {
  it('the first frame writes its cells with no clear, and the screen is right', async () => {
    const { ScreenWriter } = await import('../../src/terminal/screen/writer.js');
    const { newTerminal, feed, cells, referenceCells } = await import('./screenHarness.js');
    const writer = new ScreenWriter(40, 8, { blank: true });
    const term = newTerminal(40, 8);
    const frame = `\u001B[1mtitle\u001B[22m\n\n  indented ${red('red')}`;
    const bytes = writer.render(frame);
    expect(bytes).not.toContain('\u001B[2J');
    await feed(term, bytes);
    expect(cells(term)).toEqual(await referenceCells(frame, 40, 8));
    term.dispose();
  });
});
