// Runs the built server-metrics poller alone for N seconds against a /metrics URL and reports its CPU cost
// (excluding Node start-up): what the panel pays for vLLM's KV-cache and queue figures.
// Usage: node bench/metricsChild.mjs <url> <seconds> <intervalMs> [--baseline]
//   --baseline: a bare timer at the same interval, for comparison.
const [url, secondsArg, intervalArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 10);
const intervalMs = Number(intervalArg ?? 2000);
const baseline = process.argv.includes('--baseline');
let polls = 0;
let stop = () => {};
let start = () => {};
let last;
let pollerPolls = () => 0;
let warmPollsAtStart = 0;
if (baseline) {
  let timer;
  const tick = () => {
    polls++;
    timer = setTimeout(tick, intervalMs);
  };
  start = () => tick();
  stop = () => clearTimeout(timer);
} else {
  const { createOpenAiBackend } = await import('../dist/backends/openai/openaiBackend.js');
  const { ServerMetricsPoller } = await import('../dist/session/serverMetricsPoller.js');
  const backend = createOpenAiBackend({ url, kind: 'vllm' });
  const poller = new ServerMetricsPoller({
    poll: () => backend.metrics(),
    onMetrics: (m) => {
      last = m;
    },
    onError: (err) => {
      process.stderr.write(`metrics poll failed: ${err?.message ?? err}\n`);
    },
    isStreaming: () => true,
    activeMs: intervalMs,
  });
  start = () => poller.setVisible(true);
  pollerPolls = () => poller.polls;
  stop = () => {
    polls = poller.polls - warmPollsAtStart;
    poller.stop();
  };
}
// The poller runs at its pace for WARM_S seconds before the measured window: a fresh process pays for the
// first use of undici and the parser (JIT, lazy compilation) then, which the app has long paid by the time
// its panel has been polling for a while. That first window is reported on its own.
const WARM_S = baseline ? 2 : Number(process.env.R1_BENCH_METRICS_WARM_S ?? 20);
start();
const w0 = process.cpuUsage();
await new Promise((r) => setTimeout(r, WARM_S * 1000));
const w = process.cpuUsage(w0);
const warmCpuMs = (w.user + w.system) / 1000;
const warmPolls = baseline ? polls : pollerPolls();
warmPollsAtStart = warmPolls;
if (baseline) polls = 0;
const before = process.cpuUsage();
const t0 = performance.now();
setTimeout(() => {
  stop();
  const used = process.cpuUsage(before);
  const wallS = (performance.now() - t0) / 1000;
  const figures = last ? { kvCacheUsage: last.kvCacheUsage, requestsRunning: last.requestsRunning, requestsWaiting: last.requestsWaiting } : undefined;
  process.stdout.write(`${JSON.stringify({ baseline, seconds: wallS, polls, cpuMs: (used.user + used.system) / 1000, warmSeconds: WARM_S, warmPolls, warmCpuMs, figures })}\n`);
  process.exit(0);
}, seconds * 1000).ref();
