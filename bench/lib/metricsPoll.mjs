// The server-metrics poller's CPU cost (issue 12: "metrics polling costs < 0.1% of a core"): the built
// poller in a child process polls a local HTTP server that answers /metrics with the real vLLM 0.19.1 dump
// (test/fixtures/openai-compatible/vllm-metrics-0.19.1-kvwarden.txt, 56 KB) at the streaming pace (every
// 2 s: the fastest the app polls), beside a bare timer at the same pace. The server runs in this process,
// so its CPU is not counted. The first 20 s of a fresh process (first use of undici and the parser: lazy
// compilation, JIT) are reported on their own; the percentage is the paced window after them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function benchMetricsPoll({ root, seconds, intervalMs = 2000 }) {
  const dump = fs.readFileSync(path.join(root, 'test', 'fixtures', 'openai-compatible', 'vllm-metrics-0.19.1-kvwarden.txt'));
  const server = http.createServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4', 'Content-Length': dump.length });
      res.end(dump);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const script = path.join(root, 'bench', 'metricsChild.mjs');
  const run = async (extra) => {
    const { stdout } = await execFileAsync(process.execPath, [script, url, String(seconds), String(intervalMs), ...extra], { cwd: root });
    return JSON.parse(stdout.trim().split('\n').pop());
  };
  try {
    const poller = await run([]);
    const bare = await run(['--baseline']);
    const pct = (r) => round((r.cpuMs / (r.seconds * 1000)) * 100, 3);
    const steadyMs = poller.polls > 0 ? poller.cpuMs / poller.polls : null;
    return {
      seconds: round(poller.seconds, 1),
      intervalMs,
      polls: poller.polls,
      bytesPerPoll: dump.length,
      cpuMsPerPoll: steadyMs === null ? null : round(steadyMs, 2),
      // measured over the paced window (streaming pace: every 2 s)
      pctOfCore: pct(poller),
      // the same polls at the idle pace (every 10 s): ms per poll / 10 s (computed, not a separate run)
      pctOfCoreIdlePace: steadyMs === null ? null : round((steadyMs / 10_000) * 100, 3),
      firstWindowSeconds: poller.warmSeconds,
      firstWindowPolls: poller.warmPolls,
      firstWindowPctOfCore: round((poller.warmCpuMs / (poller.warmSeconds * 1000)) * 100, 3),
      bareTimerPctOfCore: pct(bare),
      parsed: poller.figures ?? null,
    };
  } finally {
    server.close();
  }
}
