// Where the app's memory goes (a diagnostic, not part of `npm run bench`): runs the built app in the pty
// harness against the fake Ollama and prints, at start (after the first frame settles), every 10 turns
// and after the turns: VmRSS with its RssAnon/RssFile split, threads, process.memoryUsage(), new/old
// space used/committed (KiB), V8 malloc, GC counts and durations (from bench/lib/memPreload.mjs, loaded
// into the app with --import and asked through SIGUSR2).
//
//   npm run build && node bench/memProbe.mjs [--turns 50] [--size 120x40] [--idle SECONDS]
//       [--node PATH] [--flags "--max-semi-space-size=2"] [--gc] [--snap --flags --heapsnapshot-signal=SIGUSR1]
//
// --gc forces a full GC before each figure (live heap); --snap writes a heap snapshot after the turns.
// SMAPS=1 also prints the largest mappings; NO_PATCH=1 runs with R1_TUI_NO_INK_PATCH=1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const preload = path.join(root, 'bench', 'lib', 'memPreload.mjs');
const { loadHarness } = await import(pathToFileURL(path.join(root, 'bench/lib/harness.mjs')).href);
const { startTokenProxy } = await import(pathToFileURL(path.join(root, 'bench/lib/proxy.mjs')).href);
const { settle, sleep, until } = await import(pathToFileURL(path.join(root, 'bench/lib/drive.mjs')).href);
const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const turns = Number(opt('--turns', '0'));
const [cols, rows] = opt('--size', '120x40').split('x').map(Number);
const nodeBin = opt('--node', process.execPath);
const flags = opt('--flags', '').split(' ').filter(Boolean);
const gc = argv.includes('--gc');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'r1-tui-memprobe-')), 'probe.jsonl');
const { startFakeOllama } = await import(pathToFileURL(path.join(root, 'dist/fake/server.js')).href);
const fake = await startFakeOllama({ tokensPerSecond: 20 });
const proxy = await startTokenProxy(fake.url);
const harness = await loadHarness();
const models = (await (await fetch(`${fake.url}/api/tags`)).json()).models.map((m) => m.name);
const model = models.find((n) => n.startsWith('deepseek-r1')) ?? models[0];
const app = await harness.spawnCommand(nodeBin, [...flags, ...(gc ? ['--expose-gc'] : []), '--import', preload, path.join(root, 'bin/r1-tui.js'), '--host', proxy.url, '--model', model], { cols, rows, cwd: root, env: { MEMPROBE_OUT: out, ...(process.env.NO_PATCH ? { R1_TUI_NO_INK_PATCH: '1' } : {}), ...(gc ? { MEMPROBE_GC: '1' } : {}) } });
const probe = async (label) => {
  const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).length : 0;
  process.kill(app.pid, 'SIGUSR2');
  await until(() => fs.existsSync(out) && fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).length > before, 5000, 'probe');
  const line = JSON.parse(fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).pop());
  const { hs, spaces, ...rest } = line; rest.newSpace = spaces.new_space; rest.oldSpace = spaces.old_space;
  if (process.env.SMAPS) { const maps = []; let cur; for (const l of fs.readFileSync(`/proc/${app.pid}/smaps`, 'utf8').split('\n')) { const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(l); if (m) { cur = { name: m[1] || '[anon]', rss: 0 }; maps.push(cur); } else { const r = /^Rss:\s+(\d+)/.exec(l); if (r) cur.rss += Number(r[1]); } } const by = {}; for (const m of maps) { by[m.name] = (by[m.name] ?? 0) + m.rss; } console.log('maps', JSON.stringify(Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 8))); const big = maps.filter((m) => m.name === '[anon]').map((m) => m.rss).sort((a, b) => b - a).slice(0, 15); console.log('anon mappings top', JSON.stringify(big)); }
  console.log(label, JSON.stringify({ ...rest, mallocedKb: Math.round(hs.malloced_memory / 1024), peakMallocKb: Math.round(hs.peak_malloced_memory / 1024), ctx: hs.number_of_native_contexts }));
};
try {
  await until(() => app.bytes > 0, 15000, 'first frame');
  await until(() => proxy.stats.requests > 0, 5000, 'server').catch(() => {});
  await settle(app, 800, 10000);
  await probe('start');
  const idle = Number(opt('--idle', '0'));
  if (idle > 0) { await sleep(idle * 1000); await probe(`idle${idle}s`); }
  if (turns > 0) {
    fake.set({ speed: 1000, tokensPerSecond: 100 });
    const { cpuSeconds } = await import(pathToFileURL(path.join(root, 'bench/lib/proc.mjs')).href);
    const c0 = cpuSeconds(app.pid), k0 = proxy.stats.tokens, t0 = performance.now();
    for (let i = 0; i < turns; i++) {
      const chats = proxy.stats.chats;
      app.write(`History turn ${i + 1}: a long answer please.`);
      await sleep(50);
      app.write('\r');
      await until(() => proxy.stats.chats > chats, 10000, 'send');
      await until(() => proxy.stats.activeStreams === 0, 120000, 'turn end');
      await settle(app, 150, 3000);
      if ((i + 1) % 10 === 0) await probe(`turn${i + 1}`);
    }
    const c1 = cpuSeconds(app.pid), k1 = proxy.stats.tokens;
    console.log('turns', JSON.stringify({ tokens: k1 - k0, cpuS: +(c1 - c0).toFixed(2), cpuMsPer1k: +((c1 - c0) / (k1 - k0) * 1e6).toFixed(1), wallS: +((performance.now() - t0) / 1000).toFixed(1) }));
    await settle(app, 800, 10000);
    await probe('after');
    if (argv.includes('--snap')) { const before = new Set(fs.readdirSync(root)); process.kill(app.pid, 'SIGUSR1'); await until(() => fs.readdirSync(root).some((f) => !before.has(f) && f.endsWith('.heapsnapshot')), 60000, 'snap'); await sleep(8000); const f = fs.readdirSync(root).find((f) => !before.has(f) && f.endsWith('.heapsnapshot')); const to = path.join(path.dirname(out), 'after.heapsnapshot'); fs.renameSync(path.join(root, f), to); console.log('snapshot written:', to); }
  }
} finally {
  app.write('\u0003');
  await sleep(300);
  await app.dispose();
  await proxy.close();
  await fake.close();
  if (!argv.includes('--snap')) fs.rmSync(path.dirname(out), { recursive: true, force: true });
}
