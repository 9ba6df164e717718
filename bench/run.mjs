// r1-tui benchmark (`npm run bench`; `node bench/run.mjs --quick` for a short run).
// Measures, in one run: CPU s per 1,000 tokens of the app at 20 and 200 tok/s with empty history and after
// N long turns, the same for a bare ollama-js client, bytes/token, frames/s, full clears, keystroke-to-screen
// latency while streaming at 200 tok/s, RSS at start and after the turns, idle CPU, the whole process at
// 2 tok/s, and the system sampler's CPU/min; each client figure split by reasoning and answer tokens, at
// one or more terminal sizes (--sizes 120x40,80x24), with the issue-14 targets met or not.
// Prints a table and writes bench/results.json. Never fails on absolute numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadHarness, repoRoot } from './lib/harness.mjs';
import { startTokenProxy } from './lib/proxy.mjs';
import { benchApp, benchBareClient, benchSampler } from './lib/sections.mjs';
import { benchSoak } from './lib/soak.mjs';
import { benchBackendPaths } from './lib/backendPaths.mjs';
import { benchMetricsPoll } from './lib/metricsPoll.mjs';
import { printTable } from './lib/table.mjs';
import { evaluateTargets } from './lib/targets.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = (name) => !argv.includes(`--skip-${name}`);
const numberArg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const config = {
  quick,
  rates: [20, 200],
  windowMs: numberArg('window', quick ? 4 : 10) * 1000,
  turns: numberArg('turns', quick ? 10 : 50),
  keys: quick ? 12 : 30,
  samplerSeconds: numberArg('sampler-seconds', quick ? 5 : 30),
  slowTokens: numberArg('slow-tokens', quick ? 20 : 80),
  // both clients stream this many tokens of a 200 tok/s warm-up reply before their measured windows (0: none)
  warmupTokens: numberArg('warmup-tokens', 2000),
  // `--skip-idle`: no idle windows (a shorter run when only the streaming figures are wanted)
  idleSeconds: argv.includes('--skip-idle') ? 0 : numberArg('idle-seconds', quick ? 10 : 20),
  idleQuietSeconds: numberArg('idle-quiet-seconds', 12),
  // `--app-layout band`: the app with the config's "layout": "band" (the panel as a band above the chat)
  appLayout: argv.includes('--app-layout') ? argv[argv.indexOf('--app-layout') + 1] : undefined,
  soakMinutes: numberArg('soak', quick ? 0.5 : 3),
  soakRate: numberArg('soak-rate', 20),
  ...sizesArg(),
};

/**
 * `--size 80x24` (default 120x40): the pty size of the app and the bare client. `--sizes 120x40,80x24`:
 * the client sections once per size; the first size's figures are `app`/`bare`/`targets` at the top of
 * results.json, every further size's go under `sizes["80x24"]`.
 */
function sizesArg() {
  const i = argv.indexOf('--sizes') >= 0 ? argv.indexOf('--sizes') : argv.indexOf('--size');
  const list = i >= 0 ? String(argv[i + 1] ?? '').split(',') : ['120x40'];
  const sizes = list.map((text) => {
    const m = /^(\d+)x(\d+)$/.exec(text);
    if (!m) throw new Error(`--size/--sizes want COLSxROWS, e.g. 80x24 (got ${text})`);
    return { cols: Number(m[1]), rows: Number(m[2]) };
  });
  return { cols: sizes[0].cols, rows: sizes[0].rows, sizes: sizes.map((z) => `${z.cols}x${z.rows}`) };
}
const log = (msg) => process.stderr.write(`${msg}\n`);
const root = repoRoot;
const dist = (...p) => path.join(root, 'dist', ...p);

const results = {
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    ...config,
  },
};
let failed = false;

async function section(name, fn) {
  try {
    results[name] = await fn();
  } catch (error) {
    failed = true;
    results[name] = { error: error instanceof Error ? error.message : String(error) };
    log(`  ${name} failed: ${results[name].error}`);
  }
}

async function pickModel(url) {
  const res = await fetch(`${url}/api/tags`);
  const { models } = await res.json();
  const names = models.map((m) => m.name);
  return names.find((n) => n.startsWith('deepseek-r1')) ?? names[0];
}

