/**
 * Performance-panel rows for servers other than Ollama (state.server set). Every figure says where it
 * comes from: exact from the server, measured by r1-tui, or `n/a` with the reason from the server's
 * capability table (backends/capabilities.ts). Shown:
 * - where the rates and token counts come from (llama.cpp timings are exact; vLLM/SGLang send counts
 *   only, so rates are measured by r1-tui; LM Studio sends neither while streaming);
 * - llama.cpp prompt-processing progress while the prompt is read;
 * - vLLM/SGLang KV-cache use and the request queue (`2 running · 5 waiting`), llama.cpp busy slots;
 * - server-wide figures over all its requests: vLLM's mean time to first token, SGLang's throughput;
 * - the CPU/GPU split as `n/a` and why; the context the server runs with.
 */
import { formatCount, formatSeconds } from '../../core/format.js';
import { wrapText } from '../../core/wrap.js';
import type { AppState, ServerState } from '../../session/types.js';
import { fitRow, seg, type Row } from '../common/row.js';
import { lastTurn } from './perfFigures.js';
import type { RankedRow } from './systemRows.js';
import { RANK } from './systemRows.js';

/** A capability name (the ui reads backend types only through session/types). */
type Feature = ServerState['capabilities']['lacks'][number]['feature'];

function lacks(server: ServerState, feature: Feature): string | undefined {
  return server.capabilities.lacks.find((l) => l.feature === feature)?.reason;
}

/** The server's short name (`vLLM` of `vLLM 0.19.1`). */
function shortName(server: ServerState): string {
  return server.label.replace(/ (b?\d[\w.+-]*)$/, '');
}

/** `rates  exact from llama.cpp` / `rates  measured by r1-tui`; `tokens exact from vLLM` / `counted by r1-tui`. */
export function sourceRows(state: AppState, server: ServerState, width: number): Row[] {
  const stats = lastTurn(state)?.stats;
  const name = shortName(server);
  const timingsExact = stats?.timings ? stats.timings.source === 'server-exact' : lacks(server, 'exact-timings') === undefined;
  const tokensExact = stats?.tokens ? stats.tokens.source === 'server-exact' : lacks(server, 'token-usage') === undefined;
  return [
    fitRow([seg('rates  ', 'muted'), seg(timingsExact ? `exact from ${name}` : 'measured by r1-tui')], width),
    fitRow([seg('tokens ', 'muted'), seg(tokensExact ? `exact from ${name}` : 'counted by r1-tui')], width),
  ];
}

/** `prompt ████░░░░ 45% · 1,234/2,048` while llama.cpp reads the prompt. */
export function progressRow(state: AppState, width: number): Row | undefined {
  const turn = lastTurn(state);
  const p = turn?.promptProgress;
  if (!turn || !p || turn.status !== 'streaming' || turn.firstChunkAt !== undefined || p.total <= 0) return undefined;
  const pct = Math.min(100, Math.floor((p.processed / p.total) * 100));
  const bar = 8;
  const filled = Math.round((pct / 100) * bar);
  return fitRow(
    [seg('prompt ', 'muted'), seg('█'.repeat(filled), 'barFill'), seg('░'.repeat(bar - filled), 'barEmpty'), seg(` ${pct}% · ${formatCount(p.processed)}/${formatCount(p.total)}`)],
    width,
  );
}

/** `KV cache 27% · 2 running · 5 waiting` (two rows when narrow); llama.cpp `slots 1/2 busy`. */
export function metricsRows(server: ServerState, width: number): Row[] {
  const m = server.metrics;
  if (server.kind === 'lmstudio' || server.kind === 'openai') return [];
  if (!m) {
    if (server.metricsError) return [fitRow([seg('metrics n/a: ', 'muted'), seg(server.metricsError, 'muted')], width)];
    return [fitRow([seg('metrics ', 'muted'), seg('reading…', 'muted')], width)];
  }
  const parts: string[] = [];
  if (m.kvCacheUsage !== undefined) parts.push(`KV cache ${Math.round(m.kvCacheUsage * 100)}%`);
  const queue: string[] = [];
  if (server.kind === 'llama.cpp') {
    if (m.requestsRunning !== undefined) queue.push(`${m.requestsRunning} slot${m.requestsRunning === 1 ? '' : 's'} busy`);
  } else {
    if (m.requestsRunning !== undefined) queue.push(`${formatCount(m.requestsRunning)} running`);
    if (m.requestsWaiting !== undefined) queue.push(`${formatCount(m.requestsWaiting)} waiting`);
  }
  if (queue.length > 0) parts.push(queue.join(' · '));
  if (parts.length === 0) return [];
  const one = parts.join(' · ');
  if (one.length <= width) return [fitRow([seg(one)], width)];
  return parts.map((p) => fitRow([seg(p)], width));
}

/**
 * Server-wide figures over every request the server has served (not this reply): vLLM's mean time to
 * first token (its TTFT histogram's sum / count), SGLang's generation throughput.
 */
export function serverWideRow(server: ServerState, width: number): Row | undefined {
  const m = server.metrics;
  const name = shortName(server);
  if (m?.meanTtftSeconds !== undefined && Number.isFinite(m.meanTtftSeconds)) {
    return fitRow([seg('TTFT mean ', 'muted'), seg(formatSeconds(m.meanTtftSeconds * 1000)), seg(` all reqs, ${name}`, 'muted')], width);
  }
  if (m?.genThroughput !== undefined && Number.isFinite(m.genThroughput)) {
    return fitRow([seg('server ', 'muted'), seg(`${m.genThroughput.toFixed(1)} tok/s`), seg(` all reqs, ${name}`, 'muted')], width);
  }
  return undefined;
}

/** `CPU/GPU n/a: vLLM does not report a CPU/GPU split`, wrapped. */
export function splitRows(server: ServerState, width: number): Row[] {
  const reason = lacks(server, 'cpu-gpu-split');
  if (!reason) return [];
  return wrapText(`CPU/GPU n/a: ${reason}`, width).map((line, i) => fitRow(i === 0 ? [seg('CPU/GPU ', 'muted'), seg(line.slice('CPU/GPU '.length), 'muted')] : [seg(line, 'muted')], width));
}

/** `ctx 32,768 (server)`: the context the server runs the model with. */
export function contextRow(server: ServerState, width: number): Row | undefined {
  const ctx = server.metrics?.contextSize ?? server.contextLength;
  if (!ctx) return undefined;
  return fitRow([seg('ctx ', 'muted'), seg(formatCount(ctx)), seg(` from ${shortName(server)}`, 'muted')], width);
}

/** Every server row with its rank (see RANK in systemRows.ts). */
export function serverRows(state: AppState, server: ServerState, width: number): RankedRow[] {
  const rows: RankedRow[] = [];
  const progress = progressRow(state, width);
  if (progress) rows.push({ row: progress, rank: RANK.phase });
  for (const row of sourceRows(state, server, width)) rows.push({ row, rank: RANK.thinkAnswer });
  for (const row of metricsRows(server, width)) rows.push({ row, rank: RANK.processor });
  const wide = serverWideRow(server, width);
  if (wide) rows.push({ row: wide, rank: RANK.modelInfo });
  for (const row of splitRows(server, width)) rows.push({ row, rank: RANK.modelInfo });
  const ctx = contextRow(server, width);
  if (ctx) rows.push({ row: ctx, rank: RANK.modelInfo });
  return rows;
}
