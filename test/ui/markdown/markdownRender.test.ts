/**
 * Markdown rendering snapshots: every construct the chat renders, shown as rows with their styles
 * (`text  ⟨token:b/i/s/u span…⟩`), at widths where wrapping matters. Each block also asserts what must
 * hold whatever the snapshot says (rows fit the width, the right kinds appear).
 */
import { describe, expect, it } from 'vitest';
import { fencedCodeBlocks } from '../../../src/core/markdownBlocks.js';
import { displayWidth, wrapText } from '../../../src/core/wrap.js';
import { markdownLines, type StyledLine } from '../../../src/ui/markdown/markdownLines.js';

const flags = (s: { bold?: boolean; italic?: boolean; strike?: boolean; underline?: boolean }) =>
  `${s.bold ? 'b' : ''}${s.italic ? 'i' : ''}${s.strike ? 's' : ''}${s.underline ? 'u' : ''}`;

/** One line per row: the text, the row style, then each span as token/flags:text. */
function show(rows: readonly StyledLine[]): string {
  return rows
    .map((r) => {
      const style = [r.token, r.bold ? 'b' : ''].filter(Boolean).join('/');
      const spans = r.spans?.map((s) => `${[s.token ?? '', flags(s)].filter(Boolean).join('/') || '-'}:${JSON.stringify(s.text)}`).join(' ');
      return `${r.text}${style ? `  [${style}]` : ''}${spans ? `  ⟨${spans}⟩` : ''}`;
    })
    .join('\n');
}

function render(text: string, width: number): StyledLine[] {
  const rows = markdownLines(text, width, wrapText);
  for (const r of rows) {
    expect(displayWidth(r.text)).toBeLessThanOrEqual(width);
    if (r.spans) expect(r.spans.map((s) => s.text).join('')).toBe(r.text);
  }
  return rows;
}

const kindsIn = (rows: readonly StyledLine[]) => new Set(rows.flatMap((r) => r.spans ?? []).map((s) => s.token));

describe('markdown render snapshots', () => {
  it('headings of every level, with emphasis inside', () => {
    const rows = render('# Title one\n## Two *it* **bold**\n### Three\n#### Four\n##### Five\n###### Six ##\n####### seven is text', 40);
    expect(rows.slice(0, 6).every((r) => r.token === 'accent' && r.bold)).toBe(true);
    expect(rows.at(-1)!.text).toBe('####### seven is text');
    expect(show(rows)).toMatchSnapshot();
  });

  it('emphasis, strong, both, strike, escapes and unmatched markers', () => {
    const rows = render('*it* _it_ **b** __b__ ***bi*** ~~gone~~ \\*lit\\* 2 * 3 snake_case_word **unclosed', 80);
    expect(rows[0]!.text).toBe('it it b b bi gone *lit* 2 * 3 snake_case_word **unclosed');
    expect(show(rows)).toMatchSnapshot();
  });

  it('nested lists keep a hanging indent at every level', () => {
    const text = '- first item that is long enough to wrap around\n  - nested item that also wraps around the width\n    - third level\n  1. numbered inside\n     continuation\n* star\n+ plus\n10. ten\n11) eleven';
    const rows = render(text, 28);
    expect(rows[0]!.text.startsWith('• ')).toBe(true);
    expect(rows[1]!.text.startsWith('  ')).toBe(true);
    expect(rows.find((r) => r.text.includes('nested'))!.text.startsWith('  • ')).toBe(true);
    expect(rows.find((r) => r.text.includes('third'))!.text.startsWith('    • ')).toBe(true);
    expect(show(rows)).toMatchSnapshot();
  });

  it('block quotes: wrapped, nested, with a list and a heading inside', () => {
    const rows = render('> a quoted paragraph that wraps across rows with **bold**\n> > nested quote\n> - item in a quote\n> ## heading in a quote\n>', 30);
    expect(rows.every((r) => r.text.startsWith('│') && r.token === 'muted')).toBe(true);
    expect(rows.find((r) => r.text.includes('nested'))!.text).toBe('│ │ nested quote');
    expect(rows.find((r) => r.text.includes('item'))!.text).toBe('│ • item in a quote');
    expect(show(rows)).toMatchSnapshot();
  });

  it('links show their text, then the URL dimmed; autolinks are dimmed; inline code', () => {
    const rows = render('See [the docs](https://ollama.com/docs) or <https://github.com/ollama> and [https://x.y](https://x.y); run `ollama ps` now.', 36);
    const spans = rows.flatMap((r) => r.spans ?? []);
    expect(spans.find((s) => s.text === 'the docs')).toMatchObject({ token: 'accent', underline: true });
    expect(spans.filter((s) => s.token === 'muted').map((s) => s.text.trim()).join(' ')).toContain('(https://ollama.com/docs)');
    expect(spans.find((s) => s.token === 'code')!.text).toBe('ollama ps');
    // A link whose text is its URL shows it once.
    expect(rows.map((r) => r.text).join(' ').match(/https:\/\/x\.y/g)).toHaveLength(1);
    expect(show(rows)).toMatchSnapshot();
  });

  it('a rule, a blank line and plain text', () => {
    expect(show(render('before\n\n***\n___\nafter', 20))).toMatchSnapshot();
  });
});

