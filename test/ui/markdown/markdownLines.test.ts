import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../../src/core/wrap.js';
import { markdownLines, stripEmphasis } from '../../../src/ui/markdown/markdownLines.js';

const md = (text: string, width = 30) => markdownLines(text, width, wrapText);

describe('markdownLines', () => {
  it('styles headings and drops their hashes', () => {
    expect(md('## 模型蒸馏')).toEqual([{ text: '模型蒸馏', token: 'accent', bold: true }]);
  });

  it('bullets and numbered items get a hanging indent', () => {
    const rows = md('- one two three four five six seven eight\n2. second item', 20).map((r) => r.text);
    expect(rows[0]).toBe('• one two three four');
    expect(rows[1]!.startsWith('  ')).toBe(true);
    expect(rows.at(-1)).toBe('2. second item');
  });

  it('keeps fenced code verbatim in the code colour; the opening fence becomes a dim [N] label', () => {
    const rows = md('text\n```\nconst **x** = 1;\n```\nafter');
    expect(rows).toEqual([
      { text: 'text' },
      { text: '[1]', token: 'muted', codeBlock: 1 },
      { text: 'const **x** = 1;', token: 'code' },
      { text: 'after' },
    ]);
  });

  it('quotes, rules and bold markers', () => {
    expect(md('> quoted **words**').map(({ text, token }) => ({ text, token }))).toEqual([{ text: '│ quoted words', token: 'muted' }]);
    expect(md('---', 10)).toEqual([{ text: '─'.repeat(10), token: 'muted' }]);
    expect(stripEmphasis('a **b** `**c**` __d__')).toBe('a b `**c**` d');
    expect(stripEmphasis('2 ** 3 and x**')).toBe('2 ** 3 and x**');
  });

  it('every row fits the width, CJK included', () => {
    const text = '# 标题标题标题标题标题标题标题标题\n- 中文列表项中文列表项中文列表项中文列表项\n> 引用引用引用引用引用引用引用引用引用';
    for (const row of md(text, 12)) expect(displayWidth(row.text)).toBeLessThanOrEqual(12);
  });

  it('inline code, strong, emphasis and links become spans over the plain row', () => {
    const [row] = md('a `x*y` **b** *c* [d](http://e)', 60);
    expect(row!.text).toBe('a x*y b c d (http://e)');
    expect(row!.spans).toEqual([
      { text: 'a ' },
      { text: 'x*y', token: 'code' },
      { text: ' ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', italic: true },
      { text: ' ' },
      { text: 'd', token: 'accent', underline: true },
      { text: ' (http://e)', token: 'muted' },
    ]);
  });

  it('spans follow the wrapped rows (CJK), joined they equal each row', () => {
    const rows = md('这是**加粗的中文文本**和`代码片段`以及更多的中文内容', 10);
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) {
      expect(displayWidth(r.text)).toBeLessThanOrEqual(10);
      expect(r.spans!.map((s) => s.text).join('')).toBe(r.text);
    }
    expect(rows.flatMap((r) => r.spans!).filter((s) => s.bold).map((s) => s.text).join('')).toBe('加粗的中文文本');
    expect(rows.flatMap((r) => r.spans!).filter((s) => s.token === 'code').map((s) => s.text).join('')).toBe('代码片段');
  });

  it('bullets keep their hanging indent with styled spans', () => {
    const rows = md('- one **two** three four five six', 14);
    expect(rows.map((r) => r.text)).toEqual(['• one two', '  three four', '  five six']);
    expect(rows[0]!.spans).toEqual([{ text: '• ' }, { text: 'one ' }, { text: 'two', bold: true }]);
  });

  it('fenced ts code is highlighted: keywords, strings, numbers, comments', () => {
    const rows = md('```ts\nconst s = "hi"; // note\nlet n = 42;\n```', 60);
    expect(rows.map((r) => r.text)).toEqual(['[1] ts', 'const s = "hi"; // note', 'let n = 42;']);
    const tokens = (i: number) => rows[i + 1]!.spans!.map((s) => `${s.token}:${s.text}`);
    expect(tokens(0)).toEqual(['accent:const', 'code: s = ', 'ok:"hi"', 'code:; ', 'muted:// note']);
    expect(tokens(1)).toEqual(['accent:let', 'code: n = ', 'assistant:42', 'code:;']);
  });

  it('CJK code in a block wraps within the width and keeps its colours', () => {
    const [label, ...rows] = md('```python\nprint("你好，世界，这是一个很长的字符串")  # 注释\n```', 12);
    expect(label).toEqual({ text: '[1] python', token: 'muted', codeBlock: 1 });
    for (const r of rows) {
      expect(displayWidth(r.text)).toBeLessThanOrEqual(12);
      expect(r.spans!.map((s) => s.text).join('')).toBe(r.text);
    }
    expect(rows.flatMap((r) => r.spans!).some((s) => s.token === 'ok')).toBe(true);
    expect(rows.at(-1)!.spans!.at(-1)!.token).toBe('muted');
  });

  it('raw mode shows the text as is', () => {
    expect(markdownLines('# **a**\n```ts\nx\n```', 30, wrapText, true).map((r) => r.text)).toEqual(['# **a**', '```ts', 'x', '```']);
  });

  it('snapshot: a mixed answer', () => {
    const text = '## 结果 Result\n\nUse `npm test` **now**:\n\n```bash\nnpm run build # 构建\nexit 1\n```\n\n> *note* 引用\n1. 第一 first';
    expect(md(text, 24)).toMatchSnapshot();
  });
});

describe('markdown tables', () => {
  const table = '| 模型 | 大小 | speed |\n|---|:--:|--:|\n| deepseek-r1:32b | 20 GB | 1.6 |\n| 中文模型名称很长 | 5 GB | **12** |';
  it('aligns columns by display width (CJK) with a header rule', () => {
    const rows = md(table, 60);
    expect(rows.map((r) => r.text)).toMatchSnapshot();
    expect(rows[0]).toMatchObject({ token: 'accent', bold: true });
    expect(rows[1]!.text).toMatch(/^─+─┼─/);
    const bars = rows.filter((r) => !r.text.includes('┼')).map((r) => displayWidth(r.text.slice(0, r.text.indexOf('│'))));
    expect(new Set(bars).size).toBe(1);
    expect(rows.at(-1)!.text.trimEnd().endsWith('12')).toBe(true);
  });
  it('narrow: cells wrap inside their columns and every row fits', () => {
    const rows = md(table, 24);
    for (const r of rows) expect(displayWidth(r.text)).toBeLessThanOrEqual(24);
    expect(rows.length).toBeGreaterThan(4);
  });
  it('not a table without a delimiter row, and never inside code', () => {
    expect(md('a | b\nc | d', 30).map((r) => r.text)).toEqual(['a | b', 'c | d']);
    expect(md('```\n| a | b |\n|---|---|\n```', 30).map((r) => r.text)).toEqual(['[1]', '| a | b |', '|---|---|']);
  });
});
