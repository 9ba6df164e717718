// Loaded into the app by bench/memProbe.mjs (--import): on SIGUSR2 it appends memory figures as one JSON
// line to $MEMPROBE_OUT (MEMPROBE_GC=1 with --expose-gc: after a full GC). Counts GCs from the start.
import fs from 'node:fs';
import v8 from 'node:v8';
import { PerformanceObserver, constants } from 'node:perf_hooks';
const gcStats = {};
new PerformanceObserver((list) => { for (const e of list.getEntries()) { const k = e.detail?.kind ?? e.kind; const name = k === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor' : k === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major' : k === constants.NODE_PERFORMANCE_GC_INCREMENTAL ? 'incr' : 'other'; const g = (gcStats[name] ??= { n: 0, ms: 0 }); g.n++; g.ms = Math.round((g.ms + e.duration) * 10) / 10; } }).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  if (process.env.MEMPROBE_GC === '1' && globalThis.gc) globalThis.gc();
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.space_used_size / 1024) + '/' + Math.round(s.space_size / 1024)]));
  const line = { mu: Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1024)])), rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile'), threads: kb('Threads'), spaces, hs: v8.getHeapStatistics(), gc: JSON.parse(JSON.stringify(gcStats)), cpu: process.cpuUsage() };
  fs.appendFileSync(process.env.MEMPROBE_OUT, JSON.stringify(line) + '\n');
});
