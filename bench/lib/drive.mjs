// Driving a client in the pty harness and measuring a window of its streaming.
import { cpuSeconds, rssBytes } from './proc.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function until(pred, timeoutMs, what) {
  const start = performance.now();
  while (!pred()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Wait until the process has written nothing for quietMs (or maxMs passed). */
export async function settle(app, quietMs = 400, maxMs = 5_000) {
  const start = performance.now();
  let last = app.bytes;
  let lastChange = performance.now();
  while (performance.now() - start < maxMs) {
    await sleep(50);
    if (app.bytes !== last) {
      last = app.bytes;
      lastChange = performance.now();
    } else if (performance.now() - lastChange >= quietMs) return;
  }
}

export function snapshot(app, proxy) {
  return {
    t: performance.now(),
    cpu: cpuSeconds(app.pid) ?? NaN,
    bytes: app.bytes,
    frames: app.frames,
    clears: app.fullClears,
    tokens: proxy.stats.tokens,
    thinkingTokens: proxy.stats.thinkingTokens ?? 0,
    answerTokens: proxy.stats.answerTokens ?? 0,
    rss: rssBytes(app.pid),
  };
}

/** Figures for the window between two snapshots. */
export function windowFigures(a, b) {
  const tokens = b.tokens - a.tokens;
  const seconds = (b.t - a.t) / 1000;
  const cpu = b.cpu - a.cpu;
  return {
    seconds: round(seconds, 2),
    tokens,
    cpuSeconds: round(cpu, 3),
    cpuSecondsPer1kTokens: tokens > 0 ? round((cpu / tokens) * 1000, 3) : null,
    cpuPercent: seconds > 0 ? round((cpu / seconds) * 100, 1) : null,
    bytesPerToken: tokens > 0 ? round((b.bytes - a.bytes) / tokens, 1) : null,
    framesPerSecond: seconds > 0 ? round((b.frames - a.frames) / seconds, 1) : null,
    bytesPerFrame: b.frames > a.frames ? Math.round((b.bytes - a.bytes) / (b.frames - a.frames)) : null,
    fullClears: b.clears - a.clears,
  };
}

export function round(n, digits) {
  if (!Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** SIGTERM, then SIGKILL if the app is still there after 5 s. */
export async function stopApp(app) {
  app.kill('SIGTERM');
  await app.waitExit(5_000).catch(() => app.kill('SIGKILL'));
}

/**
 * Bytes to the terminal split by the phase of the tokens that caused them. Fed a snapshot every ~20 ms:
 * the bytes of a slice go to the phases of the tokens that arrived in it (in proportion), or, when none
 * arrived, to the phase of the last token (a frame lags its token by up to one frame interval).
 */
export class PhaseSplit {
  constructor(first) {
    this.last = first;
    this.lastKind = 'reasoning';
    this.reasoning = { tokens: 0, bytes: 0 };
    this.answer = { tokens: 0, bytes: 0 };
  }

  add(s) {
    const dt = s.thinkingTokens - this.last.thinkingTokens;
    const da = s.answerTokens - this.last.answerTokens;
    const db = s.bytes - this.last.bytes;
    this.reasoning.tokens += dt;
    this.answer.tokens += da;
    if (dt + da > 0) {
      this.reasoning.bytes += (db * dt) / (dt + da);
      this.answer.bytes += (db * da) / (dt + da);
      this.lastKind = da > 0 ? 'answer' : 'reasoning';
    } else {
      this[this.lastKind].bytes += db;
    }
    this.last = s;
  }

  figures() {
    const f = (p) => ({ tokens: p.tokens, bytesPerToken: p.tokens > 0 ? round(p.bytes / p.tokens, 1) : null });
    return { reasoning: f(this.reasoning), answer: f(this.answer) };
  }
}
