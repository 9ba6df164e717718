/**
 * One metrics poll per server kind (GETs only; nothing that costs a generation):
 * vLLM and SGLang `/metrics`; llama.cpp `/slots`, falling back to `/props` when slots are disabled.
 */
import type { BackendKind, ServerMetrics } from './backend.js';
import { llamaPropsContext, llamaSlotsMetrics, sglangMetrics, vllmMetrics } from './metrics.js';

export interface MetricsGetters {
  getText(path: string): Promise<string>;
  getJson(path: string): Promise<unknown>;
}

export async function pollMetrics(kind: BackendKind, get: MetricsGetters, now: () => number = () => performance.now()): Promise<ServerMetrics> {
  if (kind === 'vllm') return vllmMetrics(await get.getText('/metrics'), now());
  if (kind === 'sglang') return sglangMetrics(await get.getText('/metrics'), now());
  if (kind === 'llama.cpp') {
    try {
      return llamaSlotsMetrics(await get.getJson('/slots'), now());
    } catch {
      const m: ServerMetrics = { at: now() };
      const ctx = llamaPropsContext(await get.getJson('/props'));
      if (ctx !== undefined) m.contextSize = ctx;
      return m;
    }
  }
  return { at: now() };
}
