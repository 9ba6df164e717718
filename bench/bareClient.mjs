// Bare reference client: ollama-js streaming one chat to stdout, nothing else (the floor r1-tui is compared to).
// Usage: node bench/bareClient.mjs --host URL --model NAME --message TEXT [--stay] [--warmup-tokens N]
// --warmup-tokens N: first stream the same chat and stop it after N tokens (the bench's warm-up reply, the
// same one the app gets), then the measured chat.
// --stay keeps the process alive after the stream (until stdin closes or a signal) so the bench can read
// its final CPU time from /proc.
import { Ollama } from 'ollama';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const host = arg('host', 'http://127.0.0.1:11434');
const model = arg('model', 'deepseek-r1:8b');
const message = arg('message', 'long answer please');
const stay = args.includes('--stay');
const warmupTokens = Number(arg('warmup-tokens', '0'));

const client = new Ollama({ host });
if (warmupTokens > 0) {
  const warm = await client.chat({ model, messages: [{ role: 'user', content: message }], stream: true });
  let n = 0;
  for await (const part of warm) {
    const thinking = part.message?.thinking ?? '';
    const content = part.message?.content ?? '';
    if (thinking || content) n++;
    process.stdout.write(thinking + content);
    if (n >= warmupTokens) {
      warm.abort();
      break;
    }
  }
  process.stdout.write('\n');
}
let tokens = 0;
const stream = await client.chat({ model, messages: [{ role: 'user', content: message }], stream: true });
for await (const part of stream) {
  const thinking = part.message?.thinking ?? '';
  const content = part.message?.content ?? '';
  if (thinking || content) tokens++;
  process.stdout.write(thinking + content);
}
process.stdout.write(`\n__DONE__ ${tokens}\n`);
if (stay) {
  setInterval(() => {}, 1 << 30);
  process.on('SIGTERM', () => process.exit(0));
}
