// Developer tool: the frames the built app writes while the fake streams at RATE tok/s (`node bench/frames.mjs
// [--rate 2] [--seconds 12]`): each frame's time, bytes and the tokens counted so far, then frames per token.
// Not part of `npm run bench`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadHarness, repoRoot } from './lib/harness.mjs';
import { startTokenProxy } from './lib/proxy.mjs';
import { settle, sleep, until } from './lib/drive.mjs';
import { setRate } from './lib/sections.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.indexOf(`--${name}`) >= 0 ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const rate = Number(arg('rate', '2'));
const seconds = Number(arg('seconds', '12'));
const verbose = argv.includes('--verbose');
const { startFakeOllama } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'fake', 'server.js')).href);
const fake = await startFakeOllama({ tokensPerSecond: 20 });
const proxy = await startTokenProxy(fake.url);
const harness = await loadHarness();
const app = await harness.spawnApp(['--host', proxy.url, '--model', 'deepseek-r1:32b'], { cols: 120, rows: 40 });
await until(() => app.bytes > 0, 15_000, 'first screen');
await settle(app, 800, 10_000);
setRate(fake, rate);
app.write('Give me a long answer.');
await sleep(50);
app.write('\r');
await until(() => proxy.stats.tokens > 4, 30_000, 'tokens');
const t0 = performance.now();
const tok0 = proxy.stats.tokens;
let seen = app.raw().length;
let lastTokens = tok0;
const frames = [];
while (performance.now() - t0 < seconds * 1000) {
  await sleep(10);
  const raw = app.raw();
  if (raw.length > seen) {
    const chunk = raw.slice(seen);
    seen = raw.length;
    const t = Math.round(performance.now() - t0);
    const tokens = proxy.stats.tokens - tok0;
    frames.push({ t, bytes: Buffer.byteLength(chunk), frames: chunk.split('\u001B[?2026h').length - 1, newTokens: tokens - (lastTokens - tok0), chunk });
    lastTokens = proxy.stats.tokens;
  }
}
const tokens = proxy.stats.tokens - tok0;
const bytes = frames.reduce((a, f) => a + f.bytes, 0);
const n = frames.reduce((a, f) => a + f.frames, 0);
for (const f of frames) console.log(`${String(f.t).padStart(6)} ms  ${String(f.bytes).padStart(4)} B  frames ${f.frames}  new tokens ${f.newTokens}${verbose ? `  ${JSON.stringify(f.chunk)}` : ''}`);
console.log(`rate ${rate}: ${tokens} tokens, ${n} frames, ${bytes} bytes in ${seconds} s: ${(bytes / tokens).toFixed(1)} bytes/token, ${(n / seconds).toFixed(2)} frames/s`);
app.write('\u001B');
await sleep(300);
await app.dispose();
await proxy.close();
await fake.close();
