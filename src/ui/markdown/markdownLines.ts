/**
 * Markdown answers as styled rows, built one complete line at a time, for finished and streaming
 * answers alike. Lines go through MarkdownStyler (markdownStyler.ts) once, except pipe tables, which
 * span lines: from the header and delimiter rows on, an open table is laid out from the rows received so
 * far (`pending`; column widths may grow as rows arrive) and moves to `done` when a non-table line or the
 * end arrives. `done` only grows, so a streaming answer never re-styles what it already has.
 */
import { fenceOpen } from '../../core/markdownBlocks.js';
import { delimiterRow, tableCells, type Align } from '../../core/markdownTable.js';
import { MarkdownStyler, type StyledLine, type WrapFn } from './markdownStyler.js';
import { tableCell, tableLines, type TableCell } from './markdownTableLines.js';

export { codeLabel, MarkdownStyler, stripEmphasis, type StyledLine, type StyledSpan, type WrapFn } from './markdownStyler.js';

interface OpenTable {
  /** Source lines (shown through the styler when the table cannot fit the width). */
  lines: string[];
  /** Each row's cells (plain text and inline runs), the header first. */
  cells: TableCell[][];
  aligns: Align[];
}

/** A line that starts a table when a delimiter row follows it. */
function headerCandidate(line: string): boolean {
  const cells = tableCells(line);
  return cells !== undefined && cells.length >= 2 && fenceOpen(line) === undefined;
}

export class MarkdownRenderer {
  /** Rows of finished lines and blocks; append-only. */
  readonly done: StyledLine[] = [];
  /** Work done so far: lines styled and table layouts (tests bound the work per streamed line). */
  readonly work = { lines: 0, tableLayouts: 0 };
  private readonly styler: MarkdownStyler;
  /** A line held back because the next one may make it a table header. */
  private candidate: string | undefined;
  private table: OpenTable | undefined;
  private pendingRows: StyledLine[] | undefined;

  constructor(
    private readonly width: number,
    private readonly wrap: WrapFn,
    private readonly raw = false,
  ) {
    this.styler = new MarkdownStyler(width, wrap, raw);
  }

  /** True while inside a fenced code block. */
  get inCode(): boolean {
    return this.styler.inCode;
  }

  /** True while a table (or a line that may become its header) is open: its rows are in `pending`. */
  get inTable(): boolean {
    return this.table !== undefined || this.candidate !== undefined;
  }

  /** Rows of the open table (or held header line); they may change when the next line arrives. */
  get pending(): readonly StyledLine[] {
    this.pendingRows ??= this.openRows();
    return this.pendingRows;
  }

  /** One complete line (without its newline). */
  push(line: string): void {
    this.work.lines++;
    this.pendingRows = undefined;
    if (this.table) {
      const cells = line.trim() === '' ? undefined : tableCells(line);
      if (cells) {
        this.table.lines.push(line);
        this.table.cells.push(cells.map(tableCell));
        return;
      }
      this.commitTable();
    } else if (this.candidate !== undefined) {
      const header = tableCells(this.candidate)!;
      const aligns = delimiterRow(line, header.length);
      if (aligns) {
        this.table = { lines: [this.candidate, line], cells: [header.map(tableCell)], aligns };
        this.candidate = undefined;
        return;
      }
      this.done.push(...this.styler.push(this.candidate));
      this.candidate = undefined;
    }
    if (!this.raw && !this.styler.inCode && headerCandidate(line)) {
      this.candidate = line;
      return;
    }
    this.done.push(...this.styler.push(line));
  }

  /** The text ended: an open table or held line is final. */
  end(): void {
    this.pendingRows = undefined;
    if (this.table) this.commitTable();
    if (this.candidate !== undefined) this.done.push(...this.styler.push(this.candidate));
    this.candidate = undefined;
  }

  private commitTable(): void {
    const table = this.table!;
    this.table = undefined;
    const laid = this.layout(table);
    if (laid) this.done.push(...laid);
    else for (const line of table.lines) this.done.push(...this.styler.push(line));
  }

  private layout(table: OpenTable): StyledLine[] | undefined {
    this.work.tableLayouts++;
    return tableLines(table.cells, table.aligns, this.width);
  }

  private openRows(): StyledLine[] {
    // Neither a held header line nor table rows are fences, so a scratch styler shows them the same.
    const scratch = () => new MarkdownStyler(this.width, this.wrap, this.raw);
    // A held `| a | b |` line is almost surely a table header: hidden until the delimiter row decides,
    // rather than flashing as raw pipes. Other held lines (`a | b`) show as text meanwhile.
    if (this.candidate !== undefined) return /^\s*\|/.test(this.candidate) ? [] : scratch().push(this.candidate);
    if (!this.table) return [];
    const laid = this.layout(this.table);
    if (laid) return laid;
    const s = scratch();
    return this.table.lines.flatMap((line) => s.push(line));
  }
}

export function markdownLines(text: string, width: number, wrap: WrapFn, raw = false): StyledLine[] {
  const renderer = new MarkdownRenderer(width, wrap, raw);
  for (const line of text.split('\n')) renderer.push(line);
  renderer.end();
  return renderer.done;
}
