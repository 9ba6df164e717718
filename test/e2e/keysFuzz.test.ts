/**
 * Issue 17 key fuzz against the real built CLI (`--demo` in a pty): a few hundred seeded random key
 * sequences and pastes (see test/fuzz/keySequences.ts), plus raw broken UTF-8 bytes, in random cuts.
 * The process must stay alive with its screen, and the draft typed first must be in the question that
 * Enter finally sends (read back from the saved conversation).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containsInOrder, draftSafe, mulberry32, randomSequence } from '../fuzz/keySequences.js';
import { e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp } from './helpers/pty.js';

const { cleanups } = e2eScope();
const SEED = 17_2026;
const SEQUENCES = 300;
const DRAFT = 'keep this draft';
const BROKEN_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe4, 0xb8]), Buffer.from([0xf0, 0x9f, 0x99]), Buffer.from([0x80, 0x80])];

describe('key fuzz (pty, built CLI)', () => {
  it(`${SEQUENCES} random sequences: alive, screen intact, the draft is sent whole`, async () => {
    const a = await spawnApp(['--demo'], { cols: 100, rows: 30, env: { OLLAMA_HOST: 'http://127.0.0.1:9' } });
    cleanups.push(() => a.dispose());
    let exited = false;
    void a.exited.then(() => (exited = true));
    await a.waitFor((s) => /DEMO/.test(s.split('\n')[0] ?? '') && /connected/.test(s.split('\n')[0] ?? '') && /F1 help/.test(s), 20_000);
    a.write(DRAFT);
    await a.waitFor(DRAFT);

    const random = mulberry32(SEED);
    const stream = draftSafe(Array.from({ length: SEQUENCES }, () => randomSequence(random)).join(''));
    let at = 0;
    while (at < stream.length) {
      const cut = at + 1 + Math.floor(random() * 64);
      a.write(stream.slice(at, cut));
      if (random() < 0.05) a.write(BROKEN_UTF8[Math.floor(random() * BROKEN_UTF8.length)]!);
      at = cut;
      await new Promise((r) => setTimeout(r, 2));
      expect(exited, `seed ${SEED}: the app exited at offset ${at}; screen:\n${a.screen()}`).toBe(false);
    }
    await a.settle(300, 5_000);
    for (let i = 0; i < 4; i++) {
      a.write(KEYS.esc);
      await new Promise((r) => setTimeout(r, 60));
    }
    await a.waitFor((s) => /F1 help/.test(s) && /connected/.test(s.split('\n')[0] ?? ''), 10_000);
    expect(exited).toBe(false);

    a.write(KEYS.enter);
    const dir = join(a.home, '.local', 'share', 'r1-tui', 'conversations');
    // the conversation file (not its lock) with its first line written whole
    const firstLine = (): string | undefined => {
      if (!existsSync(dir)) return undefined;
      const file = readdirSync(dir).find((f) => f.endsWith('.jsonl'));
      const text = file ? readFileSync(join(dir, file), 'utf8') : '';
      return text.includes('\n') ? text.split('\n')[0] : undefined;
    };
    await until(() => firstLine() !== undefined, 60_000, () => `the question saved after Enter; screen:\n${a.screen()}`, 100);
    const line = firstLine()!;
    const user = (JSON.parse(line) as { user: string }).user;
    expect(containsInOrder(user, DRAFT), `seed ${SEED}: the draft is not in ${JSON.stringify(user.slice(0, 300))}`).toBe(true);
    expect(exited).toBe(false);
  }, 120_000);
});
