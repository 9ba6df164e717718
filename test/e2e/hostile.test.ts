/**
 * Issue 7 hostile model output, end to end: the fake's thinking and answer carry OSC 52 clipboard writes,
 * OSC 0/2 title changes, CSI screen clears and cursor moves, C1 controls and bidi overrides (some split
 * across chunks). The RAW bytes the app writes must hold none of them (only the app's own sequences), and
 * the screen shows the harmless text. A 1 MB answer and a 10,000-line paste must not hang the app.
 */
import { describe, expect, it } from 'vitest';
import type { FakeOllama } from '../../src/fake/server.js';
import type { FakeChunk, FakeScript } from '../../src/fake/types.js';
import { ask, e2eScope } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';

const HOSTILE = [
  'Start SAFE-ONE ',
  '\u001B]52;c;ZWNobyBwd25lZA==\u0007',
  'SAFE-TWO ',
  '\u001B]0;pwned title\u0007',
  '\u001B]2;other title\u001B\\',
  '\u001B[2J\u001B[3J\u001B[H\u001B[10;10H\u001B[5A',
  'SAFE-THREE ',
  '\u009B31m\u009D0;c1 title\u009C\u0090dcs\u009C',
  '\u202Eevil\u202C \u2066iso\u2069 \u202Dlro\u202A',
  'SAFE-FOUR ',
  // split across chunks: the escape starts at one chunk's end and finishes in the next
  '\u001B]5',
  '2;c;c3BsaXQ=\u0007SAFE-FIVE \u001B',
  '[2JSAFE-SIX end.',
];

function hostileScript(): FakeScript {
  const chunks: FakeChunk[] = [
    ...HOSTILE.map((t) => ({ dtMs: 10, thinking: t.replace(/SAFE-/g, 'THINK-'), content: '' })),
    ...HOSTILE.map((c) => ({ dtMs: 10, content: c })),
  ];
  return { chunks, doneDtMs: 10 };
}

const { fake, cleanups } = e2eScope();

async function app(f: FakeOllama, cols = 120, rows = 40): Promise<AppProcess> {
  const a = await spawnApp(['--host', f.url, '--model', MODEL], { cols, rows });
  cleanups.push(() => a.dispose());
  await a.waitFor((s) => /connected/.test(s.split('\n')[0] ?? '') && (s.split('\n')[0] ?? '').includes(MODEL), 15_000);
  return a;
}

/** Every escape sequence in the raw output that is not one the app itself uses for drawing. */
function foreignSequences(raw: string): string[] {
  const sequence = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|.)/gsu;
  const allowed = [
    /^\u001B\[[\d;:]*m$/, // SGR colours
    /^\u001B\[\d*(;\d*)?[HfABCDEFGK]$/, // cursor positioning and line erase
    /^\u001B\[(\d+;\d+)?r$/, // scroll region set and reset (the screen writer's terminal scrolling)
    /^\u001B\[\d*[ST]$/, // scroll up / down inside it
    /^\u001B\[[0-2]?J$/, // erase below (not the full clears 2J/3J, checked separately)
    /^\u001B\[\?(2026|25|1049|7|2004|1004)[hl]$/, // sync update, cursor, alt screen, wrap, paste/focus modes
    /^\u001B[78]$/, // save / restore the cursor (the screen writer's way back to the caret)
  ];
  const foreign: string[] = [];
  for (const m of raw.matchAll(sequence)) {
    const s = m[0];
    if (s === '\u001B[2J' || s === '\u001B[3J' || !allowed.some((re) => re.test(s))) foreign.push(s);
  }
  return foreign;
}

const show = (s: string) => JSON.stringify(s);

describe('hostile model output', () => {
  it('no escape, C1 or bidi sequence from the model reaches the terminal; the text stays readable', async () => {
    const f = await fake({ thinkingStyle: 'field', script: hostileScript });
    const a = await app(f);
    const startClears = a.fullClears;
    await ask(a, 'Say something nasty');
    const screen = await a.waitFor((s) => s.includes('SAFE-SIX end.'), 20_000);
    await a.settle(400, 5_000);
    for (const word of ['SAFE-ONE', 'SAFE-TWO', 'SAFE-THREE', 'SAFE-FOUR', 'SAFE-FIVE']) expect(screen).toContain(word);
    // the reasoning got the same treatment (the open pane, or its text when unfolded)
    if (!/THINK-SIX/.test(a.screen())) {
      a.write(KEYS.ctrlT);
      await a.settle(300, 5_000);
    }
    expect(a.screen()).toContain('THINK-SIX');

    const raw = a.raw();
    for (const needle of ['\u001B]52', '\u001B]0;', '\u001B]2;', '\u009B', '\u009D', '\u0090', '\u202E', '\u202D', '\u2066', '\u2069']) {
      expect(raw.includes(needle), `raw output contains ${show(needle)}`).toBe(false);
    }
    expect(raw).not.toContain('pwned');
    expect(a.fullClears - startClears).toBe(0);
    expect(foreignSequences(raw).slice(0, 10)).toEqual([]);
  }, 60_000);

  it('a 1 MB answer streams to the end and the app still answers keys', async () => {
    const block = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore. ';
    const chunk = block.repeat(10); // ~1 KB
    const chunks: FakeChunk[] = Array.from({ length: 1024 }, () => ({ dtMs: 1, content: chunk }));
    chunks.push({ dtMs: 1, content: ' FINAL-MARKER-XYZ.' });
    const f = await fake({ thinkingStyle: 'field', script: () => ({ chunks, doneDtMs: 1 }) });
    const a = await app(f);
    await ask(a, 'Give me a megabyte');
    await a.waitFor('FINAL-MARKER-XYZ', 90_000);
    await a.settle(300, 10_000);
    a.write('still alive');
    await a.waitFor('still alive', 15_000);
    expect(a.fullClears).toBe(0);
  }, 120_000);

  it('a 10,000-line paste into the input does not hang the app', async () => {
    const f = await fake({ thinkingStyle: 'field' });
    const a = await app(f);
    const paste = Array.from({ length: 10_000 }, (_, i) => `paste line ${i + 1}`).join('\n');
    const started = Date.now();
    a.write(paste);
    await a.waitFor('paste line 10000', 60_000);
    // and it still responds to a key afterwards
    a.write(' tail-key');
    await a.waitFor('tail-key', 20_000);
    const took = Date.now() - started;
    expect(took, `paste took ${took} ms`).toBeLessThan(60_000);
  }, 120_000);
});
