import { describe, expect, it } from 'vitest';
import { fencedCodeBlocks } from '../../../src/core/markdownBlocks.js';
import { displayWidth } from '../../../src/core/wrap.js';
import { pickScriptText } from '../../../src/fake/scripts.js';
import { COMPARE_SCRIPT, ENGLISH_SCRIPTS } from '../../../src/fake/scriptTexts.js';
import { pieces } from '../../../src/fake/tokenize.js';
import { ChatDocument } from '../../../src/ui/chat/chatLines.js';
import { makeTurn } from '../turns.js';

describe('demo answer with a table and two code blocks', () => {
  it('is picked by "compare" and stays out of the keyword-less rotation', () => {
    expect(pickScriptText('compare two models').id).toBe('compare');
    expect(pickScriptText('show me a table').id).toBe('compare');
    expect(ENGLISH_SCRIPTS).not.toContain(COMPARE_SCRIPT);
    expect(pieces(COMPARE_SCRIPT.answer).join('')).toBe(COMPARE_SCRIPT.answer);
  });

  for (const width of [80, 120]) {
    it(`streams as the fake sends it and renders a table and [1] bash / [2] python at ${width} columns`, () => {
      const doc = new ChatDocument();
      doc.setWidth(width);
      const turn = makeTurn(1, { status: 'streaming', answer: '' });
      for (const piece of pieces(COMPARE_SCRIPT.answer)) {
        turn.answer += piece;
        turn.rev++;
        for (const r of doc.block([turn], 0)) expect(displayWidth(r.gutter + r.body)).toBeLessThanOrEqual(width);
      }
      const bodies = doc.block([turn], 0).map((r) => r.body);
      expect(bodies).toContain('[1] bash');
      expect(bodies).toContain('[2] python');
      expect(bodies.some((b) => /^quantization\s+│/.test(b))).toBe(true);
      expect(bodies.some((b) => b.includes('|'))).toBe(false);
      expect(fencedCodeBlocks(COMPARE_SCRIPT.answer).map((b) => b.lang)).toEqual(['bash', 'python']);
    });
  }
});
