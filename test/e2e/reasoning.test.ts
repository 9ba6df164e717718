/**
 * Issue 3 end to end: against the fake in both thinking styles (the `thinking` field and raw `<think>`
 * tags in content), at 120x40 and 80x24, the thinking streams into the reasoning pane and the answer into
 * the chat; no think tag ever reaches the terminal; Ctrl+T folds to a `Thought …` line whose seconds and
 * token count match what the fake streamed, and unfolds again; a looping stream raises the loop banner
 * while it still streams, a normal one never does. Waits are on conditions, never fixed sleeps.
 */
import { describe, expect, it } from 'vitest';
import type { FakeOllama } from '../../src/fake/server.js';
import { pieces, reasoningPieces } from '../../src/fake/tokenize.js';
import type { FakeScript } from '../../src/fake/types.js';
import { ask, e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const THINKING =
  'Okay, the user asks about the attention mechanism. Let me recall how queries, keys and values work. ' +
  'Each token looks at every other token and weighs them. I should keep it short and finish with kiwi.';
const ANSWER = 'Attention lets every token weigh every other token when it builds its representation, ending with mango.';
const THINK_GAP_MS = 60; // ~16.7 thinking tok/s: long enough to watch, short enough for the suite
const ANSWER_GAP_MS = 8;

const THINKING_TOKENS = reasoningPieces(THINKING).length;
/** First to last thinking token, as the fake paces them. */
const THINKING_MS = (THINKING_TOKENS - 1) * THINK_GAP_MS;

function script(): FakeScript {
  return {
    chunks: [
      ...reasoningPieces(THINKING).map((t) => ({ dtMs: THINK_GAP_MS, thinking: t, content: '' })),
      ...pieces(ANSWER).map((c) => ({ dtMs: ANSWER_GAP_MS, content: c })),
    ],
    doneDtMs: ANSWER_GAP_MS,
  };
}

const { fake, cleanups } = e2eScope();

async function app(f: FakeOllama, cols: number, rows: number): Promise<AppProcess> {
  const a = await spawnApp(['--host', f.url, '--model', MODEL], { cols, rows });
  cleanups.push(() => a.dispose());
  await a.waitFor((s) => /connected/.test(s.split('\n')[0] ?? '') && (s.split('\n')[0] ?? '').includes(MODEL), 15_000);
  return a;
}

const LOOP_BANNER = /⟳ (The model seems to be repeating itself|Repeating itself|Looping)/;
const THOUGHT = /Thought (\d+(?:\.\d)?) s · ([\d,]+) tok(?: · ([\d.]+) tok\/s)?/;
/** The pane folded to its Thought line (the thinking text is gone), or open with the whole thinking. */
const isFolded = (s: string): boolean => THOUGHT.test(s) && !s.includes('finish with kiwi');
const isOpen = (s: string): boolean => s.includes('finish with kiwi');

/** Watches every screen the app draws: any think tag or loop banner seen at any time is recorded. */
function watchScreens(a: AppProcess) {
  const seen = { tag: '', loop: '' };
  const check = (s: string): void => {
    if (!seen.tag && /<\/?think>/.test(s)) seen.tag = s;
    if (!seen.loop && LOOP_BANNER.test(s)) seen.loop = s;
  };
  return {
    seen,
    waitFor: (pred: (s: string) => boolean, timeoutMs: number) =>
      a.waitFor((s) => {
        check(s);
        return pred(s);
      }, timeoutMs),
  };
}

describe.each([
  [120, 40],
  [80, 24],
])('reasoning at %ix%i', (cols, rows) => {
  it.each(['field', 'tags'] as const)(
    '%s style: thinking in the pane, answer in the chat, no tags, Ctrl+T folds to Thought with the streamed figures',
    async (style) => {
      const f = await fake({ thinkingStyle: style, script });
      const a = await app(f, cols, rows);
      const watch = watchScreens(a);
      const asked = Date.now();
      await ask(a, 'Explain attention briefly');

      // while it thinks: the thinking text is on screen, the answer is not there yet
      const thinking = await watch.waitFor((s) => s.includes('weighs them'), 20_000);
      expect(thinking).not.toContain('mango');
      expect(thinking).toMatch(/thinking/i);

      const done = await watch.waitFor((s) => s.includes('ending with mango.') && /Thought|kiwi/.test(s), 20_000);
      const sawDoneMs = Date.now() - asked;
      expect(done).toContain('Attention lets every token');
      // the turn is over before the pane is toggled: the server sent done, and the answer's signature row
      // shows the exact rate (drawn from the done object's metrics, so only once the turn ended)
      await until(() => f.active() === 0, 10_000, 'the server to finish the reply');
      const idle = await a.waitFor((s) => /— deepseek-r1:32b · .*tok\/s/.test(s) && (isFolded(s) || isOpen(s)), 10_000);

      // each Ctrl+T flips the pane: folded, open, folded (or open, folded, open); each wait is the check
      const states = [idle];
      for (let i = 0; i < 2; i++) {
        const wasFolded = isFolded(states.at(-1)!);
        a.write(KEYS.ctrlT);
        states.push(await a.waitFor((s) => (wasFolded ? isOpen(s) : isFolded(s)), 10_000));
      }
      const foldedAt = states.map(isFolded);
      const folded = states.find((_, i) => foldedAt[i])!;
      const open = states.find((_, i) => !foldedAt[i])!;
      expect(open).toContain('finish with kiwi');

      const m = THOUGHT.exec(folded)!;
      const seconds = Number(m[1]);
      const tokens = Number(m[2]!.replace(/,/g, ''));
      // tokens: the thinking chunks streamed (the tags style may count the tag-adjacent newline piece)
      expect(Math.abs(tokens - THINKING_TOKENS), m[0]).toBeLessThanOrEqual(style === 'tags' ? 2 : 0);
      // seconds: first to last thinking token as the app received them. Structural bounds that hold on a
      // busy machine: no longer than the test saw the whole turn take, and not a fraction of the paced
      // stream (the fake keeps its schedule, so a stall before the first token shortens the gap by the
      // stall; a quarter of THINKING_MS allows a stall of 1.8 s)
      expect(seconds * 1000, `${m[0]} vs the turn's ${sawDoneMs} ms`).toBeLessThanOrEqual(sawDoneMs + 50);
      expect(seconds * 1000, `${m[0]} vs ${THINKING_MS} ms paced`).toBeGreaterThanOrEqual(THINKING_MS / 4);
      if (m[3] !== undefined) {
        const rate = Number(m[3]);
        expect(Math.abs(rate - tokens / seconds) / rate, m[0]).toBeLessThan(0.1);
      }

      for (const s of [...states, thinking, done]) {
        for (const row of s.split('\n')) expect(row.length).toBeLessThanOrEqual(cols);
      }
      expect(watch.seen.tag, 'a think tag was on screen').toBe('');
      expect(a.raw()).not.toMatch(/<\/?think>/);
      expect(watch.seen.loop, 'a normal stream raised the loop banner').toBe('');
      expect(a.screen()).not.toMatch(LOOP_BANNER);
    },
    60_000,
  );
});

describe('thinking loops', () => {
  it('a looping stream raises the banner while it still streams', async () => {
    const f = await fake({ thinkingStyle: 'field', tokensPerSecond: 60 });
    const a = await app(f, 120, 40);
    await ask(a, 'Which case applies here? loop');
    await a.waitFor(/thinking/i, 15_000);
    // no timed bound beyond the wait itself (timing belongs in the bench): raised while the loop still streams
    const banner = await a.waitFor(LOOP_BANNER, 20_000);
    expect(f.active()).toBe(1); // still streaming when it was raised
    expect(banner).not.toMatch(/<\/?think>/);
    a.write(KEYS.esc);
    await a.waitFor('[stopped]', 10_000);
  }, 60_000);
});
