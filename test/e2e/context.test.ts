/**
 * Issue 13 end to end, in a pty against the fake: the context gauge filling across turns with
 * num_ctx 2048 and the warnings (before sending, and what Ollama did after); the prompt-eval estimate
 * counting down on a slow fake; spill advice for a partly offloaded model (panel line and picker Tab).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModels, withPlacement } from '../../src/fake/models.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { ask, e2eScope } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const THINKING = 'Let me weigh how much of the window the history takes and what is left for thinking. '.repeat(4);
const QUESTION = 'Please explain the trade-offs of a small context window in detail, step by step. '.repeat(20);

const { fake, cleanups } = e2eScope();

function configHome(config: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-tui-ctx-'));
  fs.mkdirSync(path.join(dir, 'r1-tui'));
  fs.writeFileSync(path.join(dir, 'r1-tui', 'config.json'), `${JSON.stringify(config)}\n`);
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function app(host: string, cols: number, rows: number, env: Record<string, string> = {}): Promise<AppProcess> {
  const a = await spawnApp(['--host', host, '--model', MODEL], { cols, rows, env });
  cleanups.push(() => a.dispose());
  await a.waitFor((s) => (s.split('\n')[0] ?? '').includes('connected'), 15_000);
  return a;
}

/** Type a long question (the input box shows its end), wait for its last word, press Enter. */
async function askLong(a: AppProcess, n: number): Promise<void> {
  a.write(`${QUESTION}(question${n})`);
  // the input box wraps the text by characters: join its rows before looking for the marker
  await a.waitFor((s) => s.replace(/│\n│\s*/g, '').includes(`(question${n})`), 15_000);
  a.write(KEYS.enter);
}

/** The exact gauge (no ~) of the Performance panel: used tokens. */
function exactGauge(screen: string): number | undefined {
  const m = /ctx ([\d,]+) \/ 2,048/.exec(screen);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

describe('context window (issue 13)', () => {
  it('the gauge fills across turns with num_ctx 2048, the warning comes before sending, and the cut is told after', async () => {
    let n = 0;
    const f = await fake({
      models: withPlacement(defaultModels(), MODEL, 21943566336, 11401775104),
      tokensPerSecond: 400,
      promptTokensPerSecond: 20_000,
      script: () => scriptFromText(THINKING, `Short answer number ${++n}, ending with cherry${n}.`, 400),
    });
    const a = await app(f.url, 120, 40, { XDG_CONFIG_HOME: configHome({ numCtx: 2048 }) });
    await a.waitFor('ctx – / 2,048', 10_000); // the config num_ctx, before any turn
    const used: number[] = [];
    const seen = new Set<string>();
    const look = (s: string) => {
      if (/Won't fit num_ctx 2,048: prompt ~[\d,]+ \+ reply ~[\d,]+\. Try num_ctx 4,096/.test(s) || /Over num_ctx 2,048: chat ~[\d,]+ tok, Ollama drops the oldest/.test(s)) seen.add('warning');
      if (/Ollama (probably )?cut ~[\d,]+ tok of old messages/.test(s)) seen.add('cut');
      if (/Context overflowed while R1 wrote/.test(s)) seen.add('shift');
      if (/ctx ~[\d,]+ \/ 2,048/.test(s)) seen.add('live');
    };
    const watch = setInterval(() => look(a.screen()), 20);
    cleanups.push(async () => clearInterval(watch));
    for (let i = 1; i <= 5; i++) {
      await askLong(a, i);
      const screen = await a.waitFor((s) => s.includes(`cherry${i}`) && /\bidle\b/.test(s) && exactGauge(s) !== undefined, 30_000);
      look(screen);
      used.push(exactGauge(screen)!);
      if (seen.has('cut')) break;
    }
    // what Ollama did is told with the reply's done object: the same frame as idle or the next one
    look(await a.waitFor(/Ollama (probably )?cut ~[\d,]+ tok of old messages|Context overflowed while R1 wrote/, 10_000));
    expect(used.length).toBeGreaterThanOrEqual(3);
    expect(used[1]!).toBeGreaterThan(used[0]!);
    expect(used[2]!).toBeGreaterThan(used[1]!);
    expect(seen.has('live'), 'a live ~ gauge while streaming').toBe(true);
    expect(seen.has('warning'), 'the warning before sending').toBe(true);
    expect(seen.has('cut') || seen.has('shift'), 'what Ollama did afterwards').toBe(true);
    for (const row of a.screen().split('\n')) expect(row.length).toBeLessThanOrEqual(120);
  }, 120_000);

  it('counts the prompt-eval estimate down on a slow fake, from the rate measured on the turn before', async () => {
    const f = await fake({ tokensPerSecond: 400, promptTokensPerSecond: 80, script: () => scriptFromText('Thinking it over.', 'Done: cherry.', 400) });
    const a = await app(f.url, 120, 40);
    await askLong(a, 1);
    await a.waitFor((s) => s.includes('cherry') && /\bidle\b/.test(s), 30_000);
    await askLong(a, 2);
    const left = (s: string) => {
      const m = /prompt ~[\d,]+ tok · ~(\d+(?:\.\d)?) s left/.exec(s);
      return m ? Number(m[1]) : undefined;
    };
    const first = left(await a.waitFor((s) => left(s) !== undefined, 10_000))!;
    const later = await a.waitFor((s) => {
      const v = left(s);
      return v !== undefined && v < first;
    }, 15_000);
    expect(left(later)!).toBeLessThan(first);
    await a.waitFor((s) => s.includes('cherry') && /\bidle\b/.test(s), 30_000);
    // F2: estimate vs actual
    a.write('\u001BOQ');
    const f2 = await a.waitFor(/prompt eval: ~[\d.]+ s estimated for ~[\d,]+ tok, [\d.]+ s actual/, 10_000);
    expect(f2).toMatch(/context: [\d,]+ \/ ~?[\d,]+ · \d+%/);
  }, 120_000);

  it('advises on a partly offloaded model: a panel line, and the options with estimated splits in the picker detail', async () => {
    const f = await fake({ models: withPlacement(defaultModels(), MODEL, 21943566336, 11401775104), tokensPerSecond: 400, script: () => scriptFromText('Hm.', 'Yes: cherry.', 400) });
    const a = await app(f.url, 120, 40);
    await ask(a, 'Load it please');
    await a.waitFor((s) => s.includes('cherry') && s.includes('48%/52% CPU/GPU'), 30_000);
    await a.waitFor('spills 48% to CPU · Ctrl+P Tab', 10_000);
    a.write(KEYS.ctrlP);
    await a.waitFor('type to filter', 10_000);
    a.write('32b');
    await a.waitFor('32b▏', 10_000);
    a.write(KEYS.tab);
    const detail = await a.waitFor(/Spills to the CPU \(48%\/52% CPU\/GPU\)/, 10_000);
    // the text of the left pane (the picker), its rows joined
    const joined = detail
      .split('\n')
      .map((l) => l.split('│')[1] ?? '')
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(joined).toMatch(/OLLAMA_KV_CACHE_TYPE=q8_0 \(−[\d.]+ GiB, if the server does not use it already\) → est\. \d+%\/\d+% CPU\/GPU/);
    expect(joined).toMatch(/num_ctx 2,048 \(−[\d.]+ GiB KV cache\) → est\. \d+%\/\d+% CPU\/GPU/);
    expect(joined).toMatch(/VRAM \(estimates\)/);
  }, 120_000);
});
