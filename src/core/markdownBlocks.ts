/**
 * Fenced code blocks of a Markdown text (``` or ~~~, info string's first word as the language).
 * `fenceOpen` / `isFenceClose` are the one definition of a fence: the chat's `[N]` labels and the
 * Alt+N copy key number blocks the same way.
 */

export interface CodeBlock {
  lang: string;
  code: string;
}

const OPEN = /^\s{0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
const CLOSE = /^\s{0,3}(`{3,}|~{3,})\s*$/;

/** The fence and its info string's first word when `line` opens a code block. */
export function fenceOpen(line: string): { fence: string; lang: string } | undefined {
  const m = OPEN.exec(line);
  return m ? { fence: m[1]!, lang: m[2] ?? '' } : undefined;
}

/** True when `line` closes a block opened by `fence` (same character, at least as long, nothing after). */
export function isFenceClose(line: string, fence: string): boolean {
  const m = CLOSE.exec(line);
  return m !== null && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
}

export function fencedCodeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let fence: string | undefined;
  let lang = '';
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    if (fence === undefined) {
      const open = fenceOpen(line);
      if (open) {
        fence = open.fence;
        lang = open.lang;
        lines = [];
      }
      continue;
    }
    if (isFenceClose(line, fence)) {
      blocks.push({ lang, code: lines.join('\n') });
      fence = undefined;
      continue;
    }
    lines.push(line);
  }
  // An unclosed block at the end (still streaming, or the model forgot) still counts.
  if (fence !== undefined) blocks.push({ lang, code: lines.join('\n') });
  return blocks;
}
