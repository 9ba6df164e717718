/** Prometheus parsing and per-server figures, on the recorded /metrics, /slots and /props files byte for byte. */
import { describe, expect, it } from 'vitest';
import { MetricSet, llamaPropsContext, llamaSlotsMetrics, parsePrometheus, sglangMetrics, vllmMetrics } from '../../src/backends/metrics.js';
import { fixtureText } from './openaiRecordings.js';

describe('Prometheus text parser', () => {
  it('labels with escapes, exponents, +Inf buckets, timestamps, comments', () => {
    const text = [
      '# HELP x_total A counter',
      '# TYPE x_total counter',
      'x_total{a="1",b="q\\"uo\\\\te\\n"} 1.5e+03 1700000000000',
      'h_bucket{le="+Inf"} 4',
      'plain 3',
      'nan_metric NaN',
      'broken{a="1" 2',
      '',
    ].join('\r\n');
    const s = parsePrometheus(text);
    expect(s[0]).toEqual({ name: 'x_total', labels: { a: '1', b: 'q"uo\\te\n' }, value: 1500 });
    expect(s[1]).toEqual({ name: 'h_bucket', labels: { le: '+Inf' }, value: 4 });
    expect(s[2]).toEqual({ name: 'plain', labels: {}, value: 3 });
    expect(Number.isNaN(s[3]!.value)).toBe(true);
    expect(s).toHaveLength(4);
  });

  it('parses the whole vLLM 0.19.1 dump (56 KB) and its TTFT histogram', () => {
    const text = fixtureText('vllm-metrics-0.19.1-kvwarden.txt');
    const set = MetricSet.parse(text);
    expect(set.samples('vllm:time_to_first_token_seconds_bucket')).toHaveLength(23); // grep -c '^vllm:time_to_first_token_seconds_bucket' = 23
    expect(set.sum('vllm:time_to_first_token_seconds_count')).toBe(917);
    expect(set.samples('vllm:cache_config_info')[0]?.labels.num_gpu_blocks).toBe('7975');
  });

  it('with wanted names it parses only those samples, with the same values', () => {
    const text = fixtureText('vllm-metrics-0.19.1-kvwarden.txt');
    const wanted = new Set(['vllm:num_requests_waiting', 'vllm:time_to_first_token_seconds_count']);
    const some = parsePrometheus(text, wanted);
    expect(new Set(some.map((x) => x.name))).toEqual(wanted);
    expect(some).toEqual(parsePrometheus(text).filter((x) => wanted.has(x.name)));
  });
});

describe('per server', () => {
  it('vLLM 0.19.1: KV cache, running/waiting, mean TTFT', () => {
    const m = vllmMetrics(fixtureText('vllm-metrics-0.19.1-kvwarden.txt'), 1);
    expect(m).toEqual({ at: 1, kvCacheUsage: 0, requestsRunning: 0, requestsWaiting: 0, meanTtftSeconds: 234.6708381175995 / 917 });
  });

  it('vLLM before kv_cache_usage_perc: gpu_cache_usage_perc; two engines: counts summed, fraction averaged', () => {
    const text = [
      'vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.5',
      'vllm:gpu_cache_usage_perc{engine="1",model_name="m"} 0.7',
      'vllm:num_requests_running{engine="0",model_name="m"} 2.0',
      'vllm:num_requests_running{engine="1",model_name="m"} 0.0',
      'vllm:num_requests_waiting{engine="0",model_name="m"} 5.0',
    ].join('\n');
    const m = vllmMetrics(text, 0);
    expect(m.kvCacheUsage).toBeCloseTo(0.6, 10);
    expect(m).toMatchObject({ requestsRunning: 2, requestsWaiting: 5 });
    expect(m.meanTtftSeconds).toBeUndefined();
  });

  it('SGLang 2025 (model_name label): running, token usage, throughput; queue absent from the excerpt', () => {
    expect(sglangMetrics(fixtureText('sglang-metrics-pr4412-excerpt.txt'), 2)).toEqual({ at: 2, kvCacheUsage: 0, requestsRunning: 0, genThroughput: 0 });
  });

  it('SGLang 2024 (name= label): context length read regardless of the label name', () => {
    expect(sglangMetrics(fixtureText('sglang-metrics-pr1853-excerpt.txt'), 3)).toEqual({ at: 3, contextSize: 131072 });
  });

  it('llama.cpp /metrics excerpt parses (no KV gauge, no labels)', () => {
    const set = MetricSet.parse(fixtureText('llamacpp-metrics-pr13196-excerpt.txt'));
    expect(set.sum('llamacpp:tokens_predicted_total')).toBe(673);
    expect(set.has('llamacpp:kv_cache_usage_ratio')).toBe(false);
  });

  it('llama.cpp /slots: context per slot and busy slots; /props: n_ctx', () => {
    const slots = (JSON.parse(fixtureText('llamacpp-slots-readme-example.json')) as { response: unknown }).response;
    expect(llamaSlotsMetrics(slots, 4)).toEqual({ at: 4, contextSize: 65536, requestsRunning: 2 });
    const props = (JSON.parse(fixtureText('llamacpp-props-readme-example.json')) as { response: unknown }).response;
    expect(llamaPropsContext(props)).toBe(1024);
  });
});
