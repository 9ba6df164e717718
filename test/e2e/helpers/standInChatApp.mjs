// A minimal interactive chat client used to exercise the bench's app driver before the real app exists
// (`node bench/run.mjs --app-command test/e2e/helpers/standInChatApp.mjs`). Alt screen, raw keys, Enter
// sends through ollama-js, Esc aborts, frames wrapped in ?2026h/l and throttled to 30 fps. Not a product.
import { Ollama } from 'ollama';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const client = new Ollama({ host: arg('host', 'http://127.0.0.1:11434') });
const model = arg('model', 'deepseek-r1:8b');
const out = process.stdout;
const history = [];
let lines = [''];
let input = '';
let streaming = false;
let dirty = true;
let timer;

function append(text) {
  for (const ch of text) {
    if (ch === '\n') lines.push('');
    else if (lines[lines.length - 1].length >= out.columns - 1) lines.push(ch);
    else lines[lines.length - 1] += ch;
  }
  if (lines.length > 5000) lines = lines.slice(-2000);
}
function schedule() {
  dirty = true;
  timer ??= setTimeout(draw, 33);
}
function draw() {
  timer = undefined;
  if (!dirty) return;
  dirty = false;
  const rows = out.rows - 2;
  const visible = lines.slice(-rows);
  let frame = '\x1b[?2026h\x1b[H';
  for (let i = 0; i < rows; i++) frame += `\x1b[2K${visible[i] ?? ''}\r\n`;
  frame += `\x1b[2K> ${input}\x1b[?2026l`;
  out.write(frame);
}
async function send(text) {
  history.push({ role: 'user', content: text });
  append(`\nyou: ${text}\nr1: `);
  streaming = true;
  let answer = '';
  try {
    const stream = await client.chat({ model, messages: history, stream: true });
    current = stream;
    for await (const part of stream) {
      const piece = (part.message?.thinking ?? '') + (part.message?.content ?? '');
      answer += part.message?.content ?? '';
      append(piece);
      schedule();
    }
  } catch {
    append(' [stopped]');
  }
  history.push({ role: 'assistant', content: answer });
  streaming = false;
  current = undefined;
  schedule();
}
let current;
out.write('\x1b[?1049h\x1b[?7l\x1b[?25l');
const restore = () => out.write('\x1b[?7h\x1b[?25h\x1b[?1049l');
process.on('SIGTERM', () => {
  restore();
  process.exit(0);
});
process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (data) => {
  for (const key of data) onKey(key);
  schedule();
});
function onKey(key) {
  if (key === '\x1b' || key === '\x03') current?.abort();
  else if (key === '\x04') {
    restore();
    process.exit(0);
  } else if (key === '\r') {
    if (!streaming && input) void send(input);
    input = '';
  } else if (key === '\x7f') input = [...input].slice(0, -1).join('');
  else input += key;
}
schedule();
