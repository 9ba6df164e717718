/**
 * Light Markdown for answers: headings, bullet and numbered lists with a hanging indent, block quotes,
 * rules, fenced code blocks with keyword highlighting (core/codeHighlight.ts) and inline `code`,
 * **strong**, *emphasis*, ~~strike~~ and links (core/markdownInline.ts) as styled spans. Input is
 * sanitized text; every output row fits `width` cells. Lines are styled once complete, so a streaming
 * answer is styled line by line and only its open last line is plain. `raw` shows the text as is.
 */
import { codeLanguage, highlightLine, type HighlightState } from '../core/codeHighlight.js';
import { parseInline, runsForRows, runsText, type Run } from '../core/markdownInline.js';
import { delimiterRow, layoutTable, tableCells } from '../core/markdownTable.js';
import { displayWidth } from '../core/wrap.js';
import type { ThemeToken } from './theme.js';

export interface StyledSpan {
  text: string;
  token?: ThemeToken;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  underline?: boolean;
}

export interface StyledLine {
  /** The whole row as shown (the spans' texts joined, when there are spans). */
  text: string;
  token?: ThemeToken;
  bold?: boolean;
  /** Set when parts of the row are styled differently. */
  spans?: StyledSpan[];
}

const KIND_TOKEN: Record<NonNullable<Run['kind']>, ThemeToken> = {
  code: 'code',
  link: 'accent',
  url: 'muted',
  keyword: 'accent',
  string: 'ok',
  comment: 'muted',
  number: 'assistant',
};

function toSpan(run: Run, base?: ThemeToken): StyledSpan {
  const span: StyledSpan = { text: run.text };
  const token = run.kind ? KIND_TOKEN[run.kind] : base;
  if (token) span.token = token;
  if (run.bold) span.bold = true;
  if (run.italic) span.italic = true;
  if (run.strike) span.strike = true;
  if (run.kind === 'link') span.underline = true;
  return span;
}

const styled = (runs: readonly Run[]) => runs.some((r) => r.kind || r.bold || r.italic || r.strike);

export type WrapFn = (text: string, width: number) => string[];

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^(\s*)([-*+])\s+(.*)$/;
const NUMBERED = /^(\s*)(\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

/** Drop `**` / `__` emphasis markers outside inline code spans. */
export function stripEmphasis(line: string): string {
  return line
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__/g, '$1$2')))
    .join('');
}

/** Wrap inline Markdown `body` to `width`, after `prefix` (first row) or its indent (later rows). */
function inline(body: string, width: number, wrap: WrapFn, token?: ThemeToken, prefix = '', bold?: boolean): StyledLine[] {
  const runs = parseInline(body);
  const plain = runsText(runs);
  let indent = displayWidth(prefix);
  let lead = prefix;
  let text = plain;
  if (indent > 0 && indent >= width - 4) {
    // Too narrow for a hanging indent: the prefix wraps with the text.
    text = prefix + plain;
    runs.unshift({ text: prefix });
    indent = 0;
    lead = '';
  }
  const rows = wrap(text, Math.max(1, width - indent));
  const heads = (i: number) => (i === 0 ? lead : ' '.repeat(indent));
  const base = (i: number, t: string): StyledLine => {
    const line: StyledLine = { text: heads(i) + t };
    if (token) line.token = token;
    if (bold) line.bold = true;
    return line;
  };
  if (!styled(runs)) return rows.map((t, i) => base(i, t));
  const parts = runsForRows(text, runs, rows);
  return rows.map((t, i) => {
    const line = base(i, t);
    const spans = parts[i]!.map((r) => toSpan(r, token));
    if (bold) spans.forEach((sp) => (sp.bold = true));
    const head = heads(i);
    line.spans = head === '' ? spans : [{ text: head, ...(token ? { token } : {}) }, ...spans];
    return line;
  });
}

