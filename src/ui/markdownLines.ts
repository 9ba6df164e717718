/**
 * Light Markdown for finished answers, block level only: headings, bullet and numbered lists with a
 * hanging indent, block quotes, rules and fenced code blocks; `**bold**` markers are dropped outside
 * code. Input is sanitized text; every output row fits `width` cells. Lines are styled once complete, so
 * a streaming answer is styled line by line and only its open last line is plain.
 */
import { displayWidth } from '../core/wrap.js';
import type { ThemeToken } from './theme.js';

export interface StyledLine {
  text: string;
  token?: ThemeToken;
  bold?: boolean;
}

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

function hanging(prefix: string, body: string, width: number, wrap: WrapFn, token?: ThemeToken): StyledLine[] {
  const indent = displayWidth(prefix);
  if (indent >= width - 4) return wrap(prefix + body, width).map((text) => ({ text, token }));
  return wrap(body, width - indent).map((text, i) => ({ text: (i === 0 ? prefix : ' '.repeat(indent)) + text, token }));
}

/** Styles Markdown one complete line at a time (the only state is whether a code fence is open). */
export class MarkdownStyler {
  private fence: string | undefined;

  constructor(
    private readonly width: number,
    private readonly wrap: WrapFn,
  ) {}

  /** True while inside a fenced code block. */
  get inCode(): boolean {
    return this.fence !== undefined;
  }

  push(line: string): StyledLine[] {
    const { width, wrap } = this;
    const fenceMatch = FENCE.exec(line);
    if (this.fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === this.fence[0] && fenceMatch[1]!.length >= this.fence.length) {
        this.fence = undefined;
        return [];
      }
      return wrap(line, width).map((text) => ({ text, token: 'code' }));
    }
    if (fenceMatch) {
      this.fence = fenceMatch[1]!;
      return [];
    }
    const heading = HEADING.exec(line);
    if (heading) return wrap(stripEmphasis(heading[2]!), width).map((text) => ({ text, token: 'accent', bold: true }));
    if (RULE.test(line)) return [{ text: '─'.repeat(Math.min(width, 40)), token: 'muted' }];
    const bullet = BULLET.exec(line);
    if (bullet) return hanging(`${bullet[1]}• `, stripEmphasis(bullet[3]!), width, wrap);
    const numbered = NUMBERED.exec(line);
    if (numbered) return hanging(`${numbered[1]}${numbered[2]} `, stripEmphasis(numbered[3]!), width, wrap);
    const quote = QUOTE.exec(line);
    if (quote) return hanging('│ ', stripEmphasis(quote[1]!), width, wrap, 'muted');
    return wrap(stripEmphasis(line), width).map((text) => ({ text }));
  }
}

export function markdownLines(text: string, width: number, wrap: WrapFn): StyledLine[] {
  const styler = new MarkdownStyler(width, wrap);
  const out: StyledLine[] = [];
  for (const line of text.split('\n')) out.push(...styler.push(line));
  return out;
}
