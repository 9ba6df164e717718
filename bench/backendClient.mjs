// One streamed reply through r1-tui's Backend interface, for the bench's "backends" section:
//   node bench/backendClient.mjs --kind ollama|vllm --url URL --model NAME
// Prints one JSON line: tokens (text deltas), the process's CPU ms spent from the request to the end of
// the stream (process.cpuUsage), and wall ms. The whole path is the one the app uses: the client, the
// event mapping and the think-tag splitter (DeltaSplitter); nothing is drawn.
import { createOllamaClient } from '../dist/backends/ollama/client.js';
import { createOllamaBackend } from '../dist/backends/ollama/ollamaBackend.js';
import { createOpenAiBackend } from '../dist/backends/openai/openaiBackend.js';
import { DeltaSplitter } from '../dist/backends/splitDeltas.js';

const args = process.argv.slice(2);
const arg = (name) => args[args.indexOf(`--${name}`) + 1];
const kind = arg('kind');
const url = arg('url');
const model = arg('model');
const backend = kind === 'ollama' ? createOllamaBackend(createOllamaClient(url)) : createOpenAiBackend({ url, kind });
const split = new DeltaSplitter();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for await (const ev of await backend.chat({ model, messages: [{ role: 'user', content: 'Please give a long answer.' }] })) split.push(ev);
const cpu = process.cpuUsage(cpu0);
const r = split.result();
process.stdout.write(`${JSON.stringify({ tokens: r.deltas, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - t0, chars: r.reasoning.length + r.answer.length })}\n`);
process.exit(0);
