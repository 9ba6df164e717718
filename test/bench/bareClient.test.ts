/** The bench's bare client: with --warmup-tokens it streams a warm-up chat it stops itself, then the measured one. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../../src/fake/server.js';

const run = promisify(execFile);
const script = path.resolve(__dirname, '../../bench/bareClient.mjs');
let fake: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chats = (f: FakeOllama) => f.requests.filter((r) => r.path === '/api/chat').length;

describe('bench bare client warm-up', () => {
  it('--warmup-tokens N: one warm-up chat stopped after N tokens, then the whole measured chat', async () => {
    fake = await startFakeOllama({ tokensPerSecond: 2000 });
    const { stdout } = await run(process.execPath, [script, '--host', fake.url, '--model', 'deepseek-r1:8b', '--message', 'a long answer please', '--warmup-tokens', '30']);
    expect(chats(fake)).toBe(2);
    const done = /__DONE__ (\d+)/.exec(stdout);
    // the measured chat is the whole long reply (hundreds of tokens), not the 30 of the warm-up
    expect(Number(done?.[1])).toBeGreaterThan(300);
  }, 60_000);

  it('without it, one chat as before', async () => {
    fake = await startFakeOllama({ tokensPerSecond: 2000 });
    await run(process.execPath, [script, '--host', fake.url, '--model', 'deepseek-r1:8b', '--message', 'a long answer please']);
    expect(chats(fake)).toBe(1);
  }, 60_000);
});
