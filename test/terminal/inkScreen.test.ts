/**
 * InkScreen, the stream Ink renders into: frames are paced to one per frame interval (the latest wins),
 * a frame after a keystroke goes out at once, a resize repaints at the new size and tells Ink, nothing is
 * written for an unchanged frame or after dispose(), and the caret rides with the frame.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InkScreen } from '../../src/terminal/screen/inkScreen.js';
import { SYNC_BEGIN, SYNC_END } from '../../src/terminal/screen/writer.js';
import { cells, feed, newTerminal, referenceCells } from './screenHarness.js';

class FakeTerminal extends EventEmitter {
  columns = 40;
  rows = 10;
  writes: string[] = [];
  write(data: string): boolean {
    this.writes.push(data);
    return true;
  }
}

afterEach(() => vi.useRealTimers());

describe('InkScreen', () => {
  it('writes nothing while held (suspended) and paints the latest frame whole on repaint', () => {
    vi.useFakeTimers();
    let now = 0;
    const out = new FakeTerminal();
    const screen = new InkScreen(out, { frameMs: 100, now: () => now });
    screen.write('frame 1');
    expect(out.writes).toHaveLength(1);
    screen.hold();
    now = 500;
    screen.write('frame 2');
    vi.advanceTimersByTime(1000);
    expect(out.writes).toHaveLength(1);
    screen.repaint();
    expect(out.writes).toHaveLength(2);
    expect(out.writes[1]).toContain('frame 2');
  });

  it('paces frames: the first at once, the rest at most one per interval with the latest frame', () => {
    vi.useFakeTimers();
    let now = 0;
    const out = new FakeTerminal();
    const screen = new InkScreen(out, { frameMs: 100, now: () => now });
    screen.write('frame 1');
    expect(out.writes).toHaveLength(1);
    now = 10;
    screen.write('frame 2');
    screen.write('frame 3');
    expect(out.writes).toHaveLength(1);
    now = 100;
    vi.advanceTimersByTime(90);
    expect(out.writes).toHaveLength(2);
    const body = out.writes[1]!.replace(SYNC_BEGIN, '').replace(SYNC_END, '');
    expect(body).toContain('3');
    expect(body).not.toContain('2');
    // the same frame again: nothing
    now = 300;
    screen.write('frame 3');
    expect(out.writes).toHaveLength(2);
    screen.dispose();
  });

  it('a frame that follows a keystroke is drawn at once', () => {
    vi.useFakeTimers();
    let now = 0;
    let key = false;
    const out = new FakeTerminal();
    const screen = new InkScreen(out, { frameMs: 100, now: () => now, urgent: () => key });
    screen.write('frame 1');
    now = 5;
    key = true;
    screen.write('frame 1 and a key');
    expect(out.writes).toHaveLength(2);
    screen.dispose();
  });

  it('resize: repaints at the new size and emits resize (Ink and the app listen on this stream)', async () => {
    const out = new FakeTerminal();
    const screen = new InkScreen(out, { frameMs: 0 });
    const term = newTerminal(40, 10);
    screen.write('hello\nworld');
    await feed(term, out.writes.join(''));
    let resized = 0;
    screen.on('resize', () => {
      resized++;
      // Ink renders synchronously inside its resize listener
      screen.write('hello at 60\nworld');
    });
    out.columns = 60;
    out.rows = 12;
    term.resize(60, 12);
    out.emit('resize');
    expect(resized).toBe(1);
    expect([screen.columns, screen.rows]).toEqual([60, 12]);
    await feed(term, out.writes.slice(1).join(''));
    expect(cells(term)).toEqual(await referenceCells('hello at 60\nworld', 60, 12));
    screen.dispose();
  });

  it('the caret set before a frame is placed with it; nothing is written after dispose', async () => {
    const out = new FakeTerminal();
    const screen = new InkScreen(out, { frameMs: 100 });
    screen.setCaret({ x: 2, y: 3 });
    screen.write('a\nb\nc\n> x');
    const term = newTerminal(40, 10);
    await feed(term, out.writes[0]!);
    expect([term.buffer.active.cursorX, term.buffer.active.cursorY]).toEqual([2, 3]);
    expect(out.writes[0]).toContain('\u001B[?25h');
    vi.useFakeTimers();
    screen.write('a\nb\nc\n> xy');
    screen.dispose();
    vi.advanceTimersByTime(500);
    screen.write('later');
    screen.repaint();
    expect(out.writes).toHaveLength(1);
  });
});
