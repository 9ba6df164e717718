import { describe, expect, it } from 'vitest';
import { codeLanguage, highlightLine } from '../../src/core/codeHighlight.js';
import { parseInline, runsForRows, runsText } from '../../src/core/markdownInline.js';

describe('parseInline', () => {
  it('leaves unmatched or spaced markers literal', () => {
    expect(runsText(parseInline('2 ** 3 and x** and a * b'))).toBe('2 ** 3 and x** and a * b');
    expect(parseInline('snake_case_name')).toEqual([{ text: 'snake_case_name' }]);
  });
  it('nests strong and emphasis, strike, escapes', () => {
    expect(parseInline('**bold *both* end**')).toEqual([{ text: 'bold ', bold: true }, { text: 'both', bold: true, italic: true }, { text: ' end', bold: true }]);
    expect(parseInline('~~gone~~ \\*lit\\*')).toEqual([{ text: 'gone', strike: true }, { text: ' *lit*' }]);
  });
  it('code spans win over emphasis and keep their content', () => {
    expect(parseInline('`**x**` and ``a`b``')).toEqual([
      { text: '**x**', kind: 'code' },
      { text: ' and ' },
      { text: 'a`b', kind: 'code' },
    ]);
  });
  it('autolinks', () => {
    expect(parseInline('<https://x.y/z>')).toEqual([{ text: 'https://x.y/z', kind: 'url' }]);
  });
  it('images show their alt text and URL', () => {
    expect(parseInline('see ![a chart](http://x/c.png)!')).toEqual([
      { text: 'see ' },
      { text: 'image: a chart', kind: 'link' },
      { text: ' (http://x/c.png)', kind: 'url' },
      { text: '!' },
    ]);
  });
  it('runsForRows cuts runs at wrap points (dropped spaces) and falls back when a row is not found', () => {
    const runs = parseInline('aa **bb cc** dd');
    const plain = runsText(runs);
    expect(runsForRows(plain, runs, ['aa bb', 'cc dd'])).toEqual([
      [{ text: 'aa ' }, { text: 'bb', bold: true }],
      [{ text: 'cc', bold: true }, { text: ' dd' }],
    ]);
    expect(runsForRows(plain, runs, ['zz'])).toEqual([[{ text: 'zz' }]]);
  });
});

describe('highlightLine', () => {
  it('knows a few languages by alias', () => {
    expect(codeLanguage(' TypeScript')).toBe('js');
    expect(codeLanguage('py')).toBe('python');
    expect(codeLanguage('rs {.x}')).toBe('rust');
    expect(codeLanguage('cobol')).toBeUndefined();
  });
  it('unknown language: one code run', () => {
    expect(highlightLine('if x', undefined).runs).toEqual([{ text: 'if x', kind: 'code' }]);
  });
  it('carries block comments and python triple quotes across lines', () => {
    const a = highlightLine('x = 1 /* start', 'go');
    expect(a.runs.at(-1)).toEqual({ text: '/* start', kind: 'comment' });
    const b = highlightLine('end */ return', 'go', a.state);
    expect(b.runs).toEqual([{ text: 'end */', kind: 'comment' }, { text: ' ', kind: 'code' }, { text: 'return', kind: 'keyword' }]);
    const p = highlightLine('s = """doc', 'python');
    expect(highlightLine('more"""', 'python', p.state).runs).toEqual([{ text: 'more"""', kind: 'string' }]);
  });
  it('json keys, bash comments only after space, rust fn', () => {
    expect(highlightLine('{"k": true}', 'json').runs.map((r) => r.kind)).toEqual(['code', 'keyword', 'code', 'keyword', 'code']);
    expect(highlightLine('echo a#b # c', 'bash').runs.at(-1)).toEqual({ text: '# c', kind: 'comment' });
    expect(highlightLine('fn main() {}', 'rust').runs[0]).toEqual({ text: 'fn', kind: 'keyword' });
  });
});

describe('more languages and bold-italic', () => {
  it('***x*** is bold and italic; a lone *** stays text', () => {
    expect(parseInline('***both*** end')).toEqual([{ text: 'both', bold: true, italic: true }, { text: ' end' }]);
    expect(runsText(parseInline('a *** b'))).toBe('a *** b');
  });
  it('new languages by alias', () => {
    expect(['c++', 'h', 'yml', 'htm', 'svg', 'patch', 'postgresql', 'kotlin'].map(codeLanguage)).toEqual(['cpp', 'c', 'yaml', 'html', 'xml', 'diff', 'sql', 'java']);
  });
  it('yaml keys, scalars and comments; a # inside a word is not a comment', () => {
    expect(highlightLine('url: http://a#b # note', 'yaml').runs).toEqual([
      { text: 'url', kind: 'keyword' },
      { text: ': http://a#b ', kind: 'code' },
      { text: '# note', kind: 'comment' },
    ]);
    expect(highlightLine('- 42', 'yaml').runs).toEqual([{ text: '- ', kind: 'code' }, { text: '42', kind: 'number' }]);
  });
});
