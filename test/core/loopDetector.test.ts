import { describe, expect, it } from 'vitest';
import { LoopDetector, MIN_TOKENS, RECENT_SHINGLES } from '../../src/core/loopDetector.js';
import { ThinkSplitter } from '../../src/core/thinkSplitter.js';
import { loadRecordings } from './recordings.js';

const LOOP_PARAGRAPH =
  'Wait, let me check the calculation again. If the train leaves at three and travels at sixty miles per hour, ' +
  'then after two hours it has covered one hundred and twenty miles. The second train leaves one hour later at ' +
  'eighty miles per hour, so it needs to close a gap of sixty miles. The closing speed is twenty miles per hour, ' +
  'which means three hours. So they meet at seven. Hmm, but that does not match what I found before.';

const NORMAL_REASONING = [
  'Okay, so the user is asking how distillation works in DeepSeek-R1. I remember that the large teacher model ' +
    'was trained with reinforcement learning on reasoning tasks, and then it generated a big set of samples. ' +
    'Those samples, something like eight hundred thousand of them, were used to fine-tune smaller open models ' +
    'such as Qwen and Llama variants. The student does not get any reinforcement learning itself in that recipe, ' +
    'which is interesting because it suggests the reasoning patterns transfer through plain supervised data.',
  'Wait, I should double-check the sizes. The distilled models come in 1.5B, 7B, 8B, 14B, 32B and 70B parameters. ' +
    'The 1.5B and 7B and 14B and 32B ones are based on Qwen 2.5, while the 8B and 70B ones are based on Llama. ' +
    'That matters for the user because the chat template differs a little, and the tokenizer is different, so ' +
    'token counts for the same text will not be identical across the family.',
  'Let me think about how to structure the answer. First a one-sentence definition: distillation trains a small ' +
    'student to imitate a large teacher. Then the specifics for R1: the teacher produced long chains of thought, ' +
    'the student learned from them with supervised fine-tuning, and the result keeps much of the reasoning ability ' +
    'at a fraction of the cost. Maybe I should also mention the trade-off: smaller students still make more ' +
    'arithmetic slips and sometimes ramble, especially on long multi-step problems.',
  'Hmm, the user might also wonder why not just run reinforcement learning on the small model directly. The paper ' +
    'reported that doing RL on a small base model gave worse results than distilling from the big one, at least ' +
    'with the compute they tried. So distillation is both cheaper and better at that scale. I think that is a good ' +
    'point to end on, together with a note that the student inherits the teacher habit of writing think tags.',
  'Now for formatting: a short paragraph, then a bulleted list with three items, then a closing sentence. I will ' +
    'avoid heavy jargon. Check units, check names, and make sure I do not claim anything about benchmark numbers ' +
    'that I cannot recall precisely. Alright, that should be enough; let me write it out clearly and concisely.',
];

function vary(paragraph: string, round: number): string {
  const words = paragraph.split(' ');
  // Change two words per copy so no two copies are identical.
  words[(round * 7) % words.length] = `variant${round}`;
  words[(round * 13 + 5) % words.length] = `other${round}`;
  return words.join(' ');
}

function feedInChunks(d: LoopDetector, text: string, size = 5): void {
  for (let i = 0; i < text.length; i += size) d.push(text.slice(i, i + size));
}

