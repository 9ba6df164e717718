import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../src/core/wrap.js';
import { markdownLines, stripEmphasis } from '../../src/ui/markdownLines.js';

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

  it('keeps fenced code verbatim in the code colour and hides the fences', () => {
    const rows = md('text\n```ts\nconst **x** = 1;\n```\nafter');
    expect(rows).toEqual([
      { text: 'text' },
      { text: 'const **x** = 1;', token: 'code' },
      { text: 'after' },
    ]);
  });

  it('quotes, rules and bold markers', () => {
    expect(md('> quoted **words**')).toEqual([{ text: '│ quoted words', token: 'muted' }]);
    expect(md('---', 10)).toEqual([{ text: '─'.repeat(10), token: 'muted' }]);
    expect(stripEmphasis('a **b** `**c**` __d__')).toBe('a b `**c**` d');
    expect(stripEmphasis('2 ** 3 and x**')).toBe('2 ** 3 and x**');
  });

  it('every row fits the width, CJK included', () => {
    const text = '# 标题标题标题标题标题标题标题标题\n- 中文列表项中文列表项中文列表项中文列表项\n> 引用引用引用引用引用引用引用引用引用';
    for (const row of md(text, 12)) expect(displayWidth(row.text)).toBeLessThanOrEqual(12);
  });
});
