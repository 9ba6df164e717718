/** Flags of `r1-tui bench`. */
import { MAX_CONFIG_BYTES, readRegularFile } from '../system/safeFiles.js';
import { BENCH_THINK_VALUES, type BenchThink } from '../core/benchTypes.js';
import type { BenchFormat } from '../core/benchFormat.js';
import { isModelName } from '../core/modelName.js';
import { printable } from '../core/sanitize.js';
import { intFlag, parseFlags, type FlagSpecs } from '../core/flags.js';
import { backendFlagValue } from '../backends/detect.js';
import type { BackendKind } from '../backends/backend.js';

export const DEFAULT_BENCH_PROMPT = 'Why is the sky blue? Answer in three sentences.';

export interface BenchOptions {
  models: string[];
  prompt: string;
  runs: number;
  numCtx?: number;
  think?: BenchThink;
  format: BenchFormat;
  host?: string;
  /** --hosts a,b: the same models on each host (config host names or URLs), one table. */
  hosts?: string[];
  /** --backend KIND: the kind of server at --host (skips detection). */
  backend?: BackendKind;
  /** --api-key KEY (else R1_TUI_API_KEY) for --host: never printed, logged or saved. */
  apiKey?: string;
  history: boolean;
  help: boolean;
}

const FLAGS = {
  models: { kind: 'string' },
  prompt: { kind: 'string' },
  'prompt-file': { kind: 'string' },
  runs: { kind: 'string' },
  'num-ctx': { kind: 'string' },
  think: { kind: 'string' },
  json: { kind: 'boolean' },
  csv: { kind: 'boolean' },
  markdown: { kind: 'boolean' },
  host: { kind: 'string' },
  hosts: { kind: 'string' },
  backend: { kind: 'string', check: (v: string) => (backendFlagValue(v) === undefined ? `--backend '${printable(v.trim())}' is not a server kind (ollama, llama.cpp, vllm, sglang, lmstudio or openai)` : undefined) },
  // never echo a key, not even a malformed one
  'api-key': { kind: 'string', check: (v: string) => (/[\s\u0000-\u001f\u007f]/.test(v.trim()) ? '--api-key contains spaces or control characters (the key is not shown)' : undefined) },
  history: { kind: 'boolean' },
  help: { kind: 'boolean' },
} as const satisfies FlagSpecs;

export function parseBenchArgs(argv: readonly string[], readFile: (p: string) => string = (p) => readRegularFile(p, MAX_CONFIG_BYTES)):
  | { ok: true; options: BenchOptions }
  | { ok: false; error: string } {
  const parsed = parseFlags(argv, { command: 'bench', flags: FLAGS });
  if (!parsed.ok) return parsed;
  const v = parsed.values;
  const str = (k: keyof typeof FLAGS) => (typeof v[k] === 'string' ? v[k] : undefined);
  const formats = (['json', 'csv', 'markdown'] as const).filter((f) => v[f]);
  if (formats.length > 1) return { ok: false, error: `choose one output format, not ${formats.map((f) => `--${f}`).join(' and ')}` };
  const options: BenchOptions = {
    models: [],
    prompt: DEFAULT_BENCH_PROMPT,
    runs: 1,
    format: formats[0] ?? 'table',
    history: v.history === true,
    help: v.help === true,
  };
  const host = str('host');
  if (host !== undefined) options.host = host.trim();
  const backend = str('backend');
  if (backend !== undefined) options.backend = backendFlagValue(backend)!;
  const apiKey = str('api-key');
  if (apiKey !== undefined) options.apiKey = apiKey.trim();
  const hosts = str('hosts');
  if (hosts !== undefined) {
    if (backend !== undefined || apiKey !== undefined) return { ok: false, error: `--${backend !== undefined ? 'backend' : 'api-key'} goes with --host; for --hosts give each host's "backend" and "apiKey" in the config` };
    if (host !== undefined) return { ok: false, error: 'use --host (models on one server) or --hosts (the same models across servers), not both' };
    options.hosts = hosts.split(',').map((h) => h.trim()).filter((h) => h !== '');
    if (options.hosts.length === 0) return { ok: false, error: '--hosts needs host names from the config or URLs, e.g. --hosts gpu-box,cpu-box' };
    const bad = options.hosts.find((h) => /[\s\u0000-\u001f\u007f]/.test(h));
    if (bad !== undefined) return { ok: false, error: `--hosts: '${printable(bad)}' contains spaces or control characters` };
  }
  if (options.help) return { ok: true, options };
  if (options.history) {
    const extra = (['models', 'prompt', 'prompt-file', 'runs', 'num-ctx', 'think', 'host', 'hosts', 'backend', 'api-key'] as const).find((k) => v[k] !== undefined);
    if (extra) return { ok: false, error: `--history only prints past runs; --${extra} does not go with it` };
    return { ok: true, options };
  }
  const models = str('models');
  if (models === undefined) return { ok: false, error: '--models is required, e.g. --models deepseek-r1:32b,deepseek-r1:70b' };
  options.models = models.split(',').map((m) => m.trim()).filter((m) => m !== '');
  if (options.models.length === 0) return { ok: false, error: '--models needs at least one model name' };
  const bad = options.models.find((m) => !isModelName(m));
  if (bad) return { ok: false, error: `--models: '${printable(bad)}' is not a valid model name (e.g. deepseek-r1:32b)` };
  const prompt = str('prompt');
  const promptFile = str('prompt-file');
  if (prompt !== undefined && promptFile !== undefined) return { ok: false, error: 'use --prompt or --prompt-file, not both' };
  if (prompt !== undefined) options.prompt = prompt;
  if (promptFile !== undefined) {
    try {
      options.prompt = readFile(promptFile);
    } catch (err) {
      return { ok: false, error: `--prompt-file: cannot read '${printable(promptFile)}' (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    if (options.prompt.trim() === '') return { ok: false, error: `--prompt-file: '${printable(promptFile)}' is empty` };
  }
  const runs = str('runs');
  if (runs !== undefined) {
    const n = intFlag('runs', runs, 1, 100);
    if (typeof n === 'string') return { ok: false, error: n };
    options.runs = n;
  }
  const numCtx = str('num-ctx');
  if (numCtx !== undefined) {
    const n = intFlag('num-ctx', numCtx, 256, 10_000_000);
    if (typeof n === 'string') return { ok: false, error: n };
    options.numCtx = n;
  }
  const think = str('think');
  if (think !== undefined) {
    const level = BENCH_THINK_VALUES.find((t) => t === think.trim().toLowerCase());
    if (level === undefined) return { ok: false, error: `--think must be on, off, low, medium or high, got '${printable(think)}'` };
    options.think = level;
  }
  return { ok: true, options };
}
