import {
  CHINESE_SCRIPT,
  COMPARE_SCRIPT,
  DEMO_SCRIPT,
  ENGLISH_SCRIPTS,
  GREETING_ANSWER,
  GREETING_WORDS,
  LONG_THOUGHTS,
  LONG_TOPICS,
  LOOP_OPENING,
  LOOP_SENTENCES,
  type ScriptText,
} from './scriptTexts.js';
import { pieces, reasoningPieces } from './tokenize.js';
import type { FakeChunk, FakeScript, RecordedRequest } from './types.js';

/** Build a script from reasoning and answer text, one piece per chunk, evenly paced. */
export function scriptFromText(thinking: string, answer: string, tokensPerSecond: number): FakeScript {
  const dtMs = 1000 / Math.max(0.001, tokensPerSecond);
  const chunks: FakeChunk[] = [
    ...reasoningPieces(thinking).map((t) => ({ dtMs, thinking: t, content: '' })),
    ...pieces(answer).map((c) => ({ dtMs, content: c })),
  ];
  return { chunks, doneDtMs: dtMs };
}

/** Reasoning that keeps going round in circles; ends by hitting the length limit, as real loops do. */
export function loopingScript(tokensPerSecond: number, repeats = 30): FakeScript {
  let thinking = LOOP_OPENING;
  for (let i = 0; i < repeats; i++) thinking += (i === 0 ? '' : ' ') + LOOP_SENTENCES.join('');
  const script = scriptFromText(thinking, '', tokensPerSecond);
  return { ...script, final: { done_reason: 'length' } };
}

/** About 2,000 tokens (reasoning plus a long Markdown answer), for benchmarks. */
export function longScript(tokensPerSecond: number): FakeScript {
  const thoughts: string[] = ['Okay, this needs a long and complete answer. Let me plan the sections first.'];
  thoughts.push(' I should define each term before I use it and give one concrete number per section.');
  thoughts.push(...LONG_THOUGHTS);
  const thinking = `${thoughts.join('')}\n`;
  const sections: string[] = ['# A long answer\n\n'];
  LONG_TOPICS.forEach((topic, i) => {
    sections.push(`## ${i + 1}. About ${topic}\n\n`);
    sections.push(
      `This section is about ${topic}. It starts with the idea, gives an example, and ends with a practical ` +
        'hint. The example uses round numbers so that the arithmetic is easy to follow on screen, and the hint ' +
        'is something you can try on your own machine with a local model and the tools that come with it.\n\n',
    );
    sections.push(
      `- First point on ${topic}: the effect is easy to measure.\n` +
        `- Second point: the numbers change with the model size and the hardware.\n` +
        `- Third point: a slower machine shows the same pattern, only stretched out in time.\n\n`,
    );
    sections.push(
      'In practice, the difference shows up as soon as you compare two runs side by side: one with the ' +
        'default settings and one with a single value changed. Keep everything else the same, so that the ' +
        'comparison is fair.\n\n',
    );
    sections.push('```text\n' + `step ${i + 1}: measure, compare, write the result down\n` + '```\n\n');
  });
  sections.push('That covers every part of the question.\n');
  return scriptFromText(thinking, sections.join(''), tokensPerSecond);
}

/**
 * A greeting reply with an empty reasoning block, sent raw as R1 does: `<think>`, `\n\n`,
 * `</think>`, `\n\n`, then the answer. The field style parses the tags away.
 */
export function greetingScript(tokensPerSecond: number): FakeScript {
  const dtMs = 1000 / Math.max(0.001, tokensPerSecond);
  const raw = ['<think>', '\n\n', '</think>', '\n\n', ...pieces(GREETING_ANSWER)];
  return { chunks: raw.map((content) => ({ dtMs, content })), doneDtMs: dtMs };
}

function lastUserText(req: RecordedRequest): string {
  const messages: unknown = req.body?.messages;
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown };
    if (m?.role === 'user' && typeof m.content === 'string') return m.content;
  }
  return '';
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

const ALL_TEXTS: ScriptText[] = [DEMO_SCRIPT, CHINESE_SCRIPT, ...ENGLISH_SCRIPTS, COMPARE_SCRIPT];

/** The text script a message selects (without `loop` / `long`): keywords first, then a stable rotation. */
export function pickScriptText(message: string): ScriptText {
  if (/[\u4e00-\u9fff]/.test(message)) return CHINESE_SCRIPT;
  const ws = words(message);
  for (const text of ALL_TEXTS) {
    if (text.keywords.some((k) => ws.some((w) => w === k || (k.length > 3 && w.startsWith(k))))) return text;
  }
  let hash = 0;
  for (const ch of message) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return ENGLISH_SCRIPTS[hash % ENGLISH_SCRIPTS.length]!;
}

/**
 * Default script for a chat request: "loop" in the user's last message → looping reasoning,
 * "long" → the ~2,000-token script, otherwise a keyword-selected reasoning + answer pair.
 */
export function syntheticScript(req: RecordedRequest, tokensPerSecond: number): FakeScript {
  const message = lastUserText(req);
  const ws = words(message);
  if (ws.includes('loop') || ws.includes('looping')) return loopingScript(tokensPerSecond);
  if (ws.includes('long')) return longScript(tokensPerSecond);
  if (ws.length > 0 && ws.length <= 3 && ws.some((w) => GREETING_WORDS.includes(w))) return greetingScript(tokensPerSecond);
  const text = pickScriptText(message);
  return scriptFromText(text.thinking, text.answer, tokensPerSecond);
}

/** The script that says plainly that this is the demo backend (for the app's --demo first turn). */
export function demoScript(tokensPerSecond: number): FakeScript {
  return scriptFromText(DEMO_SCRIPT.thinking, DEMO_SCRIPT.answer, tokensPerSecond);
}
