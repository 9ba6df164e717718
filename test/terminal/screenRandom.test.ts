/**
 * Seeded random frames through the screen writer into a headless xterm: after every frame every cell
 * (character, width, attributes) equals the frame drawn the plain way. Frames change the way the app's
 * do: edits of a few cells, full-width panes scrolling up and down, overlays opening and closing over
 * existing text, resizes; text mixes ASCII, CJK and emoji; styles come from every shipped theme's
 * colours (16, 256 and truecolor) and from NO_COLOR (attributes only). Wrapped at the last column with
 * auto-wrap on and off.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../fuzz/keySequences.js';
import { replay } from './screenHarness.js';

type Rand = () => number;
interface Cell {
  ch: string;
  w: number;
  s: number;
}

const FLAGS = ['1', '2', '3', '4', '7', '9'];
const OFF: Record<string, string> = { '1': '22', '2': '22', '3': '23', '4': '24', '7': '27', '9': '29' };
const NAMED: Record<string, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90, grey: 90 };

function colourCode(spec: string): string | undefined {
  const a256 = /^ansi256\((\d+)\)$/.exec(spec);
  if (a256) return `38;5;${a256[1]}`;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(spec);
  if (hex) return `38;2;${parseInt(hex[1]!, 16)};${parseInt(hex[2]!, 16)};${parseInt(hex[3]!, 16)}`;
  const named = NAMED[spec.replace(/Bright$/, '')];
  if (named !== undefined) return String(spec.endsWith('Bright') ? named + 60 : named);
  return undefined;
}

/** Style palettes: one per shipped theme (its colours as fg and bg) and NO_COLOR (attributes only). */
function palettes(): Array<[string, string[][]]> {
  const dir = new URL('../../themes/', import.meta.url);
  const out: Array<[string, string[][]]> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const theme = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { colors: Record<string, string> };
    const fgs = Object.values(theme.colors).map(colourCode).filter((c): c is string => c !== undefined);
    const styles: string[][] = [[]];
    fgs.forEach((fg, i) => {
      styles.push([fg]);
      styles.push([FLAGS[i % FLAGS.length]!, fg]);
      styles.push([fg.replace(/^3/, '4').replace(/^9/, '10')]);
    });
    out.push([file, styles]);
  }
  out.push(['NO_COLOR', [[], ['1'], ['2'], ['7'], ['4'], ['1', '4'], ['3']]]);
  return out;
}

const WORDS = ['the', 'answer', 'token', 'layers', 'GPU', '中文', '回答', '😀', '🤖', 'tok/s', '│', '─', '█▇▅', 'Thought', 'x'];

function randomText(rand: Rand, width: number): string {
  let t = '';
  while (t.length < width) t += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  return t;
}

function cellsOf(text: string, s: number, width: number): Cell[] {
  const out: Cell[] = [];
  for (const ch of text) {
    const w = /[\u4e00-\u9fff]|\p{Extended_Pictographic}/u.test(ch) ? 2 : 1;
    if (out.length + w > width) break;
    out.push({ ch, w, s });
    if (w === 2) out.push({ ch: '', w: 0, s });
  }
  while (out.length < width) out.push({ ch: ' ', w: 1, s: 0 });
  return out;
}

function randomRow(rand: Rand, width: number, styles: number): Cell[] {
  const row: Cell[] = [];
  while (row.length < width) {
    const len = 1 + Math.floor(rand() * 20);
    const s = rand() < 0.4 ? 0 : Math.floor(rand() * styles);
    row.push(...cellsOf(randomText(rand, len), s, Math.min(len, width - row.length)));
  }
  // many rows end early, as chat rows do
  const end = rand() < 0.5 ? Math.floor(rand() * width) : width;
  for (let x = end; x < width; x++) row[x] = { ch: ' ', w: 1, s: 0 };
  // never leave half a wide character
  for (let x = 0; x < width; x++) if (row[x]!.w === 2 && row[x + 1]?.w !== 0) row[x] = { ch: ' ', w: 1, s: row[x]!.s };
  for (let x = 0; x < width; x++) if (row[x]!.w === 0 && row[x - 1]?.w !== 2) row[x] = { ch: ' ', w: 1, s: row[x]!.s };
  return row;
}

/** A row as Ink writes it: SGR runs (closing codes or a full reset), trailing plain blanks trimmed. */
function serialize(row: Cell[], styles: string[][], rand: Rand): string {
  let end = row.length;
  while (end > 0 && row[end - 1]!.ch === ' ' && row[end - 1]!.s === 0) end--;
  let out = '';
  let x = 0;
  while (x < end) {
    const s = row[x]!.s;
    let text = '';
    while (x < end && row[x]!.s === s) {
      text += row[x]!.ch;
      x++;
    }
    const codes = styles[s] ?? [];
    if (codes.length === 0) {
      out += text;
      continue;
    }
    const close = rand() < 0.5 ? '0' : codes.map((c) => OFF[c] ?? (c.startsWith('4') || c.startsWith('10') ? '49' : '39')).join(';');
    out += `\u001B[${codes.join(';')}m${text}\u001B[${close}m`;
  }
  return out;
}