const SAMPLES: Record<string, string> = {
  ts: 'import { x } from "./y.js";\n/* block\n   comment */\nexport const n: number = 42; // answer\nconst t = `tpl ${n}`;',
  python: 'def f(x: int) -> str:\n    """doc\n    string"""\n    return f"{x}"  # comment\nprint(0x1F, None)',
  bash: '#!/usr/bin/env bash\nfor f in *.log; do echo "$f" # each\ndone\nexport N=3',
  json: '{\n  "name": "r1-tui",\n  "n": 1.5e3,\n  "ok": true,\n  "x": null\n}',
  go: 'package main\n\nfunc main() {\n\tfmt.Println("hi", 42) // print\n}',
  rust: 'fn main() {\n    let mut v: Vec<u8> = Vec::new(); /* empty */\n    println!("{}", v.len());\n}',
  c: '#include <stdio.h>\nint main(void) {\n    printf("%d\\n", 42); /* out */\n    return 0; // done\n}',
  cpp: '#include <vector>\nclass A { public: virtual ~A() = default; };\nauto v = std::vector<int>{1, 2}; // init\nnullptr;',
  java: 'public class Main {\n  public static void main(String[] args) {\n    System.out.println("hi" + 42); // out\n  }\n}',
  sql: "SELECT name, COUNT(*) AS n -- count\nFROM models WHERE size > 1000 and family = 'qwen'\n/* multi\nline */ GROUP BY name;",
  yaml: '# config\nhost: "http://127.0.0.1:11434"\nmodel: deepseek-r1:32b\nnum_ctx: 4096\nthink: true # on\nkeys:\n  - name: send\n    key: Enter',
  html: '<!-- page -->\n<div class="box" id=\'main\'>\n  <a href="https://x.y">don\'t &amp; go</a>\n</div>\n<!-- multi\nline -->',
  xml: '<?xml version="1.0"?>\n<root attr="1"><item>text</item></root>',
  diff: 'diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -1,3 +1,3 @@\n const a = 1;\n-const b = 2;\n+const b = 3;',
};

/** Which kinds (tokens) each language must produce on its sample. */
const MUST: Record<string, string[]> = {
  ts: ['accent', 'ok', 'muted', 'assistant'],
  python: ['accent', 'ok', 'muted', 'assistant'],
  bash: ['accent', 'ok', 'muted', 'assistant'],
  json: ['accent', 'assistant'],
  go: ['accent', 'ok', 'muted', 'assistant'],
  rust: ['accent', 'ok', 'muted'],
  c: ['accent', 'ok', 'muted', 'assistant'],
  cpp: ['accent', 'muted', 'assistant'],
  java: ['accent', 'ok', 'muted', 'assistant'],
  sql: ['accent', 'ok', 'muted', 'assistant'],
  yaml: ['accent', 'ok', 'muted', 'assistant'],
  html: ['accent', 'ok', 'muted'],
  xml: ['accent', 'ok'],
  diff: ['muted', 'accent', 'ok', 'error'],
};

describe('fenced code highlighting per language', () => {
  for (const [lang, code] of Object.entries(SAMPLES)) {
    it(`${lang}`, () => {
      const rows = render(`\`\`\`${lang}\n${code}\n\`\`\``, 60);
      expect(rows[0]).toEqual({ text: `[1] ${lang}`, token: 'muted', codeBlock: 1 });
      expect(rows.slice(1).every((r) => r.token === 'code')).toBe(true);
      expect(rows.slice(1).map((r) => r.text)).toEqual(code.replace(/\t/g, '    ').split('\n'));
      const kinds = kindsIn(rows);
      for (const k of MUST[lang]!) expect(kinds, `${lang} has ${k}`).toContain(k);
      expect(show(rows)).toMatchSnapshot();
    });
  }

  it('specific rules: SQL keywords in any case, C directives, diff colours, html comment across lines', () => {
    const sql = render('```sql\nselect 1 FROM t\n```', 40)[1]!.spans!;
    expect(sql.filter((s) => s.token === 'accent').map((s) => s.text)).toEqual(['select', 'FROM']);
    expect(render('```c\n#include <stdio.h>\n```', 40)[1]!.spans![0]).toEqual({ text: '#include', token: 'accent' });
    const diff = render('```diff\n-old\n+new\n```', 40);
    expect(diff.slice(1).map((r) => r.spans?.[0]?.token ?? r.token)).toEqual(['error', 'ok']);
    const html = render('```html\n<!-- a\nb --> <p>\n```', 40);
    expect(html[2]!.spans!.map((s) => `${s.token}:${s.text}`)).toEqual(['muted:b -->', 'code: <', 'accent:p', 'code:>']);
  });
});

