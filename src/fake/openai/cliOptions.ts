/**
 * Flags of the fake OpenAI-compatible server (`node dist/fake/cli.js --dialect vllm ...`):
 *   --dialect llama.cpp|vllm|sglang|lmstudio|ollama   (required; selects this server)
 *   --host H --port N --rate TOK_PER_S --speed X --model NAME --version V --context N
 *   --api-key KEY            require `Authorization: Bearer KEY` on /v1/*
 *   --reasoning field|tags|tags-no-open|content
 *   --prompt-ms MS --waiting N --kv 0..1
 *   --fault busy|busy-429|context|cut|not-json|stream-error|html
 */
import { num, oneOf, readFlags, UsageError } from '../cliFlags.js';
import { DIALECTS, type Dialect } from './dialects.js';
import { FAULT_NAMES, faultFromName } from './faults.js';
import type { FakeOpenAiOptions } from './server.js';
import { REASONING_MODES, type ReasoningMode } from './stream.js';

export const OPENAI_USAGE =
  'usage: fake-openai --dialect llama.cpp|vllm|sglang|lmstudio|ollama [--host 127.0.0.1] [--port 0] [--rate 30] [--speed 1] ' +
  '[--model NAME] [--version V] [--context N] [--api-key KEY] [--reasoning field|tags|tags-no-open|content] [--prompt-ms MS] ' +
  '[--waiting N] [--kv 0..1] [--fault busy|busy-429|context|cut|not-json|stream-error|html]';

export function wantsOpenAi(argv: string[]): boolean {
  return argv.some((a) => a === '--dialect' || a.startsWith('--dialect='));
}

export function parseOpenAiCliOptions(argv: string[]): FakeOpenAiOptions & { help?: boolean } {
  const v = readFlags(argv, {
    dialect: { kind: 'string' },
    host: { kind: 'string' },
    port: { kind: 'string' },
    rate: { kind: 'string' },
    speed: { kind: 'string' },
    model: { kind: 'string' },
    version: { kind: 'string' },
    context: { kind: 'string' },
    'api-key': { kind: 'string' },
    reasoning: { kind: 'string' },
    'prompt-ms': { kind: 'string' },
    waiting: { kind: 'string' },
    kv: { kind: 'string' },
    fault: { kind: 'string' },
    help: { kind: 'boolean' },
  });
  const dialect = oneOf<Dialect>('dialect', v.dialect, DIALECTS);
  if (!dialect) throw new UsageError('--dialect needs a value');
  const o: FakeOpenAiOptions & { help?: boolean } = { dialect, ...(v.help ? { help: true } : {}) };
  if (v.host !== undefined) o.host = v.host;
  const port = num('port', v.port, 0, 65535);
  if (port !== undefined) o.port = port;
  const rate = num('rate', v.rate, 0.01);
  if (rate !== undefined) o.tokensPerSecond = rate;
  const speed = num('speed', v.speed, 0.01);
  if (speed !== undefined) o.speed = speed;
  if (v.model !== undefined) o.model = v.model;
  if (v.version !== undefined) o.version = v.version;
  const ctx = num('context', v.context, 1);
  if (ctx !== undefined) o.contextLength = ctx;
  if (v['api-key'] !== undefined) o.apiKey = v['api-key'];
  const reasoning = oneOf<ReasoningMode>('reasoning', v.reasoning, REASONING_MODES);
  if (reasoning) o.reasoning = reasoning;
  const promptMs = num('prompt-ms', v['prompt-ms'], 0);
  if (promptMs !== undefined) o.promptMs = promptMs;
  const waiting = num('waiting', v.waiting, 0);
  if (waiting !== undefined) o.waiting = waiting;
  const kv = num('kv', v.kv, 0, 1);
  if (kv !== undefined) o.kvCacheUsage = kv;
  if (v.fault !== undefined) {
    const fault = faultFromName(v.fault);
    if (!fault) throw new UsageError(`--fault must be one of ${FAULT_NAMES.join(', ')}, got "${v.fault}"`);
    o.fault = fault;
  }
  return o;
}