function codeRows(line: string, width: number, wrap: WrapFn, runs: readonly Run[]): StyledLine[] {
  const rows = wrap(line, width);
  if (runs.every((r) => r.kind === 'code' || r.kind === undefined)) return rows.map((text) => ({ text, token: 'code' }));
  const parts = runsForRows(line, runs, rows);
  return rows.map((text, i) => ({ text, token: 'code', spans: parts[i]!.map((r) => toSpan(r, 'code')) }));
}

/** Styles Markdown one complete line at a time (the only state is whether a code fence is open). */
export class MarkdownStyler {
  private fence: string | undefined;
  private lang: string | undefined;
  private highlight: HighlightState = {};

  constructor(
    private readonly width: number,
    private readonly wrap: WrapFn,
    /** Show the text as is (no Markdown styling). */
    private readonly raw = false,
  ) {}

  /** True while inside a fenced code block. */
  get inCode(): boolean {
    return this.fence !== undefined;
  }

  push(line: string): StyledLine[] {
    const { width, wrap } = this;
    if (this.raw) return wrap(line, width).map((text) => ({ text }));
    const fenceMatch = FENCE.exec(line);
    if (this.fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === this.fence[0] && fenceMatch[1]!.length >= this.fence.length) {
        this.fence = undefined;
        return [];
      }
      // Tabs expanded here so the highlighted runs line up with the wrapped rows.
      const expanded = line.replace(/\t/g, '    ');
      const { runs, state } = highlightLine(expanded, this.lang, this.highlight);
      this.highlight = state;
      return codeRows(expanded, width, wrap, runs);
    }
    if (fenceMatch) {
      this.fence = fenceMatch[1]!;
      this.lang = codeLanguage(line.slice(line.indexOf(this.fence) + this.fence.length));
      this.highlight = {};
      return [];
    }
    const heading = HEADING.exec(line);
    if (heading) return inline(heading[2]!, width, wrap, 'accent', '', true);
    if (RULE.test(line)) return [{ text: '─'.repeat(Math.min(width, 40)), token: 'muted' }];
    const bullet = BULLET.exec(line);
    if (bullet) return inline(bullet[3]!, width, wrap, undefined, `${bullet[1]}• `);
    const numbered = NUMBERED.exec(line);
    if (numbered) return inline(numbered[3]!, width, wrap, undefined, `${numbered[1]}${numbered[2]} `);
    const quote = QUOTE.exec(line);
    if (quote) return inline(quote[1]!, width, wrap, 'muted', '│ ');
    return inline(line, width, wrap);
  }
}

export function markdownLines(text: string, width: number, wrap: WrapFn, raw = false): StyledLine[] {
  const styler = new MarkdownStyler(width, wrap, raw);
  const out: StyledLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const table = raw || styler.inCode ? undefined : tableAt(lines, i, width);
    if (table) {
      out.push(...table.rows);
      i += table.consumed - 1;
      continue;
    }
    out.push(...styler.push(lines[i]!));
  }
  return out;
}

/** A pipe table starting at line `i` (header + delimiter row + body rows), laid out to `width`. */
function tableAt(lines: readonly string[], i: number, width: number): { rows: StyledLine[]; consumed: number } | undefined {
  const header = tableCells(lines[i]!);
  if (!header || header.length < 2 || i + 1 >= lines.length) return undefined;
  const aligns = delimiterRow(lines[i + 1]!, header.length);
  if (!aligns) return undefined;
  const plain = (cell: string) => runsText(parseInline(cell));
  const rows = [header.map(plain)];
  let j = i + 2;
  for (; j < lines.length; j++) {
    const cells = tableCells(lines[j]!);
    if (!cells || lines[j]!.trim() === '') break;
    rows.push(cells.map(plain));
  }
  const laid = layoutTable(rows, aligns, width);
  if (!laid) return undefined;
  return {
    rows: laid.map((r) => (r.header ? { text: r.text, token: 'accent', bold: true } : r.rule ? { text: r.text, token: 'muted' } : { text: r.text })),
    consumed: j - i,
  };
}
