// Runs the built system sampler alone for N seconds and reports its CPU cost (excluding Node start-up).
// Usage: node bench/samplerChild.mjs <seconds> [--baseline]   (--baseline: a bare 1 s timer, for comparison)
const seconds = Number(process.argv[2] ?? 10);
const baseline = process.argv.includes('--baseline');
let ticks = 0;
let stats = { nvidiaSpawns: 0, ollamaScans: 0 };
let stop = () => {};
let start = () => {};
if (baseline) {
  let timer;
  const tick = () => {
    ticks++;
    timer = setTimeout(tick, 1000);
  };
  start = () => tick();
  stop = () => clearTimeout(timer);
} else {
  const { createSystemSampler } = await import('../dist/system/sampler.js');
  const sampler = createSystemSampler({ intervalMs: 1000, remote: false, onSample: () => ticks++ });
  start = () => sampler.start();
  stop = () => {
    stats = sampler.stats;
    sampler.stop();
  };
}
const before = process.cpuUsage();
const t0 = performance.now();
start();
setTimeout(() => {
  stop();
  const used = process.cpuUsage(before);
  const wallS = (performance.now() - t0) / 1000;
  process.stdout.write(
    `${JSON.stringify({ baseline, seconds: wallS, ticks, cpuMs: (used.user + used.system) / 1000, ...stats })}\n`,
  );
  process.exit(0);
}, seconds * 1000).ref();
