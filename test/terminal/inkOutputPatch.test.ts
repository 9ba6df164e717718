/**
 * The patched Ink Output (shared caches, rows built from their writes and reused across frames) must
 * give byte-identical frames to Ink 6.8.0's own Output for the same writes: plain and styled text, CJK
 * and emoji, overlapping writes, clipping, transformers, rows outside the frame, repeated frames.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyPatches, INK_OUTPUT_PATCHES } from '../../src/terminal/inkPatchHooks.js';

const require = createRequire(import.meta.url);
const inkBuild = require.resolve('ink').replace(/index\.js$/, '');
const original = fs.readFileSync(`${inkBuild}output.js`, 'utf8');

interface StyledCharLike {
  type: string;
  value: string;
  fullWidth: boolean;
  styles: unknown[];
}
interface OutputLike {
  caches: { getStyledChars(line: string): StyledCharLike[] };
  write(x: number, y: number, text: string, options: { transformers: Array<(s: string, i: number) => string> }): void;
  clip(c: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (o: { width: number; height: number }) => OutputLike;

let Original: OutputClass;
let Patched: OutputClass;

beforeAll(async () => {
  // next to node_modules so the module's package imports (slice-ansi, string-width, ...) resolve
  const dir = path.join(process.cwd(), 'node_modules', '.cache', 'r1-tui-ink-output-test');
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return pathToFileURL(file).href;
  };
  Original = ((await import(write('original.mjs', original))) as { default: OutputClass }).default;
  Patched = ((await import(write('patched.mjs', applyPatches(original, INK_OUTPUT_PATCHES)))) as { default: OutputClass }).default;
});

const ESC = '\u001B';
const TEXTS = [
  'hello world',
  `${ESC}[32mgreen${ESC}[39m and plain`,
  `${ESC}[1m${ESC}[38;2;255;0;0mbold red${ESC}[39m${ESC}[22m`,
  '中文字符和表格',
  'emoji 🧠 thinks',
  '│ border │',
  'a\nb\nc',
  `${ESC}[7mline one${ESC}[27m\nline two is longer than the frame is wide, much longer indeed`,
  '',
  '   spaced   ',
];

type Op = ['write', number, number, string, boolean] | ['clip', number, number, number, number] | ['unclip'];

function randomOps(seed: number, width: number, height: number): Op[] {
  let s = seed;
  const rnd = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const ops: Op[] = [];
  let clips = 0;
  for (let i = 0; i < 30; i++) {
    const k = rnd(10);
    if (k === 0) {
      ops.push(['clip', rnd(width), rnd(width) + 1, rnd(height), rnd(height) + 1]);
      clips++;
    } else if (k === 1 && clips > 0) {
      ops.push(['unclip']);
      clips--;
    } else ops.push(['write', rnd(width + 4) - 2, rnd(height + 4) - 2, TEXTS[rnd(TEXTS.length)]!, rnd(4) === 0]);
  }
  return ops;
}

function frame(Cls: OutputClass, ops: Op[], width: number, height: number): string {
  const out = new Cls({ width, height });
  for (const op of ops) {
    if (op[0] === 'write') out.write(op[1], op[2], op[3], { transformers: op[4] ? [(line, i) => `${i}:${line.toUpperCase()}`] : [] });
    else if (op[0] === 'clip') out.clip({ x1: Math.min(op[1], op[2]), x2: Math.max(op[1], op[2]), y1: Math.min(op[3], op[4]), y2: Math.max(op[3], op[4]) });
    else out.unclip();
  }
  const got = out.get();
  return `${got.height}\n${got.output}`;
}

describe('patched Ink Output', () => {
  it('gives the same frames as Ink 6.8.0 for 300 random frames, each drawn twice (cached rows)', () => {
    let compared = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const width = 10 + (seed % 50);
      const height = 3 + (seed % 12);
      const ops = randomOps(seed, width, height);
      const expected = frame(Original, ops, width, height);
      expect(frame(Patched, ops, width, height), `seed ${seed}`).toBe(expected);
      expect(frame(Patched, ops, width, height), `seed ${seed}, second time`).toBe(expected);
      compared++;
    }
    expect(compared).toBe(300);
  });

  it('a row changed by one write is rebuilt, the others come from the cache', () => {
    const a = frame(Patched, [['write', 0, 0, 'top row', false], ['write', 0, 1, 'second', false]], 20, 3);
    const b = frame(Patched, [['write', 0, 0, 'top row', false], ['write', 0, 1, 'changed', false]], 20, 3);
    expect(a.split('\n')[1]).toBe(b.split('\n')[1]);
    expect(b.split('\n')[2]).toBe('changed');
  });

  it('caches styled chars as plain objects equal to ansi-tokenize\'s, one styles array per run of equal styles (patch 8)', () => {
    const caches = new Patched({ width: 40, height: 1 }).caches;
    for (const line of TEXTS) {
      const got = caches.getStyledChars(line);
      expect(got).toEqual(styledCharsFromTokens(tokenize(line)));
      for (const c of got) expect(Object.keys(c)).toEqual(['type', 'value', 'fullWidth', 'styles']);
    }
    // `green` shares one styles array, ` and plain` another (empty); the two runs differ
    const chars = caches.getStyledChars(`${ESC}[32mgreen${ESC}[39m and plain`);
    const green = chars.slice(0, 5).map((c) => c.styles);
    const plain = chars.slice(5).map((c) => c.styles);
    expect(new Set(green).size).toBe(1);
    expect(new Set(plain).size).toBe(1);
    expect(green[0]).not.toBe(plain[0]);
    expect(green[0]).toHaveLength(1);
    expect(plain[0]).toHaveLength(0);
  });
});
