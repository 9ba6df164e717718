// The measured sections of the bench: bare client, the app in a pty, the system sampler alone.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PhaseSplit, percentile, round, settle, sleep, snapshot, stopApp, until, windowFigures } from './drive.mjs';
import { rssBytes, threadCpuSeconds } from './proc.mjs';

const execFileAsync = promisify(execFile);
const WARMUP_TOKENS = 5;
const SPEED = 1000;
/** The warm-up reply both clients get before their measured windows (`--warmup-tokens`, 0 = none). */
export const WARMUP_RATE = 200;

/**
 * The warm-up reply's own window, from 5 tokens in until `tokens` tokens of it have streamed (or it ended):
 * the cold-start figure (first reply of a fresh process, JIT cold), kept as its own row.
 */
async function warmupWindow(app, proxy, base, tokens) {
  await until(() => proxy.stats.tokens >= base + WARMUP_TOKENS, 30_000, 'the first warm-up tokens');
  const a = snapshot(app, proxy);
  await until(() => proxy.stats.tokens >= base + tokens || proxy.stats.activeStreams === 0, 60_000, 'the warm-up reply');
  const b = snapshot(app, proxy);
  return { tokensPerSecond: WARMUP_RATE, ...windowFigures(a, b) };
}

/**
 * Stream at `rate` tok/s while making the fake's simulated prompt evaluation (400 tok/s of history)
 * practically instant: every gap is divided by `speed`, so tokensPerSecond is set to rate / speed.
 */
export function setRate(fake, rate) {
  fake.set({ speed: SPEED, tokensPerSecond: rate / SPEED });
}

/** Stream one long answer from a client and measure a window of it (after a few warm-up tokens). */
async function measureWindow(app, proxy, windowMs) {
  const base = proxy.stats.tokens;
  await until(() => proxy.stats.tokens >= base + WARMUP_TOKENS, 30_000, 'the first tokens');
  const a = snapshot(app, proxy);
  const split = new PhaseSplit(a);
  const end = performance.now() + windowMs;
  while (performance.now() < end && proxy.stats.activeStreams > 0) {
    await sleep(20);
    split.add(snapshot(app, proxy));
  }
  const b = snapshot(app, proxy);
  split.add(b);
  return { ...windowFigures(a, b), phases: split.figures() };
}

/**
 * The bare client, one process per rate. With `warmupTokens` > 0 each process first streams a warm-up reply
 * at 200 tok/s that it stops itself after that many tokens (the app gets the same one), then the measured
 * reply; the first process's warm-up window is the bare client's cold-start row.
 */
export async function benchBareClient({ harness, proxy, fake, model, rates, windowMs, root, cols = 120, rows = 40, warmupTokens = 0 }) {
  const out = {};
  for (const rate of rates) {
    setRate(fake, warmupTokens > 0 ? WARMUP_RATE : rate);
    const chats = proxy.stats.chats;
    const base = proxy.stats.tokens;
    const app = await harness.spawnCommand(
      process.execPath,
      [path.join(root, 'bench', 'bareClient.mjs'), '--host', proxy.url, '--model', model, '--message', 'Please give a long answer.', '--stay', ...(warmupTokens > 0 ? ['--warmup-tokens', String(warmupTokens)] : [])],
      { cols, rows },
    );
    try {
      if (warmupTokens > 0) {
        await until(() => proxy.stats.chats > chats, 15_000, 'the bare warm-up request');
        // the fake reads the rate once per reply, after its prompt phase: wait for the warm-up's first token
        // (its pace is fixed then) before setting the measured reply's rate, or the warm-up runs at it
        await until(() => proxy.stats.tokens > base, 15_000, 'the first bare warm-up token');
        setRate(fake, rate); // read by the fake when the next (measured) request arrives
        const cold = await warmupWindow(app, proxy, base, warmupTokens);
        out.cold ??= cold;
        await until(() => proxy.stats.chats > chats + 1, 15_000, 'the bare client\'s measured request after its warm-up');
      }
      out[`rate${rate}`] = { tokensPerSecond: rate, ...(await measureWindow(app, proxy, windowMs)) };
    } finally {
      await app.dispose();
      await until(() => proxy.stats.activeStreams === 0, 5_000, 'the bare stream to close').catch(() => {});
    }
  }
  return out;
}

async function sendMessage(app, proxy, text) {
  const chats = proxy.stats.chats;
  app.write(text);
  await sleep(50);
  app.write('\r');
  await until(() => proxy.stats.chats > chats, 10_000, `the app to send "${text}" (no /api/chat request arrived)`);
}

async function stopIfStreaming(app, proxy) {
  if (proxy.stats.activeStreams > 0) {
    app.write('\u001B'); // Esc stops generation
    await until(() => proxy.stats.activeStreams === 0, 10_000, 'Esc to stop the stream').catch(async () => {
      app.write('\u0003'); // Ctrl+C also stops generation
      await until(() => proxy.stats.activeStreams === 0, 10_000, 'Ctrl+C to stop the stream');
    });
  }
  await settle(app, 300, 5_000);
}

