/** Fenced code blocks of a Markdown text (``` or ~~~, info string's first word as the language). */

export interface CodeBlock {
  lang: string;
  code: string;
}

const OPEN = /^\s{0,3}(`{3,}|~{3,})\s*([^\s`]*)/;

export function fencedCodeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let fence: string | undefined;
  let lang = '';
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    if (fence === undefined) {
      const m = OPEN.exec(line);
      if (m) {
        fence = m[1]!;
        lang = m[2] ?? '';
        lines = [];
      }
      continue;
    }
    const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) {
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
