/**
 * End-to-end flows: the built CLI (bin/r1-tui.js) in a real pseudo-terminal against the fake Ollama on
 * loopback. Issue 2 (a question gets an answer; Ctrl+C stops, then quits with the terminal restored),
 * issue 3 (thinking in the reasoning pane in both styles, no tags on screen, Ctrl+T folds to `Thought`),
 * issue 4 (the exact PROCESSOR label and the exact final eval rate).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama, type FakeOptions } from '../../src/fake/server.js';
import { defaultModels, withPlacement } from '../../src/fake/models.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const THINKING =
  'Okay, the user asks about distillation. The teacher writes reasoning traces, and a smaller student ' +
  'model is fine-tuned on them. Let me also mention that the student keeps the style of thinking.';
const ANSWER =
  'Distillation trains a small student model on reasoning traces written by a large teacher. ' +
  'The student learns to reason in the same style while running on modest hardware.';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function fake(opts: FakeOptions): Promise<FakeOllama> {
  const f = await startFakeOllama(opts);
  cleanups.push(() => f.close());
  return f;
}

async function app(args: string[], cols: number, rows: number): Promise<AppProcess> {
  const a = await spawnApp(args, { cols, rows });
  cleanups.push(() => a.dispose());
  return a;
}

async function ask(a: AppProcess, text: string): Promise<void> {
  a.write(text);
  await a.waitFor(text.slice(0, 20), 15_000);
  a.write(KEYS.enter);
}

/** Every grid row fits the terminal width and no raw think tag ever reached the screen. */
function expectCleanScreen(screen: string, cols: number): void {
  for (const row of screen.split('\n')) expect(row.length).toBeLessThanOrEqual(cols);
  expect(screen).not.toMatch(/<\/?think>/);
}

describe.each([
  [120, 40],
  [80, 24],
])('at %ix%i', (cols, rows) => {
  it.each(['field', 'tags'] as const)(
    'answers a question with %s-style thinking, shows the reasoning, folds it with Ctrl+T',
    async (style) => {
      const f = await fake({ thinkingStyle: style, script: () => scriptFromText(THINKING, ANSWER, 80) });
      const a = await app(['--host', f.url, '--model', 'deepseek-r1:32b'], cols, rows);
      await a.waitFor(/connected/, 15_000);
      expect(a.screen()).toContain('deepseek-r1:32b');
      await ask(a, 'What is distillation?');

      // The reasoning streams into the reasoning pane (open while thinking in the default mode).
      await a.waitFor('the student keeps the style', 20_000);
      // The answer reaches the chat pane.
      const done = await a.waitFor((s) => s.includes('modest hardware') && /\bidle\b|tok\/s/.test(s), 20_000);
      expectCleanScreen(done, cols);
      await a.settle(300, 5_000);

      // Ctrl+T toggles the pane; one of the two states is the folded `Thought …` line with seconds and tokens.
      a.write(KEYS.ctrlT);
      await a.settle(300, 5_000);
      const afterFirst = a.screen();
      a.write(KEYS.ctrlT);
      await a.settle(300, 5_000);
      const afterSecond = a.screen();
      const folded = [afterFirst, afterSecond].find((s) => /Thought \d+(\.\d)? s · \d[\d,]* tok/.test(s));
      const open = [afterFirst, afterSecond].find((s) => s.includes('the student keeps the style'));
      expect(folded, `no folded Thought line in:\n${afterFirst}\n---\n${afterSecond}`).toBeDefined();
      expect(open, 'the reasoning text never came back').toBeDefined();
      expectCleanScreen(afterFirst, cols);
      expectCleanScreen(afterSecond, cols);
      expect(a.fullClears).toBe(0);
    },
    60_000,
  );
});

describe('stopping and quitting', () => {
  it('Ctrl+C stops a streaming answer and keeps it; Ctrl+C when idle quits and restores the terminal', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Sentence ${i + 1} of a long answer.`).join(' ');
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Short thought.', long, 15) });
    const a = await app(['--host', f.url, '--model', 'deepseek-r1:32b'], 120, 40);
    await a.waitFor(/connected/, 15_000);
    await ask(a, 'Tell me a long story');
    await a.waitFor('Sentence 3 of', 20_000);
    a.write(KEYS.ctrlC);
    const stopped = await a.waitFor(/stopped/i, 10_000);
    expect(stopped).toContain('Sentence 1 of a long answer');
    expect(stopped).not.toContain('Sentence 60 of');
    await a.settle(500, 5_000);
    // The generation really stopped: the server saw the connection close.
    expect(f.active()).toBe(0);

    a.write(KEYS.ctrlC);
    const exit = await a.waitExit(10_000);
    expect(exit.exitCode).toBe(0);
    expect(a.terminalRestored()).toBe(true);
  }, 60_000);

  it('--demo works with no server at all', async () => {
    const a = await app(['--demo'], 100, 30);
    const first = await a.waitFor((s) => /DEMO/.test(s) && /connected/.test(s), 15_000);
    expect(first).toMatch(/deepseek-r1/);
    await ask(a, 'hello there');
    await a.waitFor(/demo backend/i, 30_000);
    a.write(KEYS.ctrlC);
    await a.waitFor((s) => !/thinking|answering/.test(s.split('\n').slice(0, 3).join('')), 10_000).catch(() => undefined);
  }, 60_000);
});

describe('performance panel', () => {
  it.each([
    [21943566336, 11401775104, '48%/52% CPU/GPU'],
    [5_000_000_000, 5_000_000_000, '100% GPU'],
    [5_000_000_000, 0, '100% CPU'],
  ])('shows the ollama ps label for size %i / vram %i and the exact final eval rate', async (size, vram, label) => {
    const models = withPlacement(defaultModels(), 'deepseek-r1:32b', size, vram);
    const script = () => ({
      ...scriptFromText(THINKING, ANSWER, 80),
      final: { eval_count: 187, eval_duration: 3_801_325_500, prompt_eval_count: 14, prompt_eval_duration: 48_110_200 },
    });
    const f = await fake({ models, thinkingStyle: 'field', script });
    const a = await app(['--host', f.url, '--model', 'deepseek-r1:32b'], 120, 40);
    await a.waitFor(/connected/, 15_000);
    await ask(a, 'What is distillation?');
    const streaming = await a.waitFor(/tok\/s/, 20_000);
    expect(streaming).toContain('tok/s');
    await a.waitFor('modest hardware', 20_000);
    // 187 / 3.8013255 s = 49.19 tok/s, the figure `ollama run --verbose` prints.
    await a.waitFor(/49\.19/, 20_000);
    // The placement comes from /api/ps, polled about once a second.
    const done = await a.waitFor(label, 10_000);
    expect(done).toContain('49.19');
    expect(done).toMatch(/RAM/);
    expect(done).toMatch(/VRAM n\/a/);
    // prompt eval rate: 14 / 0.0481102 s = 291.00
    expect(done).toContain('291.00');
  }, 60_000);
});
