/**
 * Issue 8, end to end: Alt+R in the TUI runs the typed prompt on two chosen models and shows the bench
 * table; each model's EVAL tok/s is exactly eval_count / eval_duration of the done object the fake sent
 * for that model (captured by a proxy), and the chat gets no new turn.
 */
import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../../src/fake/scripts.js';
import { evalRate, formatRate } from '../../src/core/verbose.js';
import { doneCapturingProxy } from './helpers/doneProxy.js';
import { e2eScope } from './helpers/scope.js';
import { spawnApp, KEYS } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const ALT_R = '\u001Br';
const { fake, cleanups } = e2eScope();
const header = (s: string): string => s.split('\n')[0] ?? '';
const cursorRow = (s: string): string => s.split('\n').find((r) => r.includes('▶ [')) ?? '';

describe('compare models inside the TUI (Alt+R)', () => {
  it('runs the prompt on two models and shows figures that match what Ollama reported', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('A short thought.', 'Because of Rayleigh scattering.', 300) });
    const proxy = await doneCapturingProxy(f, cleanups);
    const a = await spawnApp(['--host', proxy.url, '--model', MODEL], { cols: 120, rows: 40 });
    cleanups.push(() => a.dispose());
    await a.waitFor((s) => /connected/.test(header(s)) && header(s).includes(MODEL), 15_000);
    a.write('Why is the sky blue?');
    await a.waitFor('Why is the sky blue?', 10_000);
    a.write(ALT_R);
    await a.waitFor((s) => s.includes('Compare models') && cursorRow(s) !== '', 10_000);
    // move to a model that is not ticked yet and tick it
    for (let i = 0; i < 8; i++) {
      const from = cursorRow(a.screen());
      a.write(KEYS.down);
      const moved = await a.waitFor((s) => cursorRow(s) !== '' && cursorRow(s) !== from, 5_000);
      if (cursorRow(moved).includes('[ ]')) break;
    }
    const second = /\[ \]\s+(\S+)/.exec(cursorRow(a.screen()))?.[1];
    expect(second).toBeDefined();
    a.write(' ');
    await a.waitFor((s) => cursorRow(s).includes('[x]'), 5_000);
    a.write(KEYS.enter);
    const done = await a.waitFor(/Compare models · done/, 120_000);

    const rates = new Map<string, string>();
    for (const d of proxy.dones) if (d.model && d.eval_count > 0) rates.set(d.model, formatRate(evalRate({ evalCount: d.eval_count, evalDuration: d.eval_duration } as never)!));
    for (const model of [MODEL, second!]) {
      const row = done.split('\n').find((r) => r.includes(`│ ${model} `) && / s /.test(r));
      expect(row, `${model} row in\n${done}`).toBeDefined();
      expect(rates.get(model), `done object for ${model}`).toBeDefined();
      expect(row).toContain(` ${rates.get(model)} `);
    }
    // the chat is untouched: no turn was added
    a.write(KEYS.esc);
    const after = await a.waitFor((s) => !s.includes('Compare models'), 10_000);
    expect(after).not.toContain('Rayleigh');
  }, 150_000);
});