let fake;
let proxy;
const soakWanted = only('soak') && config.soakMinutes > 0;
const needsFake = only('bare') || only('app') || soakWanted;
if (needsFake && !fs.existsSync(dist('fake', 'server.js'))) {
  log('dist/fake/server.js is missing: the fake Ollama is not built yet (run "npm run build"). Skipping the client sections.');
  results.bare = results.app = { skipped: 'dist/fake/server.js is missing' };
} else if (needsFake) {
  const { startFakeOllama } = await import(pathToFileURL(dist('fake', 'server.js')).href);
  fake = await startFakeOllama({ tokensPerSecond: 20 });
  proxy = await startTokenProxy(fake.url);
  const harness = await loadHarness();
  const model = await pickModel(fake.url);
  results.meta.model = model;
  const appCommandIndex = argv.indexOf('--app-command');
  const appCommand = appCommandIndex >= 0 ? path.resolve(argv[appCommandIndex + 1]) : undefined;
  if (appCommand) results.meta.appCommand = path.relative(root, appCommand);
  for (const [index, size] of config.sizes.entries()) {
    const [cols, rows] = size.split('x').map(Number);
    // the first size at the top of results.json (as before), further sizes under sizes[size]
    const block = index === 0 ? results : ((results.sizes ??= {})[size] = {});
    const sizeSection = async (name, fn) => {
      try {
        block[name] = await fn();
      } catch (error) {
        failed = true;
        block[name] = { error: error instanceof Error ? error.message : String(error) };
        log(`  ${name} (${size}) failed: ${block[name].error}`);
      }
    };
    if (only('bare')) {
      log(`bare ollama-js client at ${size} (${config.windowMs / 1000} s windows)`);
      await sizeSection('bare', () => benchBareClient({ harness, proxy, fake, model, rates: config.rates, windowMs: config.windowMs, root, cols, rows, warmupTokens: config.warmupTokens }));
    }
    if (only('app')) {
      if (!appCommand && !fs.existsSync(dist('cli.js'))) {
        log('dist/cli.js is missing: the app is not built yet (run "npm run build"). Skipping the app section.');
        block.app = { skipped: 'dist/cli.js is missing' };
      } else {
        log(`r1-tui in a ${size} pty`);
        await sizeSection('app', () => benchApp({ harness, proxy, fake, model, rates: config.rates, windowMs: config.windowMs, turns: config.turns, keys: config.keys, log, appCommand, slowTokens: config.slowTokens, idleMs: config.idleSeconds * 1000, idleQuietMs: config.idleQuietSeconds * 1000, cols, rows, layout: config.appLayout, warmupTokens: appCommand ? 0 : config.warmupTokens }));
        if (block.app?.error) failed = true;
      }
    }
    block.targets = evaluateTargets({ app: block.app, bare: block.bare });
  }
  if (soakWanted && !appCommand && fs.existsSync(dist('cli.js'))) {
    log(`memory soak: ${config.soakMinutes} min of turns at ${config.soakRate} tok/s`);
    await section('soak', () => benchSoak({ harness, proxy, fake, model, minutes: config.soakMinutes, rate: config.soakRate, log }));
    if (results.soak?.error) failed = true;
  }
}

if (only('sampler')) {
  if (!fs.existsSync(dist('system', 'sampler.js'))) {
    results.sampler = { skipped: 'dist/system/sampler.js is missing (run "npm run build")' };
  } else {
    log(`system sampler alone for ${config.samplerSeconds} s (and a bare 1 s timer for comparison)`);
    await section('sampler', () => benchSampler({ root, seconds: config.samplerSeconds }));
  }
}

if (only('metrics')) {
  if (!fs.existsSync(dist('session', 'serverMetricsPoller.js'))) {
    results.metricsPoll = { skipped: 'dist/session/serverMetricsPoller.js is missing (run "npm run build")' };
  } else {
    log(`server-metrics poller alone for ${config.samplerSeconds} s at the streaming pace (vLLM's real 56 KB /metrics), and a bare timer`);
    await section('metricsPoll', () => benchMetricsPoll({ root, seconds: config.samplerSeconds }));
  }
}

if (only('backends')) {
  if (!fs.existsSync(dist('backends', 'openai', 'openaiBackend.js'))) {
    results.backends = { skipped: 'dist/backends is missing (run "npm run build")' };
  } else {
    log('backends: the same reply through the Ollama path and the OpenAI-compatible path (client CPU per 1,000 tokens)');
    await section('backends', () => benchBackendPaths({ root, rate: 200, runs: quick ? 1 : 3 }));
  }
}

await proxy?.close();
await fake?.close();

printTable(results);
const outIndex = argv.indexOf('--out');
const file = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : path.join(root, 'bench', 'results.json');
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${path.relative(process.cwd(), file)}`);
process.exit(failed ? 1 : 0);
