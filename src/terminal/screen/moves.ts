/**
 * The shortest cursor movement from one cell to another (0-based row/column), or an absolute move when
 * the cursor's position is not known. Candidates: CUP (`CSI r;c H`), CR, CUF/CUB (`CSI n C`/`D`),
 * CHA (`CSI n G`), CUU/CUD (`CSI n A`/`B`), CNL/CPL (`CSI n E`/`F`, to column 0).
 * Line feeds are never used: at the bottom of a scroll region they scroll.
 */
const CSI = '\u001B[';

const n = (count: number): string => (count === 1 ? '' : String(count));

export function absoluteMove(row: number, col: number): string {
  if (col === 0) return row === 0 ? `${CSI}H` : `${CSI}${row + 1}H`;
  return `${CSI}${row + 1};${col + 1}H`;
}

function columnMove(from: number, to: number): string {
  if (from === to) return '';
  if (to === 0) return '\r';
  const rel = to > from ? `${CSI}${n(to - from)}C` : `${CSI}${n(from - to)}D`;
  const abs = `${CSI}${to + 1}G`;
  return rel.length <= abs.length ? rel : abs;
}

/** `from` undefined: the position is unknown (start, after the last column, after a scroll). */
export function cursorMove(from: { row: number; col: number } | undefined, row: number, col: number): string {
  const abs = absoluteMove(row, col);
  if (!from) return abs;
  if (from.row === row) {
    const move = columnMove(from.col, col);
    return move.length <= abs.length ? move : abs;
  }
  const dy = row - from.row;
  const vertical = dy > 0 ? `${CSI}${n(dy)}B` : `${CSI}${n(-dy)}A`;
  let best = vertical + columnMove(from.col, col);
  if (col === 0 || col < from.col) {
    const line = dy > 0 ? `${CSI}${n(dy)}E` : `${CSI}${n(-dy)}F`;
    const viaLine = line + columnMove(0, col);
    if (viaLine.length < best.length) best = viaLine;
  }
  return best.length <= abs.length ? best : abs;
}
