/**
 * Test harness for the screen writer: a headless xterm fed the writer's bytes, and a reference xterm
 * that is given each frame the plain way (clear, then every row at its own absolute position), so the
 * expected cells come from the emulator itself, not from the writer's own parser.
 */
import xterm from '@xterm/headless';
import stringWidth from 'string-width';
import { ScreenWriter, type Caret } from '../../src/terminal/screen/writer.js';

const { Terminal } = xterm;
type Term = InstanceType<typeof Terminal>;

/**
 * Character widths as string-width (and Ink) count them, the way terminals with current Unicode tables
 * do (xterm.js's built-in table is Unicode 6, where most emoji are one cell).
 */
const stringWidthUnicode = {
  version: 'string-width',
  wcwidth(codepoint: number): 0 | 1 | 2 {
    return Math.min(2, stringWidth(String.fromCodePoint(codepoint))) as 0 | 1 | 2;
  },
  charProperties(codepoint: number, preceding: number): number {
    let width: number = this.wcwidth(codepoint);
    let join = width === 0 && preceding !== 0;
    if (join) {
      const previous = (preceding >> 1) & 3;
      if (previous === 0) join = false;
      else if (previous > width) width = previous;
    }
    return ((width & 3) << 1) | (join ? 1 : 0);
  },
};

export function newTerminal(columns: number, rows: number, autoWrap = false, unicode6 = false): Term {
  const term = new Terminal({ cols: columns, rows, allowProposedApi: true, scrollback: 0 });
  if (!unicode6) {
    term.unicode.register(stringWidthUnicode);
    term.unicode.activeVersion = 'string-width';
  }
  if (!autoWrap) term.write('\u001B[?7l');
  return term;
}

export function feed(term: Term, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

/** Every cell as text: character, width and all attributes. */
export function cells(term: Term): string[] {
  const buffer = term.buffer.active;
  const cell = buffer.getNullCell();
  const out: string[] = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const row: string[] = [];
    for (let x = 0; x < term.cols; x++) {
      line?.getCell(x, cell);
      const w = cell.getWidth();
      const ch = cell.getChars() || (w === 0 ? '' : ' ');
      const attrs = [
        cell.getFgColorMode(), cell.getFgColor(), cell.getBgColorMode(), cell.getBgColor(),
        cell.isBold(), cell.isDim(), cell.isItalic(), cell.isUnderline(), cell.isBlink(), cell.isInverse(),
        cell.isInvisible(), cell.isStrikethrough(), cell.isOverline(),
      ].map(Number).join('');
      row.push(`${ch}/${w}/${attrs}`);
    }
    out.push(row.join('|'));
  }
  return out;
}

export async function referenceCells(frame: string, columns: number, rows: number): Promise<string[]> {
  const term = newTerminal(columns, rows);
  const text = frame
    .split('\n')
    .slice(0, rows)
    .map((row, y) => `\u001B[${y + 1};1H\u001B[m${row}\u001B[m`)
    .join('');
  await feed(term, `\u001B[H\u001B[2J${text}`);
  const result = cells(term);
  term.dispose();
  return result;
}

export interface Replay {
  readonly writer: ScreenWriter;
  readonly term: Term;
  /** Render a frame, feed the bytes, and return them. */
  frame(frame: string, caret?: Caret): Promise<string>;
  /** Resize both the writer and the terminal. */
  resize(columns: number, rows: number): void;
  /** First row index whose cells differ from what `frame` should show, or -1. */
  mismatch(frame: string): Promise<{ row: number; got: string; want: string } | undefined>;
  dispose(): void;
}

export function replay(columns: number, rows: number, autoWrap = false): Replay {
  const writer = new ScreenWriter(columns, rows);
  const term = newTerminal(columns, rows, autoWrap);
  return {
    writer,
    term,
    async frame(frame, caret) {
      writer.setCaret(caret);
      const bytes = writer.render(frame);
      await feed(term, bytes);
      return bytes;
    },
    resize(c, r) {
      term.resize(c, r);
      writer.resize(c, r);
    },
    async mismatch(frame) {
      const want = await referenceCells(frame, term.cols, term.rows);
      const got = cells(term);
      for (let y = 0; y < want.length; y++) {
        if (got[y] !== want[y]) return { row: y, got: got[y]!, want: want[y]! };
      }
      return undefined;
    },
    dispose() {
      term.dispose();
    },
  };
}

