/**
 * Doctor checks per host: which server answers (detect.ts), its version, what it offers and what it lacks
 * (capabilities.ts, the table the panel uses), its models, and for OpenAI-compatible servers whether the
 * reasoning arrives in its own field. That last one needs a reply: doctor asks for at most 8 tokens
 * (a short arithmetic question), the only check that costs a (tiny) generation, and says so.
 */
import type { Backend, BackendKind, Feature } from '../backends/backend.js';
import { capabilitiesOf } from '../backends/capabilities.js';
import { detectBackend, type Detected } from '../backends/detect.js';
import { defaultFetch, type FetchFn } from '../backends/ollama/fetch.js';
import { defaultBackendFor } from '../session/hostsController.js';
import type { HostSpec } from '../session/hostList.js';
import { check, type Check } from './doctorTypes.js';

/** Words for each feature, as doctor and the README say them. */
export const FEATURE_WORDS: Record<Feature, string> = {
  'exact-timings': 'exact prompt/eval timings',
  'token-usage': 'token counts',
  'cpu-gpu-split': 'CPU/GPU split',
  'load-time': 'load time',
  'prompt-progress': 'prompt-processing progress',
  'kv-cache': 'KV-cache use',
  'request-queue': 'request queue (running · waiting)',
  'model-list': 'model list',
  'model-switch': 'several models',
  pull: 'model downloads',
  'think-levels': 'think levels',
};

/** How to get the reasoning into its own field, per kind. */
export const REASONING_FIX: Partial<Record<BackendKind, string>> = {
  vllm: 'Restart vLLM with --reasoning-parser deepseek_r1 (vllm serve MODEL --reasoning-parser deepseek_r1).',
  sglang: 'Restart SGLang with --reasoning-parser deepseek-r1.',
  'llama.cpp': 'Restart llama-server with --reasoning-format deepseek (not none).',
  lmstudio: 'In LM Studio turn on the developer setting that sends reasoning_content separately.',
  openai: "Start the server with its reasoning parser (vLLM: --reasoning-parser deepseek_r1; SGLang: --reasoning-parser deepseek-r1).",
};

function offersText(d: Detected): string {
  const caps = capabilitiesOf(d.kind);
  const offers = caps.offers.map((f) => FEATURE_WORDS[f]).join(', ');
  return offers === '' ? 'nothing beyond the chat' : offers;
}

/** Backend, version, offers, lacks (one line each), models. */
export async function hostChecks(spec: HostSpec, opts: { fetch?: FetchFn; probeReasoning?: boolean } = {}): Promise<Check[]> {
  const id = `host.${spec.name}`;
  const fetchFn = opts.fetch ?? defaultFetch();
  const found = await detectBackend(spec.url, { fetch: fetchFn, ...(spec.apiKey ? { apiKey: spec.apiKey } : {}), ...(spec.backend ? { forced: spec.backend } : {}) });
  if (!found.ok) return [check(id, 'fail', `${spec.name}: ${found.message}`, found.reason === 'unreachable' ? 'Start the server, or fix the URL in the config\'s "hosts" / --host.' : 'Check the port, or set "backend" for this host in the config.')];
  const checks: Check[] = [];
  const caps = capabilitiesOf(found.kind);
  checks.push(check(id, 'pass', `${spec.name}: ${found.label} at ${spec.url}; offers ${offersText(found)}.`));
  if (found.needsKey && !spec.apiKey) {
    checks.push(check(`${id}.key`, 'fail', `${spec.name} wants an API key and none is set.`, 'Give one with --api-key or R1_TUI_API_KEY (first host), or "apiKey" in the config\'s hosts entry.'));
    return checks;
  }
  const lacks = caps.lacks.map((l) => l.reason).join('; ');
  if (lacks) checks.push(check(`${id}.lacks`, 'info', `${spec.name} lacks: ${lacks}.`));
  const backend = defaultBackendFor(fetchFn)(spec, found);
  let models: string[];
  try {
    models = (await backend.listModels()).map((m) => m.name);
  } catch (err) {
    checks.push(check(`${id}.models`, 'fail', `${spec.name}: could not list models: ${(err as Error).message}`));
    return checks;
  }
  checks.push(models.length > 0 ? check(`${id}.models`, 'pass', `${spec.name} serves ${models.length === 1 ? `exactly one model: ${models[0]}` : `${models.length} models`}.`) : check(`${id}.models`, 'warn', `${spec.name} lists no models.`));
  if (found.kind !== 'ollama' && opts.probeReasoning !== false && models[0]) checks.push(await reasoningCheck(spec, found, backend, models[0]));
  return checks;
}

/** A question R1 thinks about (a greeting often gets an empty `<think></think>`, which says nothing). */
export const PROBE_QUESTION = 'What is 17 times 23? Think it through.';

/** Ask for ≤ 8 tokens and see where the thinking comes: its own field, `<think>` tags, or plain content. */
export async function reasoningCheck(spec: HostSpec, d: Detected, backend: Backend, model: string): Promise<Check> {
  const id = `host.${spec.name}.reasoning`;
  let reasoning = '';
  let content = '';
  try {
    const stream = await backend.chat({ model, messages: [{ role: 'user', content: PROBE_QUESTION }], options: { num_predict: 8 }, signal: AbortSignal.timeout(30_000) });
    try {
      for await (const ev of stream) {
        if (ev.type === 'delta') {
          reasoning += ev.reasoning;
          content += ev.content;
        }
        if (reasoning !== '' || content.length > 40 || ev.type === 'done') break;
      }
    } finally {
      stream.abort();
    }
  } catch (err) {
    return check(id, 'warn', `${spec.name}: could not ask ${model} for a few tokens to see where its reasoning goes: ${(err as Error).message}`);
  }
  const fix = REASONING_FIX[d.kind];
  if (reasoning !== '') return check(id, 'pass', `${spec.name}: the reasoning of ${model} arrives in its own field (doctor asked for 8 tokens).`);
  if (/^\s*<think>\s*<\/think>/.test(content)) return check(id, 'info', `${spec.name}: ${model} skipped its reasoning for doctor's question, so where its reasoning goes is unknown.`);
  if (/<think>/.test(content)) {
    return check(id, 'warn', `${spec.name}: the reasoning of ${model} arrives inside the answer as <think> tags (r1-tui splits them, but a reply without the opening tag is shown as the answer).`, fix);
  }
  return check(
    id,
    'warn',
    `${spec.name}: ${model} sent its first tokens as answer text with no reasoning field. If it is a reasoning model (DeepSeek-R1), the server runs without a reasoning parser: the thinking comes inside the answer and r1-tui shows it as the answer.`,
    fix,
  );
}
