// Developer tool: CPU-profile the built app in the pty while the fake streams at RATE tok/s for SECONDS
// (`node bench/profile.mjs [--rate 2] [--seconds 20] [--out DIR] [--warmup]`; --warmup: the bench's warm-up
// reply and Ctrl+N first, so the JIT is warm), then print the functions with the most
// self time. Not part of `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadHarness, repoRoot } from './lib/harness.mjs';
import { startTokenProxy } from './lib/proxy.mjs';
import { settle, sleep, until } from './lib/drive.mjs';
import { cpuSeconds } from './lib/proc.mjs';
import { setRate } from './lib/sections.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const rate = Number(arg('rate', '2'));
const seconds = Number(arg('seconds', '20'));
const outDir = path.resolve(arg('out', '/tmp/r1-tui-profile'));
const keys = argv.includes('--keys');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const { startFakeOllama } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'fake', 'server.js')).href);
const fake = await startFakeOllama({ tokensPerSecond: 20 });
const proxy = await startTokenProxy(fake.url);
const harness = await loadHarness();
const bin = path.join(repoRoot, 'bin', 'r1-tui.js');
const app = await harness.spawnCommand(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${outDir}`, bin, '--host', proxy.url, '--model', 'deepseek-r1:32b'], {
  cols: 120,
  rows: 40,
});
await until(() => app.bytes > 0, 15_000, 'first screen');
await settle(app, 800, 10_000);
if (argv.includes('--warmup')) {
  // the bench's warm-up (bench/lib/sections.mjs): a 200 tok/s reply stopped after 2,000 tokens, then Ctrl+N
  setRate(fake, 200);
  const base = proxy.stats.tokens;
  app.write('A long warm-up answer, please.');
  await sleep(50);
  app.write('\r');
  await until(() => proxy.stats.tokens >= base + 2000 || (proxy.stats.tokens > base && proxy.stats.activeStreams === 0), 60_000, 'the warm-up reply');
  app.write('\u001B');
  await until(() => proxy.stats.activeStreams === 0, 10_000, 'Esc to stop the warm-up');
  await settle(app, 300, 5_000);
  app.write('\u000E');
  await app.waitFor(/New conversation/, 10_000);
  await settle(app, 300, 5_000);
}
if (rate > 0) {
  setRate(fake, rate);
  app.write('Give me a long answer.');
  await sleep(50);
  app.write('\r');
  await until(() => proxy.stats.tokens > 2, 30_000, 'tokens').catch((e) => { console.log(app.screen()); throw e; });
}
const c0 = cpuSeconds(app.pid);
const f0 = app.frames;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  if (keys) app.write('x');
  await sleep(keys ? 150 : 200);
}
const cpu = cpuSeconds(app.pid) - c0;
const secs = (performance.now() - t0) / 1000;
console.log(`rate ${rate} tok/s: CPU ${((cpu / secs) * 100).toFixed(1)}% of one core, ${((app.frames - f0) / secs).toFixed(1)} frames/s`);
app.write('\u001B');
await sleep(300);
app.kill('SIGINT');
await app.waitExit(5_000).catch(() => app.kill('SIGKILL'));
await sleep(500);
await proxy.close();
await fake.close();
const file = fs.readdirSync(outDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) {
  console.log('no profile written');
  process.exit(1);
}
const prof = JSON.parse(fs.readFileSync(path.join(outDir, file), 'utf8'));
const self = new Map();
const dt = prof.timeDeltas;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const counts = new Map();
// only the measured window: the last `seconds` before the app was told to stop (start-up is left out)
const windowStart = prof.endTime - (seconds + 1.5) * 1e6;
let at = prof.startTime;
for (let i = 0; i < prof.samples.length; i++) {
  at += dt[i] ?? 0;
  if (at < windowStart || at > windowStart + seconds * 1e6) continue;
  counts.set(prof.samples[i], (counts.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
}
for (const [id, us] of counts) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*node_modules\//, 'nm/').replace(/^.*\/dist\//, 'dist/')}:${cf.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + us);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()].filter(([k]) => k.startsWith('(idle)') || k.startsWith('(program)')).reduce((a, [, v]) => a + v, 0);
console.log(`profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(((total - idle) / 1e6)).toFixed(2)} s busy`);
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