const MARK = '§';
const countMarks = (screen) => screen.split(MARK).length - 1;

async function keystrokeLatency(app, proxy, fake, keys) {
  setRate(fake, 200);
  await sendMessage(app, proxy, 'Another long answer, please.');
  const base = proxy.stats.tokens;
  await until(() => proxy.stats.tokens >= base + WARMUP_TOKENS, 30_000, 'the first tokens');
  const latencies = [];
  let timeouts = 0;
  for (let i = 0; i < keys && proxy.stats.activeStreams > 0; i++) {
    const before = countMarks(app.screen());
    const t0 = performance.now();
    app.write(MARK);
    try {
      await app.waitFor((s) => countMarks(s) > before, 2_000);
      latencies.push(performance.now() - t0);
    } catch {
      timeouts++;
    }
    await sleep(80 + Math.random() * 80);
  }
  for (let i = 0; i < keys; i++) app.write('\u007F');
  await stopIfStreaming(app, proxy);
  return {
    samples: latencies.length,
    timeouts,
    p50Ms: round(percentile(latencies, 50) ?? NaN, 1),
    p95Ms: round(percentile(latencies, 95) ?? NaN, 1),
    maxMs: round(Math.max(...latencies), 1),
  };
}

async function measureAppPhase(app, proxy, fake, rates, windowMs, keys) {
  const phase = {};
  for (const rate of rates) {
    setRate(fake, rate);
    await sendMessage(app, proxy, `Give me a long answer at ${rate} tokens per second.`);
    phase[`rate${rate}`] = { tokensPerSecond: rate, ...(await measureWindow(app, proxy, windowMs)) };
    await stopIfStreaming(app, proxy);
  }
  phase.latency200 = await keystrokeLatency(app, proxy, fake, keys);
  return phase;
}

/**
 * CPU and frames while nothing streams (a UI that redraws on a timer shows up here). The window starts
 * after `quietMs` without input or stream (the app keeps its fast sampling pace for 10 s after activity),
 * and is long enough for /proc's 10 ms CPU ticks to resolve 0.1% (10 s or more). The CPU is split into the
 * main thread (the app's own work) and the other threads (V8's background GC and compilers, which go on
 * for a while after start-up).
 */
async function idleWindow(app, proxy, ms, quietMs) {
  await sleep(quietMs);
  const a = snapshot(app, proxy);
  const ta = threadCpuSeconds(app.pid);
  await sleep(ms);
  const b = snapshot(app, proxy);
  const tb = threadCpuSeconds(app.pid);
  const f = windowFigures(a, b);
  const pct = (s) => (f.seconds > 0 ? round((s / f.seconds) * 100, 2) : null);
  return {
    seconds: f.seconds,
    afterQuietSeconds: quietMs / 1000,
    cpuSeconds: f.cpuSeconds,
    cpuPercent: f.cpuPercent,
    ...(ta && tb ? { mainThreadCpuPercent: pct(tb.main - ta.main), otherThreadsCpuPercent: pct(tb.others - ta.others) } : {}),
    framesPerSecond: f.framesPerSecond,
    bytesPerSecond: round((b.bytes - a.bytes) / f.seconds, 0),
  };
}

/** The whole process (UI, panel, sampler) while a CPU-bound model streams at 2 tok/s, over `tokens` tokens. */
async function slowWindow(app, proxy, fake, tokens) {
  setRate(fake, 2);
  await sendMessage(app, proxy, 'Give me a long answer, slowly.');
  const base = proxy.stats.tokens;
  await until(() => proxy.stats.tokens >= base + 2, 30_000, 'the first slow tokens');
  const a = snapshot(app, proxy);
  const split = new PhaseSplit(a);
  const limit = performance.now() + (tokens / 2) * 1000 * 1.5 + 5_000;
  while (proxy.stats.tokens < a.tokens + tokens && proxy.stats.activeStreams > 0 && performance.now() < limit) {
    await sleep(50);
    split.add(snapshot(app, proxy));
  }
  const b = snapshot(app, proxy);
  split.add(b);
  await stopIfStreaming(app, proxy);
  return { tokensPerSecond: 2, ...windowFigures(a, b), phases: split.figures() };
}

/**
 * The same warm-up reply as the bare client's (200 tok/s, stopped after `tokens` tokens; its window is the
 * app's cold-start row), then Ctrl+N: a new, empty conversation for the "app, empty" column.
 */
