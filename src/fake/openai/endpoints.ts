/**
 * The status endpoints of each simulated server, in the recorded shapes: llama.cpp /health, /props,
 * /slots, /metrics; vLLM /health, /version, /metrics; SGLang /health, /get_server_info, /metrics;
 * LM Studio /api/v0/models; Ollama /api/version; everyone /v1/models.
 */
import type { Dialect } from './dialects.js';

export interface ServerFigures {
  model: string;
  /** Context the server runs with (llama.cpp n_ctx, vLLM max_model_len). */
  contextLength: number;
  version: string;
  /** llama.cpp build string (b6881-8b11deea4). */
  build: string;
  running: number;
  waiting: number;
  /** 0..1 */
  kvCacheUsage: number;
  slots: number;
  /** Time-to-first-token observations for the vLLM histogram, seconds. */
  ttft: number[];
  created: number;
}

type Obj = Record<string, unknown>;

export function modelsList(d: Dialect, f: ServerFigures): Obj {
  switch (d) {
    case 'llama.cpp':
      return {
        models: [{ name: f.model, model: f.model, modified_at: '', size: '', digest: '', type: 'model', description: '', tags: [''], capabilities: ['completion'], parameters: '', details: { parent_model: '', format: 'gguf', family: '', families: [''], parameter_size: '', quantization_level: '' } }],
        object: 'list',
        data: [{ id: f.model, object: 'model', created: f.created, owned_by: 'llamacpp', meta: { vocab_type: 2, n_vocab: 152064, n_ctx_train: 131072, n_embd: 5120, n_params: 32763876352, size: 34820000000 } }],
      };
    case 'vllm':
      return {
        object: 'list',
        data: [
          {
            id: f.model,
            object: 'model',
            created: f.created,
            owned_by: 'vllm',
            root: f.model,
            parent: null,
            max_model_len: f.contextLength,
            permission: [{ id: 'modelperm-0b7f2a1c', object: 'model_permission', created: f.created, allow_create_engine: false, allow_sampling: true, allow_logprobs: true, allow_search_indices: false, allow_view: true, allow_fine_tuning: false, organization: '*', group: null, is_blocking: false }],
          },
        ],
      };
    case 'sglang':
      return { object: 'list', data: [{ id: f.model, object: 'model', created: f.created, owned_by: 'sglang', root: f.model, max_model_len: f.contextLength }] };
    case 'lmstudio':
      return { data: [{ id: f.model, object: 'model', owned_by: 'organization_owner' }, { id: 'qwen3-8b', object: 'model', owned_by: 'organization_owner' }], object: 'list' };
    case 'ollama':
      return { object: 'list', data: [{ id: f.model, object: 'model', created: f.created, owned_by: 'library' }] };
  }
}

export function lmStudioV0Models(f: ServerFigures): Obj {
  return {
    object: 'list',
    data: [
      { id: f.model, object: 'model', type: 'llm', publisher: 'lmstudio-community', arch: 'llama', compatibility_type: 'gguf', quantization: 'Q4_K_M', state: 'loaded', max_context_length: f.contextLength },
      { id: 'qwen3-8b', object: 'model', type: 'llm', publisher: 'qwen', arch: 'qwen3', compatibility_type: 'gguf', quantization: 'Q8_0', state: 'not-loaded', max_context_length: 32768 },
    ],
  };
}

export function llamaProps(f: ServerFigures): Obj {
  return {
    default_generation_settings: { id: 0, id_task: -1, n_ctx: f.contextLength, speculative: false, is_processing: false, params: { n_predict: -1, seed: 4294967295, temperature: 0.800000011920929, top_k: 40, top_p: 0.949999988079071, stream: true, timings_per_token: false }, prompt: '', next_token: { has_next_token: true, has_new_line: false, n_remain: -1, n_decoded: 0, stopping_word: '' } },
    total_slots: f.slots,
    model_path: `/models/${f.model}.gguf`,
    chat_template: '...',
    chat_template_caps: {},
    modalities: { vision: false },
    media_marker: '<__media_YoNhud46VdDqbuFmKYEO9PY7A4ARzRfg__>',
    build_info: f.build,
    is_sleeping: false,
  };
}

