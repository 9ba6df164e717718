import { describe, expect, it } from 'vitest';
import { csvTable, markdownTable, textTable } from '../../src/core/table.js';

describe('tables', () => {
  it('text: aligned columns; a short row keeps its first cells whole and its last cell runs on', () => {
    const out = textTable(['MODEL', 'RATE', 'SPLIT'], [['a:1b', '1.00', '100% GPU'], ['deepseek-r1:671b', 'failed: model not found']]);
    expect(out.split('\n')).toEqual([
      'MODEL              RATE   SPLIT',
      'a:1b               1.00   100% GPU',
      'deepseek-r1:671b   failed: model not found',
      '',
    ]);
  });

  it('strips escape sequences and newlines from cells (server text is untrusted)', () => {
    const out = textTable(['A', 'B'], [['x\u001b[31m', 'line1\nline2']]);
    expect(out).toBe('A   B\nx   line1 line2\n');
  });

  it('markdown escapes pipes and pads short rows; csv quotes commas and quotes', () => {
    expect(markdownTable(['A', 'B'], [['a|b']])).toBe('| A | B |\n|---|---|\n| a\\|b |  |\n');
    expect(csvTable(['a', 'b'], [['x,y', 'say "hi"']])).toBe('a,b\n"x,y","say ""hi"""\n');
  });
});

describe('sameModel', () => {
  it('treats a missing tag as :latest', async () => {
    const { sameModel } = await import('../../src/session/benchMeasure.js');
    expect(sameModel('deepseek-r1', 'deepseek-r1:latest')).toBe(true);
    expect(sameModel('deepseek-r1:8b', 'deepseek-r1:latest')).toBe(false);
    expect(sameModel('hf.co/x/y', 'hf.co/x/y:latest')).toBe(true);
  });
});
