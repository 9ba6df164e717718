/**
 * Fenced code blocks of a Markdown text (``` or ~~~, info string's first word as the language).
 * `fenceOpen` / `isFenceClose` are the one definition of a fence: the chat's `[N]` labels and the
 * Alt+N copy key number blocks the same way.
 */

export interface CodeBlock {
  lang: string;
  code: string;
}

// Up to 8 spaces of indent: models indent fences under list items ("1. Run:\n    ```bash").
const OPEN = /^( {0,8})(`{3,}|~{3,})\s*([^\s`]*)/;
const CLOSE = /^ {0,8}(`{3,}|~{3,})\s*$/;

/** The fence, its info string's first word and its indent when `line` opens a code block. */
export function fenceOpen(line: string): { fence: string; lang: string; indent: number } | undefined {
  const m = OPEN.exec(line);
  return m ? { fence: m[2]!, lang: m[3] ?? '', indent: m[1]!.length } : undefined;
}

/** A code line without the indent its fence had (what a copy of the block should contain). */
export function dedentCode(line: string, indent: number): string {
  let i = 0;
  while (i < indent && line[i] === ' ') i++;
  return line.slice(i);
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
  let indent = 0;
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    if (fence === undefined) {
      const open = fenceOpen(line);
      if (open) {
        fence = open.fence;
        lang = open.lang;
        indent = open.indent;
        lines = [];
      }
      continue;
    }
    if (isFenceClose(line, fence)) {
      blocks.push({ lang, code: lines.join('\n') });
      fence = undefined;
      continue;
    }
    lines.push(dedentCode(line, indent));
  }
  // An unclosed block at the end (still streaming, or the model forgot) still counts.
  if (fence !== undefined) blocks.push({ lang, code: lines.join('\n') });
  return blocks;
}
