/**
 * Which server answers at a URL: a few cheap GETs in parallel, each with a short deadline, none that
 * costs a generation.
 *   Ollama      GET /api/version        {"version":"0.12.6"}
 *   SGLang      GET /get_server_info    server args + "version"
 *   llama.cpp   GET /props              default_generation_settings, build_info (and /health)
 *   vLLM        GET /version            {"version":"0.19.1"}
 *   LM Studio   GET /api/v0/models      data[] with type/publisher/state
 *   any         GET /v1/models          data[] (owned_by names the engine on vLLM/SGLang/llama.cpp)
 * The most specific answer wins (Ollama and SGLang also answer other probes). A URL with or without
 * `/v1` works. `forced` (--backend) skips the guessing but still reads the version for the header.
 */
import type { BackendKind } from './backend.js';
import { KIND_NAMES, labelOf } from './capabilities.js';
import { baseUrlOf, headersFor } from './openai/request.js';
import { describeReceived, receivedFrom, type FetchFn } from './ollama/fetch.js';
import { sanitize, sanitizeDeep } from '../core/sanitize.js';

export const DETECT_TIMEOUT_MS = 1500;

export interface Detected {
  ok: true;
  kind: BackendKind;
  version?: string;
  /** For the header: `llama.cpp b6881`, `vLLM 0.19.1`, `Ollama 0.12.6`, `OpenAI-compatible`. */
  label: string;
  /** Base URL without `/v1`. */
  baseUrl: string;
  /** The server wants a key (a probe answered 401/403). */
  needsKey?: boolean;
}

export interface NotDetected {
  ok: false;
  baseUrl: string;
  /** 'unreachable': nothing answered; 'unknown': it answers, but as no server r1-tui knows. */
  reason: 'unreachable' | 'unknown';
  /** One sentence for the user. */
  message: string;
}

export type Detection = Detected | NotDetected;

