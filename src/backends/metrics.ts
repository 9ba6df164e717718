/**
 * Server metrics: a Prometheus text-format parser (exposition format 0.0.4: HELP/TYPE comments, labels
 * with escapes, histogram `_bucket`/`_sum`/`_count` samples, +Inf/NaN, optional timestamps) and the
 * figures r1-tui shows, per server:
 * - vLLM: `vllm:kv_cache_usage_perc` (older `vllm:gpu_cache_usage_perc`; a 0..1 fraction despite the
 *   name), `vllm:num_requests_running` / `_waiting`, `vllm:time_to_first_token_seconds` histogram;
 * - SGLang: `sglang:token_usage` (0..1), `sglang:num_running_reqs`, `sglang:num_queue_reqs`,
 *   `sglang:gen_throughput`; label `model_name` (2024 builds: `name`), so labels are not relied on;
 * - llama.cpp: `/slots` (per-slot `n_ctx`, `is_processing`, `n_past` where the build sends it) and
 *   `/props` (`default_generation_settings.n_ctx`).
 * Several engines (data parallel) each report a sample: counts are summed, fractions averaged.
 */
import type { ServerMetrics } from './backend.js';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseValue(s: string): number {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  return Number(s);
}

/** Parse `{a="x",b="y\"z"}` starting at `text[i] === '{'`; returns the labels and the index after `}`. */
function parseLabels(text: string, i: number): { labels: Record<string, string>; end: number } | undefined {
  const labels: Record<string, string> = {};
  i++;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (text[i] === '}') return { labels, end: i + 1 };
    const eq = text.indexOf('=', i);
    if (eq < 0) return undefined;
    const key = text.slice(i, eq).trim();
    i = eq + 1;
    if (text[i] !== '"') return undefined;
    i++;
    let value = '';
    for (; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\' && i + 1 < text.length) {
        const next = text[++i];
        value += next === 'n' ? '\n' : next;
      } else value += text[i];
    }
    if (i >= text.length) return undefined;
    labels[key] = value;
    i++;
  }
}

/**
 * All samples of a Prometheus text body; comment and malformed lines are skipped. With `wanted`, only the
 * samples of those metric names are parsed (a vLLM dump is ~56 KB of which the panel reads five names:
 * skipping the rest before their labels are parsed makes a poll about 4x cheaper).
 */
export function parsePrometheus(text: string, wanted?: ReadonlySet<string>): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let nameEnd = 0;
    while (nameEnd < line.length && line[nameEnd] !== '{' && line[nameEnd] !== ' ' && line[nameEnd] !== '\t') nameEnd++;
    const name = line.slice(0, nameEnd);
    if (wanted && !wanted.has(name)) continue;
    let labels: Record<string, string> = {};
    let rest: string;
    if (line[nameEnd] === '{') {
      const parsed = parseLabels(line, nameEnd);
      if (!parsed) continue;
      labels = parsed.labels;
      rest = line.slice(parsed.end);
    } else rest = line.slice(nameEnd);
    const valueText = rest.trim().split(/\s+/)[0];
    if (name === '' || valueText === undefined || valueText === '') continue;
    const value = parseValue(valueText);
    if (Number.isNaN(value) && valueText !== 'NaN') continue;
    out.push({ name, labels, value });
  }
  return out;
}

/** Samples indexed by name. */
export class MetricSet {
  private readonly byName = new Map<string, Sample[]>();

  constructor(samples: Sample[]) {
    for (const s of samples) {
      const list = this.byName.get(s.name);
      if (list) list.push(s);
      else this.byName.set(s.name, [s]);
    }
  }

  static parse(text: string, wanted?: ReadonlySet<string>): MetricSet {
    return new MetricSet(parsePrometheus(text, wanted));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  samples(name: string): Sample[] {
    return this.byName.get(name) ?? [];
  }

  /** Sum over every label set; undefined when the metric is absent. */
  sum(name: string): number | undefined {
    const list = this.byName.get(name);
    if (!list || list.length === 0) return undefined;
    return list.reduce((a, s) => a + s.value, 0);
  }

  /** Mean over every label set; undefined when absent. */
  mean(name: string): number | undefined {
    const list = this.byName.get(name);
    const total = this.sum(name);
    return list && total !== undefined ? total / list.length : undefined;
  }

  /** Mean of a histogram (`_sum` / `_count`); undefined when absent or empty. */
  histogramMean(base: string): number | undefined {
    const sum = this.sum(`${base}_sum`);
    const count = this.sum(`${base}_count`);
    return sum !== undefined && count !== undefined && count > 0 ? sum / count : undefined;
  }
}

function put(m: ServerMetrics, key: Exclude<keyof ServerMetrics, 'at'>, value: number | undefined): void {
  if (value !== undefined && Number.isFinite(value)) m[key] = value;
}

const VLLM_NAMES: ReadonlySet<string> = new Set([
  'vllm:kv_cache_usage_perc',
  'vllm:gpu_cache_usage_perc',
  'vllm:num_requests_running',
  'vllm:num_requests_waiting',
  'vllm:time_to_first_token_seconds_sum',
  'vllm:time_to_first_token_seconds_count',
]);

export function vllmMetrics(text: string, at: number): ServerMetrics {
  const set = MetricSet.parse(text, VLLM_NAMES);
  const m: ServerMetrics = { at };
  put(m, 'kvCacheUsage', set.mean('vllm:kv_cache_usage_perc') ?? set.mean('vllm:gpu_cache_usage_perc'));
  put(m, 'requestsRunning', set.sum('vllm:num_requests_running'));
  put(m, 'requestsWaiting', set.sum('vllm:num_requests_waiting'));
  put(m, 'meanTtftSeconds', set.histogramMean('vllm:time_to_first_token_seconds'));
  return m;
}

const SGLANG_NAMES: ReadonlySet<string> = new Set([
  'sglang:token_usage',
  'sglang:num_running_reqs',
  'sglang:num_queue_reqs',
  'sglang:gen_throughput',
  'sglang:context_len',
]);

export function sglangMetrics(text: string, at: number): ServerMetrics {
  const set = MetricSet.parse(text, SGLANG_NAMES);
  const m: ServerMetrics = { at };
  put(m, 'kvCacheUsage', set.mean('sglang:token_usage'));
  put(m, 'requestsRunning', set.sum('sglang:num_running_reqs'));
  put(m, 'requestsWaiting', set.sum('sglang:num_queue_reqs'));
  put(m, 'genThroughput', set.sum('sglang:gen_throughput'));
  put(m, 'contextSize', set.mean('sglang:context_len'));
  return m;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const posNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** llama.cpp `/slots`: context size (per slot), busy slots as running requests, context in use when sent. */
export function llamaSlotsMetrics(json: unknown, at: number): ServerMetrics {
  const m: ServerMetrics = { at };
  if (!Array.isArray(json)) return m;
  const slots = json.filter(isObj);
  if (slots.length === 0) return m;
  put(m, 'contextSize', posNum(slots[0]!.n_ctx));
  m.requestsRunning = slots.filter((s) => s.is_processing === true).length;
  const used = slots.map((s) => posNum(s.n_past) ?? posNum(s.n_tokens)).filter((n): n is number => n !== undefined);
  if (used.length > 0) m.contextUsed = Math.max(...used);
  return m;
}

/** llama.cpp `/props`: the per-slot context size. */
export function llamaPropsContext(json: unknown): number | undefined {
  if (!isObj(json) || !isObj(json.default_generation_settings)) return undefined;
  return posNum(json.default_generation_settings.n_ctx);
}
