/** The panel for servers other than Ollama: every figure's source, the queue, n/a with the reason. */
import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/backends/capabilities.js';
import { perfBodyRows } from '../../src/ui/perf/perfView.js';
import { rowText } from '../../src/ui/common/row.js';
import type { AppState, Turn } from '../../src/session/types.js';
import { connectedState } from './helpers.js';

const texts = (state: AppState, width = 36) => perfBodyRows(state, width, performance.now(), new Date()).map((r) => rowText(r.row).trimEnd());

function turn(over: Partial<Turn>): Turn {
  return { id: 1, user: 'q', model: 'm', thinking: '', answer: 'a', status: 'done', startedAt: 0, thinkingTokens: 0, answerTokens: 1, rev: 1, ...over };
}

describe('server rows', () => {
  it('vLLM: rates measured, tokens exact, KV cache and queue, CPU/GPU n/a with the reason, load n/a', () => {
    const state = connectedState({
      server: { kind: 'vllm', label: 'vLLM 0.19.1', capabilities: capabilitiesOf('vllm'), local: false, contextLength: 32768, metrics: { at: 0, kvCacheUsage: 0.27, requestsRunning: 2, requestsWaiting: 5 } },
      turns: [turn({ stats: { tokens: { completion: 40, source: 'server-exact' }, timings: { evalNs: 1e9, source: 'client-measured' } } })],
    });
    const rows = texts(state);
    expect(rows).toContain('rates  measured by r1-tui');
    expect(rows).toContain('tokens exact from vLLM');
    expect(rows).toContain('KV cache 27% · 2 running · 5 waiting');
    expect(rows.join(' ')).toContain('CPU/GPU n/a: vLLM does not report a CPU/GPU split');
    expect(rows).toContain('ctx 32,768 from vLLM');
    expect(rows.some((r) => r.includes('load n/a'))).toBe(true);
    // no Ollama placement wording
    expect(rows.join(' ')).not.toMatch(/not loaded|ollama ps/);
  });

  it('llama.cpp: exact rates from its timings, prompt progress while the prompt is read, busy slots', () => {
    const state = connectedState({
      server: { kind: 'llama.cpp', label: 'llama.cpp b6881', capabilities: capabilitiesOf('llama.cpp'), local: true, metrics: { at: 0, contextSize: 65536, requestsRunning: 1 } },
      turns: [turn({ status: 'streaming', answer: '', answerTokens: 0, promptProgress: { total: 2048, cached: 0, processed: 1024 } })],
      phase: 'loading',
    });
    const rows = texts(state);
    expect(rows).toContain('prompt ████░░░░ 50% · 1,024/2,048');
    expect(rows).toContain('rates  exact from llama.cpp');
    expect(rows).toContain('1 slot busy');
    expect(rows).toContain('ctx 65,536 from llama.cpp');
  });

  it("server-wide figures, marked as over all the server's requests: vLLM mean TTFT, SGLang throughput", () => {
    const vllm = connectedState({
      server: { kind: 'vllm', label: 'vLLM 0.19.1', capabilities: capabilitiesOf('vllm'), local: false, metrics: { at: 0, requestsRunning: 0, requestsWaiting: 0, meanTtftSeconds: 1.234 } },
    });
    expect(texts(vllm)).toContain('TTFT mean 1.2 s all reqs, vLLM');
    const sglang = connectedState({
      server: { kind: 'sglang', label: 'SGLang 0.4.4', capabilities: capabilitiesOf('sglang'), local: false, metrics: { at: 0, requestsRunning: 1, genThroughput: 41.27 } },
    });
    expect(texts(sglang)).toContain('server 41.3 tok/s all reqs, SGLang');
  });

  it('without a server (Ollama) the panel is as before', () => {
    const rows = texts(connectedState({}));
    expect(rows.join(' ')).not.toMatch(/rates |tokens exact|n\/a:/);
  });
});
