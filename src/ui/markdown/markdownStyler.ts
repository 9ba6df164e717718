/**
 * Line-level Markdown for answers: headings, bullet and numbered lists with a hanging indent, block
 * quotes, rules, fenced code blocks with keyword highlighting (core/codeHighlight.ts) and a numbered
 * label on each opening fence (`[2] python`, the N of the Alt+N copy key), and inline `code`, **strong**,
 * *emphasis*, ~~strike~~ and links (core/markdownInline.ts) as styled spans. Input is sanitized text;
 * every output row fits `width` cells. Tables span lines, so markdownLines.ts groups them.
 * `raw` shows the text as is.
 */
import { codeLanguage, highlightLine, type HighlightState } from '../../core/codeHighlight.js';
import { parseInline, runsForRows, runsText, type Run } from '../../core/markdownInline.js';
import { fenceOpen, isFenceClose } from '../../core/markdownBlocks.js';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import type { ThemeToken } from '../../core/theme.js';

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
  /** On a code block's `[N] lang` label row: N (what Alt+N copies). */
  codeBlock?: number;
}

const KIND_TOKEN: Record<NonNullable<Run['kind']>, ThemeToken> = {
  code: 'code',
  link: 'accent',
  url: 'muted',
  keyword: 'accent',
  string: 'ok',
  comment: 'muted',
  number: 'assistant',
  added: 'ok',
  removed: 'error',
};

export function toSpan(run: Run, base?: ThemeToken): StyledSpan {
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
function inline(body: string, width: number, wrap: WrapFn, token?: ThemeToken, prefix = '', bold?: boolean, rest?: string): StyledLine[] {
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
  // Later rows: `rest` (a quote's bars, as wide as the prefix) or spaces.
  const heads = (i: number) => (i === 0 ? lead : indent > 0 && rest !== undefined ? rest : ' '.repeat(indent));
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

/** A block quote line, nested quotes (`> > x`) and a list item or heading inside one included. */
function quoteRows(line: string, width: number, wrap: WrapFn): StyledLine[] {
  let body = line;
  let levels = 0;
  for (let m = QUOTE.exec(body); m; m = QUOTE.exec(body)) {
    levels++;
    body = m[1]!;
  }
  const bar = '│ '.repeat(levels);
  const heading = HEADING.exec(body);
  if (heading) return inline(heading[2]!, width, wrap, 'muted', bar, true, bar);
  const item = BULLET.exec(body) ?? NUMBERED.exec(body);
  if (item) {
    const head = `${bar}${item[1]}${item[2]!.length === 1 && '-*+'.includes(item[2]!) ? '•' : item[2]} `;
    return inline(item[3]!, width, wrap, 'muted', head, false, bar + ' '.repeat(displayWidth(head) - displayWidth(bar)));
  }
  return inline(body, width, wrap, 'muted', bar, false, bar);
}

/** The dim `[2] python` row an opening fence becomes: the N that Alt+N copies. */
export function codeLabel(n: number, lang: string, width: number): StyledLine {
  return { text: truncateToWidth(lang ? `[${n}] ${lang}` : `[${n}]`, Math.max(1, width)), token: 'muted', codeBlock: n };
}

/** Styles Markdown one complete line at a time (the only state is whether a code fence is open). */
export class MarkdownStyler {
  private fence: string | undefined;
  private lang: string | undefined;
  private highlight: HighlightState = {};
  /** Code blocks opened so far (their labels count 1, 2, ... like core/markdownBlocks.ts). */
  codeBlocks = 0;

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
    if (this.fence !== undefined) {
      if (isFenceClose(line, this.fence)) {
        this.fence = undefined;
        return [];
      }
      // Tabs expanded here so the highlighted runs line up with the wrapped rows.
      const expanded = line.replace(/\t/g, '    ');
      const { runs, state } = highlightLine(expanded, this.lang, this.highlight);
      this.highlight = state;
      return codeRows(expanded, width, wrap, runs);
    }
    const open = fenceOpen(line);
    if (open) {
      this.fence = open.fence;
      this.lang = codeLanguage(open.lang);
      this.highlight = {};
      this.codeBlocks++;
      // The label keeps the fence's indent (a block under a list item), when the width allows.
      const indent = open.indent < width - 4 ? open.indent : 0;
      const label = codeLabel(this.codeBlocks, open.lang, width - indent);
      return [indent > 0 ? { ...label, text: ' '.repeat(indent) + label.text } : label];
    }
    const heading = HEADING.exec(line);
    if (heading) return inline(heading[2]!, width, wrap, 'accent', '', true);
    if (RULE.test(line)) return [{ text: '─'.repeat(Math.min(width, 40)), token: 'muted' }];
    const bullet = BULLET.exec(line);
    if (bullet) return inline(bullet[3]!, width, wrap, undefined, `${bullet[1]}• `);
    const numbered = NUMBERED.exec(line);
    if (numbered) return inline(numbered[3]!, width, wrap, undefined, `${numbered[1]}${numbered[2]} `);
    if (QUOTE.test(line)) return quoteRows(line, width, wrap);
    return inline(line, width, wrap);
  }
}
