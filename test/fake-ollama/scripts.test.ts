import { describe, expect, it } from 'vitest';
import { LoopDetector } from '../../src/core/loopDetector.js';
import { pieces, reasoningPieces } from '../../src/fake/tokenize.js';
import { pickScriptText } from '../../src/fake/scripts.js';
import { applyThinkingStyle } from '../../src/fake/style.js';
import { CHINESE_SCRIPT, DEMO_SCRIPT, ENGLISH_SCRIPTS } from '../../src/fake/scriptTexts.js';
import { demoScript, longScript, loopingScript, scriptFromText, syntheticScript, type RecordedRequest } from './index.js';

const req = (content: string): RecordedRequest => ({ method: 'POST', path: '/api/chat', body: { messages: [{ role: 'user', content }] }, at: 0 });
const join = (xs: { thinking?: string; content: string }[], k: 'thinking' | 'content') => xs.map((x) => x[k] ?? '').join('');

describe('fake ollama: synthetic scripts', () => {
  it('cuts text into word-sized pieces that join back to the text', () => {
    for (const t of [...ENGLISH_SCRIPTS, DEMO_SCRIPT]) {
      expect(pieces(t.answer).join('')).toBe(t.answer);
      expect(pieces(t.thinking).join('')).toBe(t.thinking);
    }
    expect(pieces('Hello, world.')).toEqual(['Hello', ',', ' world', '.']);
    expect(reasoningPieces('Done.\n')).toEqual(['Done', '.\n']);
  });

  it('Chinese script: word-sized pieces and full-width punctuation as own chunks', () => {
    const ps = pieces(CHINESE_SCRIPT.thinking);
    expect(ps).toContain('，');
    expect(ps).toContain('。');
    expect(ps.every((p) => [...p].length <= 4)).toBe(true);
    expect(pickScriptText('什么是蒸馏？').id).toBe('chinese');
  });

  it('answers contain Markdown: a heading, a list and a fenced code block', () => {
    const all = ENGLISH_SCRIPTS.map((s) => s.answer).join('\n');
    expect(all).toMatch(/^## /m);
    expect(all).toMatch(/^(- |\d+\. )/m);
    expect(all).toMatch(/^```\w+\n[\s\S]*?\n```$/m);
  });

  it('the long reply (demo "long", the bench) reasons without a loop; the loop script is one', () => {
    const flagged = (chunks: { thinking?: string }[]) => {
      const d = new LoopDetector();
      for (const c of chunks) if (c.thinking) d.push(c.thinking);
      return d.looping;
    };
    expect(flagged(longScript(200).chunks)).toBe(false);
    expect(flagged(loopingScript(200).chunks)).toBe(true);
  });

  it('selects by keyword: loop, long, demo, distillation, quantization', () => {
    const loop = syntheticScript(req('why does it loop?'), 30);
    const thinking = join(loop.chunks, 'thinking');
    expect((thinking.match(/Wait,/g) ?? []).length).toBeGreaterThan(20);
    expect((thinking.match(/Alternatively,/g) ?? []).length).toBeGreaterThan(20);
    expect(join(loop.chunks, 'content')).toBe('');
    expect(loop.final?.done_reason).toBe('length');
    const long = syntheticScript(req('give me a long answer'), 30);
    expect(long.chunks.length).toBeGreaterThan(1800);
    expect(long.chunks.length).toBeLessThan(2600);
    expect(join(syntheticScript(req('is this a demo?'), 30).chunks, 'content')).toContain('No model is running');
    expect(join(demoScript(30).chunks, 'content')).toContain('demo backend');
    expect(join(syntheticScript(req('how does distillation work'), 30).chunks, 'thinking')).toContain('teacher');
    expect(join(syntheticScript(req('Q4 or Q8 quantization?'), 30).chunks, 'content')).toContain('Q8_0');
    // no accidental keyword inside a word: "this" must not select the demo script via "hi"
    expect(pickScriptText('this').id).not.toBe('demo');
  });

  it('paces chunks at tokensPerSecond', () => {
    const s = scriptFromText('Think.\n', 'Answer.', 20);
    expect(s.chunks.every((c) => c.dtMs === 50)).toBe(true);
    expect(longScript(100).chunks[0]!.dtMs).toBe(10);
    expect(loopingScript(10, 2).chunks[0]!.dtMs).toBe(100);
  });

  it('tags style: <think>, "\\n", reasoning, fused "\\n" before </think>, "\\n\\n", answer — like the recordings', () => {
    const s = scriptFromText('Okay, so.\n', 'Paris.', 30);
    const out = applyThinkingStyle(s.chunks, 'tags').map((c) => c.content);
    expect(out).toEqual(['<think>', '\n', 'Okay', ',', ' so', '.\n', '</think>', '\n\n', 'Paris', '.']);
    expect(applyThinkingStyle(s.chunks, 'tags-no-open').map((c) => c.content).slice(0, 2)).toEqual(['Okay', ',']);
    const field = applyThinkingStyle(s.chunks, 'field');
    expect(field.map((c) => c.thinking ?? '').join('')).toBe('Okay, so.\n');
    // the first answer piece arrives ~3 token times after the last reasoning piece (hidden </think> and newlines)
    expect(field.at(-2)).toEqual({ dtMs: 3 * s.chunks[0]!.dtMs, content: 'Paris' });
    expect(field.at(-1)).toEqual({ dtMs: s.chunks[0]!.dtMs, content: '.' });
    expect(applyThinkingStyle(s.chunks, 'none').map((c) => c.content)).toEqual(['Paris', '.']);
  });
});