function run(seed: number, styles: string[][], autoWrap: boolean, steps: number) {
  return async () => {
    const rand = mulberry32(seed);
    let cols = 40 + Math.floor(rand() * 60);
    let rows = 10 + Math.floor(rand() * 20);
    const r = replay(cols, rows, autoWrap);
    let grid = Array.from({ length: rows }, () => randomRow(rand, cols, styles.length));
    let overlay: { grid: Cell[][] } | undefined;
    let prevFrame = '';
    let scrolls = 0;
    for (let step = 0; step < steps; step++) {
      const p = rand();
      if (p < 0.3) {
        // a few cells change
        for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
          const y = Math.floor(rand() * rows);
          const x = Math.floor(rand() * (cols - 4));
          const patch = cellsOf(randomText(rand, 4), Math.floor(rand() * styles.length), 4);
          if (patch.at(-1)!.w === 2) patch[patch.length - 1] = { ch: '.', w: 1, s: 0 };
          const row = grid[y]!;
          if (row[x]!.w === 0) row[x - 1] = { ch: ' ', w: 1, s: 0 };
          if (row[x + 4]?.w === 0) row[x + 4] = { ch: ' ', w: 1, s: 0 };
          row.splice(x, 4, ...patch);
        }
      } else if (p < 0.65) {
        // a full-width pane scrolls by k rows, up or down
        const top = Math.floor(rand() * (rows / 3));
        const bottom = rows - 1 - Math.floor(rand() * (rows / 3));
        const k = 1 + Math.floor(rand() * 3);
        const pane = grid.slice(top, bottom + 1);
        const fresh = Array.from({ length: k }, () => randomRow(rand, cols, styles.length));
        const moved = rand() < 0.75 ? [...pane.slice(k), ...fresh] : [...fresh, ...pane.slice(0, pane.length - k)];
        grid.splice(top, pane.length, ...moved.slice(0, pane.length));
      } else if (p < 0.8) {
        // an overlay opens (a box over the middle) or closes
        if (overlay) {
          grid = overlay.grid;
          overlay = undefined;
        } else {
          overlay = { grid: grid.map((row) => row.map((c) => ({ ...c }))) };
          const bs = Math.floor(rand() * styles.length);
          for (let y = 2; y < rows - 2; y++) {
            const row = grid[y]!;
            const inner = cellsOf(` overlay ${y} ${randomText(rand, 10)}`, bs, cols - 10);
            // a wide character cut by the box's edges leaves a blank
            if (row[5]!.w === 0) row[4] = { ch: ' ', w: 1, s: 0 };
            if (row[cols - 5]!.w === 0) row[cols - 5] = { ch: ' ', w: 1, s: 0 };
            row.splice(5, cols - 10, ...inner);
          }
        }
      } else if (p < 0.85) {
        cols = 30 + Math.floor(rand() * 90);
        rows = 8 + Math.floor(rand() * 30);
        r.resize(cols, rows);
        grid = Array.from({ length: rows }, () => randomRow(rand, cols, styles.length));
        overlay = undefined;
      } else {
        const y = Math.floor(rand() * rows);
        grid[y] = randomRow(rand, cols, styles.length);
      }
      const frame = grid.map((row) => serialize(row, styles, rand)).join('\n');
      const caret = rand() < 0.7 ? { x: Math.floor(rand() * cols), y: rows - 1 } : undefined;
      const lastBytes = await r.frame(frame, caret);
      const bad = await r.mismatch(frame);
      if (bad && process.env.SCREEN_DEBUG) {
        console.log(JSON.stringify({ seed, step, p, cols, rows, row: bad.row, prev: prevFrame.split('\n')[bad.row], text: frame.split('\n')[bad.row], bytes: lastBytes }));
      }
      expect(bad, `seed ${seed} step ${step}`).toBeUndefined();
      prevFrame = frame;
      if (/\u001B\[\d*[ST]/.test(lastBytes)) scrolls++;
      if (caret) expect([r.term.buffer.active.cursorX, r.term.buffer.active.cursorY]).toEqual([caret.x, caret.y]);
    }
    // the scrolling steps were sent as terminal scrolls, not repaints
    expect(scrolls).toBeGreaterThan(steps / 10);
    r.dispose();
  };
}

describe('screen writer: random frames', () => {
  const all = palettes();
  it('covers every shipped theme and NO_COLOR', () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
  });
  for (const [index, [name, styles]] of all.entries()) {
    it(`${name}: 120 frames, auto-wrap off`, run(1000 + index, styles, false, 120), 60_000);
    it(`${name}: 60 frames, auto-wrap on`, run(2000 + index, styles, true, 60), 60_000);
  }
});
