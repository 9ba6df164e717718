/**
 * Issue 2 end to end: the built CLI in a real pty (node-pty + xterm headless) against the fake Ollama.
 * A question gets its answer on the screen at 120x40 and 80x24; the header names the model and says
 * `connected`; Ctrl+C stops a stream and keeps the partial answer marked [stopped]; Ctrl+C when idle
 * quits with exit code 0 and a restored terminal; --demo needs no server; CJK keeps the borders straight.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../../src/fake/scripts.js';
import { ask, e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const ANSWER =
  'Quantization stores each weight in fewer bits, so a 32B model fits in less memory. ' +
  'The cost is a small loss of accuracy, and the answer ends with the word pineapple.';

const { fake, cleanups } = e2eScope();

async function app(args: string[], cols: number, rows: number, env?: Record<string, string>): Promise<AppProcess> {
  const a = await spawnApp(args, { cols, rows, env });
  cleanups.push(() => a.dispose());
  return a;
}

const headerRow = (screen: string): string => screen.split('\n')[0] ?? '';

/** Every row fits; every boxed row spans exactly the width and ends on a border character. */
function expectStraightBorders(screen: string, cols: number): void {
  const rows = screen.split('\n');
  for (const row of rows) expect(stringWidth(row), `row wider than ${cols}: ${row}`).toBeLessThanOrEqual(cols);
  const boxed = rows.filter((r) => /^[│┌└]/.test(r));
  expect(boxed.length).toBeGreaterThan(3);
  for (const row of boxed) {
    expect(stringWidth(row), `boxed row not ${cols} cells wide:\n${row}`).toBe(cols);
    expect(row, `right border broken:\n${row}`).toMatch(/[│┐┘]$/);
  }
}

describe.each([
  [120, 40],
  [80, 24],
])('chat at %ix%i', (cols, rows) => {
  it('answers a typed question on screen; the header names the model and says connected', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Let me think briefly.', ANSWER, 200) });
    const a = await app(['--host', f.url, '--model', MODEL], cols, rows);
    const start = await a.waitFor((s) => /connected/.test(headerRow(s)) && headerRow(s).includes(MODEL), 15_000);
    expect(headerRow(start)).toContain(MODEL);
    await ask(a, 'What does quantization do?');
    const done = await a.waitFor('pineapple', 20_000);
    // the question went to the server with the history
    const chat = f.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length);
    expect(chat.at(-1)?.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'What does quantization do?' });
    expect(done).toContain('What does quantization do?');
    expectStraightBorders(done, cols);
    expect(a.fullClears).toBe(0);
  }, 60_000);

  it('keeps the borders straight with a CJK question and answer', async () => {
    const thinking = '用户问的是蒸馏。让我想一想：老师模型生成推理过程，学生模型在这些过程上微调。';
    const answer = '蒸馏是用大模型生成的推理数据来训练小模型的方法。小模型因此学会类似的思考方式，结尾是西瓜。';
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText(thinking, answer, 200) });
    const a = await app(['--host', f.url, '--model', MODEL], cols, rows);
    await a.waitFor((s) => /connected/.test(headerRow(s)) && headerRow(s).includes(MODEL), 15_000);
    await ask(a, '什么是知识蒸馏？请详细解释一下这个概念');
    const done = await a.waitFor('结尾是西瓜', 20_000);
    // the turn's last frame: the signature row shows the exact rate from the done object
    const ended = await a.waitFor((s) => /— deepseek-r1:32b · .*tok\/s/.test(s), 10_000);
    expectStraightBorders(ended, cols);
    expect(done).toContain('什么是知识蒸馏');
  }, 60_000);
});

describe('stopping and quitting', () => {
  it('Ctrl+C while streaming keeps the partial answer marked stopped; Ctrl+C when idle quits cleanly', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `Sentence ${i + 1} of a long answer.`).join(' ');
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Short thought.', long, 25) });
    const a = await app(['--host', f.url, '--model', MODEL], 120, 40);
    await a.waitFor((s) => /connected/.test(headerRow(s)) && headerRow(s).includes(MODEL), 15_000);
    await ask(a, 'Tell me a long story');
    await a.waitFor('Sentence 3 of', 20_000);
    a.write(KEYS.ctrlC);
    const stopped = await a.waitFor('[stopped]', 10_000);
    expect(stopped).toContain('Sentence 1 of a long answer');
    expect(stopped).not.toContain('Sentence 80 of');
    // the server saw the request go away: generation really stopped
    await until(() => f.active() === 0, 5_000, 'the server to see the request end');

    a.write(KEYS.ctrlC);
    const exit = await a.waitExit(10_000);
    expect(exit.exitCode).toBe(0);
    const raw = a.raw();
    expect(a.terminalRestored()).toBe(true);
    const tail = raw.slice(raw.lastIndexOf('\u001B[?1049l'));
    expect(tail).toContain('\u001B[?25h');
  }, 60_000);

  it('--demo answers with no server running', async () => {
    // OLLAMA_HOST points at a closed port: the demo must not need it
    const a = await app(['--demo'], 100, 30, { OLLAMA_HOST: 'http://127.0.0.1:9' });
    await a.waitFor((s) => /DEMO/.test(headerRow(s)) && /connected/.test(headerRow(s)) && /deepseek-r1/.test(headerRow(s)), 20_000);
    await ask(a, 'hello there');
    await a.waitFor(/demo backend/i, 30_000);
    await a.waitFor((s) => !/answering|thinking/.test(headerRow(s) + s.split('\n').slice(-3).join('')), 30_000).catch(() => undefined);
    a.write(KEYS.ctrlC);
    await a.settle(300, 3_000);
    a.write(KEYS.ctrlC);
    const exit = await a.waitExit(10_000);
    expect(exit.exitCode).toBe(0);
    expect(a.terminalRestored()).toBe(true);
  }, 60_000);
});