describe('CJK and wide tables', () => {
  it('a CJK table aligns by display width', () => {
    const rows = render('| 模型 | 说明 | 速度 |\n|:--|:-:|--:|\n| 深度求索 | 推理模型，擅长数学 | 1.6 |\n| qwen3 | 通用 | 31.4 |', 50);
    const bars = rows.filter((r) => !r.text.includes('┼')).map((r) => displayWidth(r.text.slice(0, r.text.indexOf('│'))));
    expect(new Set(bars).size).toBe(1);
    expect(show(rows)).toMatchSnapshot();
  });

  it('cells keep their inline Markdown as spans, also when they wrap', () => {
    const rows = render('| key | what |\n|---|---|\n| `Alt+2` | copies **code block 2** of the [selected](http://x) turn |', 34);
    const spans = rows.flatMap((r) => r.spans ?? []);
    expect(spans.find((s) => s.text === 'Alt+2')).toMatchObject({ token: 'code' });
    expect(spans.filter((s) => s.bold && !s.token).map((s) => s.text.trim()).join(' ')).toBe('code block 2');
    expect(spans.find((s) => s.text.includes('selected'))).toMatchObject({ token: 'accent', underline: true });
    expect(spans.filter((s) => s.text.includes('│')).every((s) => s.token === 'muted')).toBe(true);
    expect(render('| a | b |\n|---|---|\n| one<br>two | x<br/>y |', 30).at(-1)!.text).toBe('one two │ x y');
    expect(show(rows)).toMatchSnapshot();
  });

  it('CJK code wraps by display width and keeps its highlighting', () => {
    const rows = render('```python\n# 计算斐波那契数列的第 n 项并打印结果\nprint("你好，世界")  # 输出问候\n```', 20);
    expect(kindsIn(rows)).toContain('ok');
    expect(show(rows)).toMatchSnapshot();
  });

  it('a table wider than the pane: columns shrink widest first, cells wrap, no row exceeds the width', () => {
    const text =
      '| model | quantization | description of the model in many words | tok/s |\n|---|---|---|--:|\n| deepseek-r1:32b-qwen-distill-q8_0 | Q8_0 | a distilled reasoning model that thinks before it answers | 1.62 |\n| 中文模型名称 | Q4_K_M | 中文描述文字很长很长很长很长 | 12.0 |';
    for (const width of [80, 44, 30]) {
      const rows = render(text, width);
      expect(rows[0]).toMatchObject({ token: 'accent', bold: true });
      expect(rows.some((r) => /┼/.test(r.text))).toBe(true);
    }
    expect(show(render(text, 44))).toMatchSnapshot();
    // Too narrow for one cell per column plus separators: the lines are shown as text, still within width.
    const tiny = render(text, 8);
    expect(tiny.some((r) => r.text.includes('┼'))).toBe(false);
  });
});

describe('code block labels number blocks the way the copy keys do', () => {
  it('a fence indented under a list item is a code block; the copy drops the indent', () => {
    const text = '1. Install:\n    ```bash\n    npm i -g r1-tui\n      # nested\n    ```\n2. Run it.';
    const rows = render(text, 40);
    expect(rows.map((r) => r.text)).toEqual(['1. Install:', '    [1] bash', '    npm i -g r1-tui', '      # nested', '2. Run it.']);
    expect(rows[2]!.token).toBe('code');
    expect(fencedCodeBlocks(text)).toEqual([{ lang: 'bash', code: 'npm i -g r1-tui\n  # nested' }]);
    // Nine spaces is not a fence.
    expect(fencedCodeBlocks('         ```\nx')).toEqual([]);
    expect(render('         ```\nx', 40).map((r) => r.text)).toEqual(['         ```', 'x']);
  });

  it('labels [N] match fencedCodeBlocks for tricky fences', () => {
    const text = 'a\n```ts\nx\n```\n~~~\nplain ``` inside\n~~~\n````md\n```python\nnot a block\n```\n````\n| a | b |\n|---|---|\n```bash\necho open';
    const labels = render(text, 40).filter((r) => /^\[\d\]/.test(r.text)).map((r) => r.text);
    const blocks = fencedCodeBlocks(text);
    expect(labels).toEqual(blocks.map((b, i) => (b.lang ? `[${i + 1}] ${b.lang}` : `[${i + 1}]`)));
    expect(labels).toEqual(['[1] ts', '[2]', '[3] md', '[4] bash']);
  });
});