async function appWarmup(app, proxy, fake, tokens) {
  setRate(fake, WARMUP_RATE);
  const base = proxy.stats.tokens;
  await sendMessage(app, proxy, 'A long warm-up answer, please.');
  const cold = await warmupWindow(app, proxy, base, tokens);
  await stopIfStreaming(app, proxy);
  app.write('\u000E'); // Ctrl+N: new conversation
  await app.waitFor(/New conversation/, 10_000);
  await settle(app, 300, 5_000);
  return cold;
}

export async function benchApp({ harness, proxy, fake, model, rates, windowMs, turns, keys, log, appCommand, idleMs = 10_000, idleQuietMs = 12_000, steadyQuietMs = 60_000, slowTokens = 80, cols = 120, rows = 40, layout, warmupTokens = 0 }) {
  const appArgs = ['--host', proxy.url, '--model', model];
  // `--app-layout band`: the app reads {"layout": "band"} from a config file of its own
  let env;
  if (layout) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-tui-bench-config-'));
    fs.mkdirSync(path.join(dir, 'r1-tui'));
    fs.writeFileSync(path.join(dir, 'r1-tui', 'config.json'), JSON.stringify({ layout }));
    env = { XDG_CONFIG_HOME: dir };
  }
  const app = appCommand
    ? await harness.spawnCommand(process.execPath, [appCommand, ...appArgs], { cols, rows, ...(env ? { env } : {}) })
    : await harness.spawnApp(appArgs, { cols, rows, ...(env ? { env } : {}) });
  const result = { turnsDriven: 0 };
  try {
    await until(() => app.bytes > 0, 15_000, 'the app to draw its first screen');
    // the real app talks to the server at start (version, tags, ps); a stand-in may not
    await until(() => proxy.stats.requests > 0, 5_000, 'the app to contact the server').catch(() => {});
    await settle(app, 800, 10_000);
    result.rssStartBytes = rssBytes(app.pid) ?? null;
    result.startupFullClears = app.fullClears;
    if (idleMs > 0) {
      log(`  app: idle ${idleMs / 1000} s after ${idleQuietMs / 1000} s without input, then again after ${steadyQuietMs / 1000} s`);
      result.idle = await idleWindow(app, proxy, idleMs, idleQuietMs);
      // steady idle: start-up's background V8 work (GC, compilers) has settled by then
      result.idleSteady = await idleWindow(app, proxy, idleMs, Math.max(0, steadyQuietMs - idleQuietMs - idleMs));
      result.idleSteady.afterQuietSeconds = steadyQuietMs / 1000;
    }
    if (warmupTokens > 0) {
      log(`  app: warm-up reply (${warmupTokens} tokens at ${WARMUP_RATE} tok/s, then Ctrl+N)`);
      result.cold = await appWarmup(app, proxy, fake, warmupTokens);
    }
    log('  app: empty history');
    result.empty = await measureAppPhase(app, proxy, fake, rates, windowMs, keys);
    // after the faster phases, so the JIT has settled as in a long session
    log(`  app: streaming ${slowTokens} tokens at 2 tok/s`);
    result.slow2 = await slowWindow(app, proxy, fake, slowTokens);

    log(`  app: driving ${turns} long turns at a very high rate`);
    setRate(fake, 100_000);
    const t0 = performance.now();
    for (let i = 0; i < turns; i++) {
      await sendMessage(app, proxy, `History turn ${i + 1}: a long answer please.`);
      await until(() => proxy.stats.activeStreams === 0, 120_000, `turn ${i + 1} to finish`);
      await settle(app, 150, 3_000);
      result.turnsDriven = i + 1;
    }
    result.historySeconds = round((performance.now() - t0) / 1000, 1);
    await settle(app, 800, 10_000);
    result.rssAfterTurnsBytes = rssBytes(app.pid) ?? null;
    log('  app: after history');
    result.history = await measureAppPhase(app, proxy, fake, rates, windowMs, keys);
    result.screenAtEnd = app.screen();
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    result.screenAtError = app.screen();
  } finally {
    await stopApp(app);
    result.terminalRestoredOnSigterm = app.terminalRestored();
    await app.dispose();
  }
  return result;
}

export async function benchSampler({ root, seconds }) {
  const script = path.join(root, 'bench', 'samplerChild.mjs');
  const run = async (extra) => {
    const { stdout } = await execFileAsync(process.execPath, [script, String(seconds), ...extra], { cwd: root });
    return JSON.parse(stdout.trim().split('\n').pop());
  };
  const sampler = await run([]);
  const baseline = await run(['--baseline']);
  const perMinute = (r) => round((r.cpuMs / r.seconds) * 60, 1);
  return {
    seconds: round(sampler.seconds, 1),
    ticks: sampler.ticks,
    cpuMsPerMinute: perMinute(sampler),
    baselineTimerCpuMsPerMinute: perMinute(baseline),
    nvidiaSmiSpawns: sampler.nvidiaSpawns,
    ollamaProcScans: sampler.ollamaScans,
  };
}
