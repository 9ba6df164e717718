// Memory soak: the app chats turn after turn (about 2,000 tokens each at a steady rate) for N minutes in
// the pty, and its resident memory is sampled every few seconds. The figure that matters is the growth
// between the end of the warm-up (minute 2 of a 30-minute soak, or a fifth of a short one) and the end.
import { round, settle, sleep, stopApp, until } from './drive.mjs';
import { rssBytes } from './proc.mjs';
import { setRate } from './sections.mjs';

/** Warm-up before the reference sample: 2 minutes, or a fifth of a soak shorter than 10 minutes. */
export function warmupMs(totalMs) {
  return Math.min(120_000, totalMs / 5);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * Growth figures from timed RSS samples ({ t, rss } with t in ms from the start). RSS swings by a tenth
 * with every garbage collection, so the headline compares medians: of the samples in the window right
 * after the warm-up and of those in the last window (each a tenth of the run, at least 3 samples).
 */
export function soakFigures(samples, totalMs) {
  const after = samples.filter((s) => s.t >= warmupMs(totalMs));
  if (after.length < 2) return { samples: samples.length };
  const n = Math.max(3, Math.round(samples.length / 10));
  const first = after.slice(0, n);
  const last = after.slice(-n);
  const ref = median(first.map((s) => s.rss));
  const end = median(last.map((s) => s.rss));
  const max = Math.max(...after.map((s) => s.rss));
  return {
    samples: samples.length,
    warmupSeconds: round(first[0].t / 1000, 0),
    rssAtWarmupBytes: ref,
    rssAtEndBytes: end,
    rssMaxAfterWarmupBytes: max,
    growthPercent: round(((end - ref) / ref) * 100, 1),
    maxGrowthPercent: round(((max - ref) / ref) * 100, 1),
  };
}

export async function benchSoak({ harness, proxy, fake, model, minutes, rate = 20, sampleEveryMs = 5_000, log }) {
  const totalMs = minutes * 60_000;
  const app = await harness.spawnApp(['--host', proxy.url, '--model', model], { cols: 120, rows: 40 });
  const samples = [];
  const result = { minutes, tokensPerSecond: rate, turns: 0, tokens: 0 };
  const tokens0 = proxy.stats.tokens;
  try {
    await until(() => app.bytes > 0, 15_000, 'the app to draw its first screen');
    await settle(app, 800, 10_000);
    setRate(fake, rate);
    const start = performance.now();
    let nextSample = 0;
    let nextLog = 60_000;
    const sample = () => {
      const rss = rssBytes(app.pid);
      if (rss !== undefined) samples.push({ t: round(performance.now() - start, 0), rss });
    };
    while (performance.now() - start < totalMs) {
      const chats = proxy.stats.chats;
      app.write(`Soak turn ${result.turns + 1}: a long answer please.`);
      await sleep(50);
      app.write('\r');
      await until(() => proxy.stats.chats > chats, 10_000, 'the app to send a soak question');
      while (proxy.stats.activeStreams > 0 && performance.now() - start < totalMs) {
        const t = performance.now() - start;
        if (t >= nextSample) {
          sample();
          nextSample += sampleEveryMs;
        }
        if (t >= nextLog) {
          log(`  soak: ${Math.round(t / 60_000)} of ${minutes} min, ${result.turns} turns, RSS ${((samples.at(-1)?.rss ?? 0) / 1048576).toFixed(1)} MB`);
          nextLog += 60_000;
        }
        await sleep(100);
      }
      if (proxy.stats.activeStreams > 0) {
        app.write('\u001B');
        await until(() => proxy.stats.activeStreams === 0, 10_000, 'Esc to stop the soak stream');
      }
      result.turns++;
      await settle(app, 300, 5_000);
    }
    sample();
    result.tokens = proxy.stats.tokens - tokens0;
    Object.assign(result, soakFigures(samples, totalMs));
    result.rssSamples = samples;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    result.screenAtError = app.screen();
  } finally {
    await stopApp(app);
    await app.dispose();
  }
  return result;
}