export function llamaSlots(f: ServerFigures): Obj[] {
  return Array.from({ length: f.slots }, (_, id) => ({
    id,
    id_task: id < f.running ? 135 + id : -1,
    n_ctx: f.contextLength,
    speculative: false,
    is_processing: id < f.running,
    params: { n_predict: -1, seed: 4294967295, temperature: 0.800000011920929, stream: true, reasoning_format: 'deepseek', timings_per_token: false },
    next_token: { has_next_token: true, has_new_line: false, n_remain: -1, n_decoded: id < f.running ? 136 : 0 },
  }));
}

function histogram(name: string, labels: string, values: number[], bounds: number[]): string[] {
  const lines: string[] = [`# HELP ${name} Histogram of time to first token in seconds.`, `# TYPE ${name} histogram`];
  for (const le of [...bounds.map(String), '+Inf']) {
    const n = values.filter((v) => le === '+Inf' || v <= Number(le)).length;
    lines.push(`${name}_bucket{${labels},le="${le}"} ${n.toFixed(1)}`);
  }
  lines.push(`${name}_count{${labels}} ${values.length.toFixed(1)}`);
  lines.push(`${name}_sum{${labels}} ${values.reduce((a, b) => a + b, 0)}`);
  return lines;
}

export function metricsText(d: Dialect, f: ServerFigures): string | undefined {
  if (d === 'vllm') {
    const labels = `engine="0",model_name="${f.model}"`;
    return [
      '# HELP vllm:num_requests_running Number of requests in model execution batches.',
      '# TYPE vllm:num_requests_running gauge',
      `vllm:num_requests_running{${labels}} ${f.running.toFixed(1)}`,
      '# HELP vllm:num_requests_waiting Number of requests waiting to be processed.',
      '# TYPE vllm:num_requests_waiting gauge',
      `vllm:num_requests_waiting{${labels}} ${f.waiting.toFixed(1)}`,
      '# HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.',
      '# TYPE vllm:kv_cache_usage_perc gauge',
      `vllm:kv_cache_usage_perc{${labels}} ${f.kvCacheUsage}`,
      ...histogram('vllm:time_to_first_token_seconds', labels, f.ttft, [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0]),
      '',
    ].join('\n');
  }
  if (d === 'sglang') {
    const labels = `engine_type="unified",model_name="${f.model}"`;
    const g = (name: string, help: string, v: number) => [`# HELP sglang:${name} ${help}`, `# TYPE sglang:${name} gauge`, `sglang:${name}{${labels}} ${v.toFixed(1)}`];
    return [
      ...g('num_running_reqs', 'The number of running requests.', f.running),
      ...g('num_used_tokens', 'The number of used tokens.', Math.round(f.kvCacheUsage * 570979)),
      `# HELP sglang:token_usage The token usage.`,
      `# TYPE sglang:token_usage gauge`,
      `sglang:token_usage{${labels}} ${f.kvCacheUsage}`,
      ...g('gen_throughput', 'The generation throughput (token/s).', f.running > 0 ? 41.3 : 0),
      ...g('num_queue_reqs', 'The number of requests in the waiting queue.', f.waiting),
      '',
    ].join('\n');
  }
  if (d === 'llama.cpp') {
    return [
      '# HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.',
      '# TYPE llamacpp:prompt_tokens_total counter',
      'llamacpp:prompt_tokens_total 143',
      '# HELP llamacpp:requests_processing Number of requests processing.',
      '# TYPE llamacpp:requests_processing gauge',
      `llamacpp:requests_processing ${f.running}`,
      '# HELP llamacpp:requests_deferred Number of requests deferred.',
      '# TYPE llamacpp:requests_deferred gauge',
      `llamacpp:requests_deferred ${f.waiting}`,
      '',
    ].join('\n');
  }
  return undefined;
}

/** The server's own "who am I" endpoint. */
export function serverInfo(d: Dialect, f: ServerFigures): { path: string; body: Obj } | undefined {
  if (d === 'vllm') return { path: '/version', body: { version: f.version } };
  if (d === 'sglang') {
    return { path: '/get_server_info', body: { model_path: f.model, served_model_name: f.model, tp_size: 16, nnodes: 2, context_length: f.contextLength, reasoning_parser: 'deepseek-r1', version: f.version } };
  }
  if (d === 'ollama') return { path: '/api/version', body: { version: f.version } };
  return undefined;
}
