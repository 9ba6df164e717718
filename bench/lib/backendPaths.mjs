// "backends" section: the same ~2,000-token reply streamed at the same rate through the Ollama path
// (NDJSON, ollama-js) and the OpenAI-compatible path (SSE, vLLM dialect), each in its own client process
// against a fake server in another process; client CPU ms per 1,000 tokens, side by side, best of N runs.
import { spawn } from 'node:child_process';
import path from 'node:path';

function run(cmd, args, { untilLine = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (untilLine && out.includes('\n')) resolve({ child, line: out.split('\n')[0].trim() });
    });
    child.on('error', reject);
    child.on('exit', (code) => (untilLine ? reject(new Error(`exited ${code}`)) : code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}`))));
  });
}

export async function benchBackendPaths({ root, rate = 200, runs = 3 }) {
  const fakeCli = path.join(root, 'dist', 'fake', 'cli.js');
  const client = path.join(root, 'bench', 'backendClient.mjs');
  const ollama = await run(process.execPath, [fakeCli, '--rate', String(rate), '--style', 'field', '--no-split-writes'], { untilLine: true });
  const vllm = await run(process.execPath, [fakeCli, '--dialect', 'vllm', '--rate', String(rate), '--prompt-ms', '0'], { untilLine: true });
  const paths = {
    ollama: { url: ollama.line, model: 'deepseek-r1:8b' },
    openai: { url: vllm.line, model: 'deepseek-ai/DeepSeek-R1', kind: 'vllm' },
  };
  const out = { tokensPerSecond: rate, runs };
  try {
    for (const [name, p] of Object.entries(paths)) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const line = await run(process.execPath, [client, '--kind', p.kind ?? 'ollama', '--url', p.url, '--model', p.model]);
        samples.push(JSON.parse(line.split('\n').at(-1)));
      }
      const best = samples.reduce((a, b) => (b.cpuMs / b.tokens < a.cpuMs / a.tokens ? b : a));
      out[name] = { tokens: best.tokens, cpuMs: Math.round(best.cpuMs), cpuMsPer1kTokens: Math.round((best.cpuMs / best.tokens) * 1000 * 10) / 10, all: samples };
    }
  } finally {
    ollama.child.kill('SIGTERM');
    vllm.child.kill('SIGTERM');
  }
  return out;
}
