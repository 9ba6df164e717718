/**
 * Issue 4 end to end: the performance panel against the fake with a partial CPU/GPU split, a full GPU and
 * CPU only shows the exact `ollama ps` PROCESSOR label, a live tok/s while streaming, and after the done
 * object the exact eval rate = eval_count / eval_duration to two decimals. The done object is captured by
 * a small loopback proxy between the app and the fake, so the expected figure comes from what was really
 * sent (the fake measures eval_duration itself), not from a constant. RAM is shown, and VRAM says n/a
 * honestly on this GPU-less machine.
 */
import { describe, expect, it } from 'vitest';
import { defaultModels, withPlacement } from '../../src/fake/models.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { e2eScope, until } from './helpers/scope.js';
import { doneCapturingProxy } from './helpers/doneProxy.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const THINKING = 'Let me think about how the layers are split between the processor and the graphics card.';
const ANSWER =
  'Layers that do not fit in video memory run on the processor, which is slower. The more layers on the ' +
  'GPU, the faster each token comes out, and this answer ends with the word cherry.';

/** Long enough (~4 s at 30 tok/s) that a loaded machine still draws a live rate before the end. */
const LONG_ANSWER = `${'Think of the memory as two rooms of different speed. '.repeat(8)}${ANSWER}`;

const { fake, cleanups } = e2eScope();

async function app(host: string, cols: number, rows: number): Promise<AppProcess> {
  const a = await spawnApp(['--host', host, '--model', MODEL], { cols, rows });
  cleanups.push(() => a.dispose());
  return a;
}

describe('performance panel', () => {
  it.each([
    [120, 40, 21943566336, 11401775104, '48%/52% CPU/GPU'],
    [120, 40, 5_000_000_000, 5_000_000_000, '100% GPU'],
    [120, 40, 5_000_000_000, 0, '100% CPU'],
    [80, 24, 21943566336, 11401775104, '48%/52% CPU/GPU'],
  ])('at %ix%i, size %i / vram %i: label %s, live tok/s, exact final eval rate, RAM, VRAM n/a', async (cols, rows, size, vram, label) => {
    const models = withPlacement(defaultModels(), MODEL, size, vram);
    const f = await fake({ models, thinkingStyle: 'field', script: () => scriptFromText(THINKING, LONG_ANSWER, 30) });
    const proxy = await doneCapturingProxy(f, cleanups);
    const a = await app(proxy.url, cols, rows);
    await a.waitFor((s) => /connected/.test(s.split('\n')[0] ?? '') && (s.split('\n')[0] ?? '').includes(MODEL), 15_000);
    a.write('How are the layers split?');
    await a.waitFor('layers split?', 10_000);
    a.write(KEYS.enter);

    // live rate while the reply is still streaming
    const live = await a.waitFor((s) => /\d+(\.\d+)? tok\/s/.test(s) && !s.includes('cherry'), 20_000);
    expect(f.active(), 'the live rate must show while streaming').toBe(1);
    expect(live).toMatch(/\d+(\.\d+)? tok\/s/);

    await a.waitFor('cherry', 20_000);
    await until(() => proxy.dones.length > 0, 10_000, 'the done object to pass the proxy');
    const done = proxy.dones.at(-1);
    const exact = (done!.eval_count / (done!.eval_duration / 1e9)).toFixed(2);
    const screen = await a.waitFor((s) => s.includes(exact) && s.includes(label), 15_000);
    expect(screen).toContain(`${exact}`);
    expect(screen).toContain(label);
    expect(screen).toMatch(/RAM/);
    if (cols >= 100) expect(screen).toMatch(/VRAM n\/a/);
    for (const row of screen.split('\n')) expect(row.length).toBeLessThanOrEqual(cols);
  }, 60_000);
});
