/**
 * Flags of the fake OpenAI-compatible server (`node dist/fake/cli.js --dialect vllm ...`):
 *   --dialect llama.cpp|vllm|sglang|lmstudio|ollama   (required; selects this server)
 *   --host H --port N --rate TOK_PER_S --speed X --model NAME --version V --context N
 *   --api-key KEY            require `Authorization: Bearer KEY` on /v1/*
 *   --reasoning field|tags|tags-no-open|content
 *   --prompt-ms MS --waiting N --kv 0..1
 *   --fault busy|busy-429|context|cut|not-json|stream-error|html
 */
import { parseArgs } from 'node:util';
import { DIALECTS, type Dialect } from './dialects.js';
import { FAULT_NAMES, faultFromName } from './faults.js';
import type { FakeOpenAiOptions } from './server.js';
import { REASONING_MODES, type ReasoningMode } from './stream.js';

export const OPENAI_USAGE =
  'usage: fake-openai --dialect llama.cpp|vllm|sglang|lmstudio|ollama [--host 127.0.0.1] [--port 0] [--rate 30] [--speed 1] ' +
  '[--model NAME] [--version V] [--context N] [--api-key KEY] [--reasoning field|tags|tags-no-open|content] [--prompt-ms MS] ' +
  '[--waiting N] [--kv 0..1] [--fault busy|busy-429|context|cut|not-json|stream-error|html]';

export class OpenAiUsageError extends Error {}

function num(flag: string, value: string | undefined, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new OpenAiUsageError(`--${flag} needs a number from ${min}${max < Infinity ? ` to ${max}` : ''}, got "${value}"`);
  return n;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new OpenAiUsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export function wantsOpenAi(argv: string[]): boolean {
  return argv.some((a) => a === '--dialect' || a.startsWith('--dialect='));
}

export function parseOpenAiCliOptions(argv: string[]): FakeOpenAiOptions & { help?: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        dialect: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        rate: { type: 'string' },
        speed: { type: 'string' },
        model: { type: 'string' },
        version: { type: 'string' },
        context: { type: 'string' },
        'api-key': { type: 'string' },
        reasoning: { type: 'string' },
        'prompt-ms': { type: 'string' },
        waiting: { type: 'string' },
        kv: { type: 'string' },
        fault: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new OpenAiUsageError((err as Error).message.split('\n')[0]!);
  }
  const v = parsed.values;
  const dialect = oneOf<Dialect>('dialect', v.dialect, DIALECTS);
  if (!dialect) throw new OpenAiUsageError('--dialect needs a value');
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
    if (!fault) throw new OpenAiUsageError(`--fault must be one of ${FAULT_NAMES.join(', ')}, got "${v.fault}"`);
    o.fault = fault;
  }
  return o;
}