interface Probe {
  path: string;
  status?: number;
  contentType?: string;
  json?: unknown;
  text?: string;
  /** Network failure (no HTTP answer). */
  failed?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const PATHS = ['/api/version', '/get_server_info', '/props', '/version', '/api/v0/models', '/v1/models', '/health'] as const;

async function probe(fetchFn: FetchFn, base: string, path: string, apiKey: string | undefined, timeoutMs: number): Promise<Probe> {
  try {
    const res = await fetchFn(`${base}${path}`, { headers: headersFor(apiKey, true), signal: AbortSignal.timeout(timeoutMs) });
    const raw = await res.text();
    // Server text is untrusted: versions, owners and excerpts become labels and sentences (sanitized once, here).
    const out: Probe = { path, status: res.status, contentType: sanitize(res.headers.get('content-type') ?? ''), text: sanitize(raw) };
    try {
      out.json = sanitizeDeep(JSON.parse(raw) as unknown);
      // a JSON body's escapes are written as \u001b: the description quotes the sanitized value instead
      out.text = JSON.stringify(out.json);
    } catch {
      // not JSON: kept as text for the description
    }
    return out;
  } catch (err) {
    return { path, failed: (err as Error)?.name === 'TimeoutError' ? 'timeout' : 'no answer' };
  }
}

/** llama.cpp `build_info` "b6881-8b11deea4" → "b6881". */
export function llamaBuild(info: unknown): string | undefined {
  const s = str(info);
  if (!s) return undefined;
  return s.split('-')[0];
}

function ok(p: Probe | undefined): p is Probe & { status: number } {
  return p !== undefined && p.status !== undefined && p.status >= 200 && p.status < 300;
}

function ownedBy(p: Probe | undefined): string | undefined {
  if (!ok(p) || !isObj(p.json) || !Array.isArray(p.json.data)) return undefined;
  const first = p.json.data.find(isObj);
  return first ? str(first.owned_by) : undefined;
}

/** Decide from the probe answers (pure; exported for tests). */
export function classify(probes: Probe[], baseUrl: string): Detection {
  const by = new Map(probes.map((p) => [p.path, p]));
  const get = (path: string) => by.get(path);
  const found = (kind: BackendKind, version?: string): Detected => ({ ok: true, kind, ...(version ? { version } : {}), label: labelOf(kind, version), baseUrl, ...(needsKey ? { needsKey } : {}) });
  const needsKey = probes.some((p) => p.status === 401 || p.status === 403);

  const ollama = get('/api/version');
  if (ok(ollama) && isObj(ollama.json) && str(ollama.json.version) && !ok(get('/get_server_info'))) return found('ollama', str(ollama.json.version));
  const sglang = get('/get_server_info');
  if (ok(sglang) && isObj(sglang.json)) return found('sglang', str(sglang.json.version));
  const props = get('/props');
  if (ok(props) && isObj(props.json) && (isObj(props.json.default_generation_settings) || str(props.json.build_info))) {
    return found('llama.cpp', llamaBuild(props.json.build_info));
  }
  const owner = ownedBy(get('/v1/models'));
  const version = get('/version');
  if (ok(version) && isObj(version.json) && str(version.json.version) && owner !== 'sglang') return found('vllm', str(version.json.version));
  const lms = get('/api/v0/models');
  if (ok(lms) && isObj(lms.json) && Array.isArray(lms.json.data)) return found('lmstudio');
  if (owner === 'vllm') return found('vllm');
  if (owner === 'sglang') return found('sglang');
  if (owner === 'llamacpp') return found('llama.cpp');
  const models = get('/v1/models');
  if (ok(models) && isObj(models.json) && Array.isArray(models.json.data)) return found('openai');
  if (needsKey && models?.status !== undefined) return found('openai');

  const answered = probes.filter((p) => p.status !== undefined);
  if (answered.length === 0) {
    return { ok: false, baseUrl, reason: 'unreachable', message: `Nothing answers at ${baseUrl}: no server is listening there, or it is not reachable from here. Check --host.` };
  }
  // what answered, in the words the session uses for an unexpected body: status, content type and the
  // first characters; probes that got the same answer (a router page on every path) are named together
  const shown = answered.filter((p) => p.path === '/api/version' || p.path === '/v1/models' || p.path === '/health');
  const groups = new Map<string, string[]>();
  for (const p of shown.length > 0 ? shown : [answered[0]!]) {
    const what = describeReceived(receivedFrom(p.status!, p.contentType ?? '', p.text ?? ''));
    groups.set(what, [...(groups.get(what) ?? []), p.path]);
  }
  const what = [...groups].map(([received, paths]) => `GET ${listPaths(paths)} ${paths.length > 1 ? 'each ' : ''}gave ${received}`).join('; ');
  return {
    ok: false,
    baseUrl,
    reason: 'unknown',
    message: `${baseUrl} answers, but not like Ollama, llama.cpp, vLLM, SGLang, LM Studio or an OpenAI-compatible server: ${what}. Check the port, or force the kind with --backend.`,
  };
}

/** ['/a', '/b', '/c'] → "/a, /b and /c". */
function listPaths(paths: string[]): string {
  return paths.length > 1 ? `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}` : paths[0]!;
}

export interface DetectOptions {
  fetch: FetchFn;
  apiKey?: string;
  forced?: BackendKind;
  timeoutMs?: number;
}

/** Find out which server answers at `url` (or read the version of the forced kind). */
export async function detectBackend(url: string, opts: DetectOptions): Promise<Detection> {
  const baseUrl = baseUrlOf(url);
  const timeoutMs = opts.timeoutMs ?? DETECT_TIMEOUT_MS;
  const run = (paths: readonly string[]) => Promise.all(paths.map((p) => probe(opts.fetch, baseUrl, p, opts.apiKey, timeoutMs)));
  if (opts.forced) {
    const path = { ollama: '/api/version', 'llama.cpp': '/props', vllm: '/version', sglang: '/get_server_info', lmstudio: '', openai: '' }[opts.forced];
    const [p] = path ? await run([path]) : [undefined];
    let version: string | undefined;
    if (ok(p) && isObj(p.json)) version = opts.forced === 'llama.cpp' ? llamaBuild(p.json.build_info) : str(p.json.version);
    return { ok: true, kind: opts.forced, ...(version ? { version } : {}), label: labelOf(opts.forced, version), baseUrl };
  }
  return classify(await run(PATHS), baseUrl);
}

/** `--backend` values (the CLI's spelling) → kind. */
export function backendFlagValue(value: string): BackendKind | undefined {
  const v = value.trim().toLowerCase();
  const aliases: Record<string, BackendKind> = { llamacpp: 'llama.cpp', 'llama-server': 'llama.cpp', 'lm-studio': 'lmstudio' };
  if (aliases[v]) return aliases[v];
  return (Object.keys(KIND_NAMES) as BackendKind[]).find((k) => k === v);
}
