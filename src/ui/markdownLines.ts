/**
 * Light Markdown for finished answers, block level only: headings, bullet and numbered lists with a
 * hanging indent, block quotes, rules and fenced code blocks; `**bold**` markers are dropped outside
 * code. Input is sanitized text; every output row fits `width` cells. The streaming tail stays plain.
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

export function markdownLines(text: string, width: number, wrap: WrapFn): StyledLine[] {
  const out: StyledLine[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) {
        fence = undefined;
        continue;
      }
      for (const row of wrap(line, width)) out.push({ text: row, token: 'code' });
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      for (const row of wrap(stripEmphasis(heading[2]!), width)) out.push({ text: row, token: 'accent', bold: true });
      continue;
    }
    if (RULE.test(line)) {
      out.push({ text: '─'.repeat(Math.min(width, 40)), token: 'muted' });
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      out.push(...hanging(`${bullet[1]}• `, stripEmphasis(bullet[3]!), width, wrap));
      continue;
    }
    const numbered = NUMBERED.exec(line);
    if (numbered) {
      out.push(...hanging(`${numbered[1]}${numbered[2]} `, stripEmphasis(numbered[3]!), width, wrap));
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      out.push(...hanging('│ ', stripEmphasis(quote[1]!), width, wrap, 'muted'));
      continue;
    }
    for (const row of wrap(stripEmphasis(line), width)) out.push({ text: row });
  }
  return out;
}