describe('LoopDetector', () => {
  it('flags a paragraph repeated with small variations within a bounded amount of text', () => {
    const d = new LoopDetector();
    const paragraphWords = LOOP_PARAGRAPH.split(' ').length;
    let words = 0;
    let flaggedAt: number | undefined;
    for (let round = 0; round < 8 && flaggedAt === undefined; round++) {
      const copy = `${vary(LOOP_PARAGRAPH, round)}\n\n`;
      for (const w of copy.split(' ')) {
        d.push(`${w} `);
        words++;
        if (d.looping && flaggedAt === undefined) flaggedAt = words;
      }
    }
    expect(flaggedAt).toBeDefined();
    expect(flaggedAt!).toBeLessThanOrEqual(Math.max(MIN_TOKENS, 2 * paragraphWords + RECENT_SHINGLES) + 20);
    expect(d.evidence).toBeDefined();
    expect(LOOP_PARAGRAPH.toLowerCase().replace(/[^a-z ]/g, '')).toContain(d.evidence!.toLowerCase().split(' ')[1]);
  });

  it('flags a Chinese loop (ideographs are tokens)', () => {
    const d = new LoopDetector();
    const para = '嗯，我现在需要再检查一下这个问题。首先，用户问的是蒸馏是什么，然后我要解释老师模型和学生模型之间的关系，最后给出一个简单的例子。';
    for (let i = 0; i < 10; i++) feedInChunks(d, para, 3);
    expect(d.looping).toBe(true);
  });

  it('never flags varied normal reasoning', () => {
    const d = new LoopDetector();
    const text = NORMAL_REASONING.join('\n\n');
    feedInChunks(d, text, 4);
    expect(d.looping).toBe(false);
    // Even restating the question a few times (as R1 does) stays below the threshold.
    const d2 = new LoopDetector();
    const restate = 'So the user wants to know how distillation works in DeepSeek-R1. ';
    for (const p of NORMAL_REASONING) feedInChunks(d2, `${restate}${p}\n\n`, 7);
    expect(d2.looping).toBe(false);
  });

  it('never flags short repeats below the minimum amount of text', () => {
    const d = new LoopDetector();
    for (let i = 0; i < 20; i++) d.push('Wait, hmm. Wait, hmm. ');
    expect(d.looping).toBe(false);
  });

  it('never flags the thinking of any recording', () => {
    for (const rec of loadRecordings()) {
      const s = new ThinkSplitter();
      const d = new LoopDetector();
      for (const c of rec.chunks) d.push(s.push(c.thinking ?? '', c.content).thinkingAdded);
      d.push(s.end().thinkingAdded);
      expect(d.looping, rec.file).toBe(false);
      expect(s.thinking.length, rec.file).toBeGreaterThan(0);
    }
  });

  it('never flags all recorded reasoning read as one long text', () => {
    // The recordings are shorter than MIN_TOKENS one by one; together they are ~1,900 words,
    // including two runs of the same prompt on the same model.
    const d = new LoopDetector();
    let words = 0;
    for (const rec of loadRecordings()) {
      const s = new ThinkSplitter();
      for (const c of rec.chunks) d.push(s.push(c.thinking ?? '', c.content).thinkingAdded);
      d.push(`${s.end().thinkingAdded} `);
      words += s.thinking.split(/\s+/).length;
      expect(d.looping, rec.file).toBe(false);
    }
    expect(words).toBeGreaterThan(MIN_TOKENS * 4);
  });

  it('clears again when the reasoning moves on (hysteresis)', () => {
    const d = new LoopDetector();
    for (let i = 0; i < 6; i++) d.push(`${vary(LOOP_PARAGRAPH, i)} `);
    expect(d.looping).toBe(true);
    feedInChunks(d, NORMAL_REASONING.join(' '), 9);
    expect(d.looping).toBe(false);
    expect(d.evidence).toBeUndefined();
  });

  it('gives the same answer whatever the chunking (words split across chunks)', () => {
    const text = Array.from({ length: 6 }, (_, i) => vary(LOOP_PARAGRAPH, i)).join(' ');
    const whole = new LoopDetector();
    whole.push(text);
    for (const size of [1, 2, 3, 11]) {
      const d = new LoopDetector();
      feedInChunks(d, text, size);
      expect(d.looping).toBe(whole.looping);
      expect(d.evidence).toBe(whole.evidence);
    }
  });

  it('reset() clears the state', () => {
    const d = new LoopDetector();
    for (let i = 0; i < 6; i++) d.push(`${LOOP_PARAGRAPH} `);
    expect(d.looping).toBe(true);
    d.reset();
    expect(d.looping).toBe(false);
    expect(d.evidence).toBeUndefined();
    d.push(LOOP_PARAGRAPH);
    expect(d.looping).toBe(false);
  });

  it('keeps memory bounded on a very long loop', () => {
    const d = new LoopDetector();
    for (let i = 0; i < 400; i++) d.push(`${vary(LOOP_PARAGRAPH, i)} step ${i}. `);
    const internals = d as unknown as { counts: Map<string, number>; history: string[]; recent: unknown[] };
    expect(internals.counts.size).toBeLessThanOrEqual(4000);
    expect(internals.history.length).toBeLessThanOrEqual(8001);
    expect(internals.recent.length).toBeLessThanOrEqual(1001);
  });
});
