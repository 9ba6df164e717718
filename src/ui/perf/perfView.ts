/**
 * Rows of the Performance panel. Numbers sit in fixed-width columns so a refresh rewrites few cells;
 * when the panel is short, the least important rows are dropped (see RANK in systemRows.ts).
 */
import { humanBytes } from '../../core/humanBytes.js';
import { untilLabel } from '../../core/humanTime.js';
import { estimateGpuLayers } from '../../core/layers.js';
import { processorLabel } from '../../core/processorLabel.js';
import { displayWidth } from '../../core/wrap.js';
import type { AppState } from '../../session/types.js';
import { boxRows, innerHeight, innerWidth } from '../common/box.js';
import {
  currentPlacement,
  evalFigure,
  firstTokenTimes,
  lastTurn,
  loadTime,
  phaseText,
  promptRate,
  rateText,
  shortDuration,
  thinkAnswerFigures,
} from './perfFigures.js';
import { type Row, fitRow, seg } from '../common/row.js';
import { sparkline } from './sparkline.js';
import { contextGauge, contextWarningText, gaugeRow } from './contextView.js';
import { spillFor, spillLine } from './spillView.js';
import { RANK, type RankedRow, systemRows } from './systemRows.js';
import { serverRows } from './serverRows.js';

export interface PerfViewInput {
  state: AppState;
  width: number;
  height: number;
  /** performance.now() of this frame (phase elapsed time). */
  now: number;
  /** Wall clock for the `4 minutes from now` keep-alive label. */
  clock: Date;
}

/** Label column and number column widths: `eval     1.62 tok/s`, `prompt  45.31 tok/s`. */
const LABEL = 6;
const NUMBER = 7;
const MAX_SPARK = 16;

function rateRow(label: string, figure: Parameters<typeof rateText>[0]): Row {
  return [seg(label.padEnd(LABEL), 'muted'), seg(rateText(figure, NUMBER)), seg(' tok/s', 'muted')];
}

function evalRow(state: AppState, width: number): Row {
  const row = rateRow('eval', evalFigure(state));
  const room = Math.min(MAX_SPARK, width - (LABEL + NUMBER + 6) - 2);
  const spark = room > 0 ? sparkline(state.rates.history, room) : '';
  return fitRow(spark ? [...row, seg('  '), seg(spark, 'barFill')] : row, width);
}

function thinkAnswerRow(state: AppState, width: number): Row {
  const { think, answer } = thinkAnswerFigures(state);
  return fitRow([...rateRow('think', think), seg('  answer ', 'muted'), seg(rateText(answer))], width);
}

function promptRow(state: AppState, width: number): Row {
  const turn = lastTurn(state);
  const rate = promptRate(turn);
  // a server that loads its model at start has no per-request load time: n/a, not a dash
  const noLoad = state.server?.capabilities.lacks.some((l) => l.feature === 'load-time');
  return fitRow(
    [...rateRow('prompt', { rate, estimate: false }), seg('  load ', 'muted'), seg(noLoad ? 'n/a' : (loadTime(turn) ?? '–'))],
    width,
  );
}

function firstTokenRow(state: AppState, width: number): Row {
  const { first, answer } = firstTokenTimes(lastTurn(state));
  const fmt = (ms: number | undefined) => (ms === undefined ? '–' : shortDuration(ms));
  return fitRow([seg('first token ', 'muted'), seg(fmt(first)), seg(' · answer ', 'muted'), seg(fmt(answer))], width);
}

function phaseRow(state: AppState, now: number, width: number): Row {
  const tone = state.phase === 'idle' ? 'muted' : 'accent';
  return fitRow([seg(phaseText(state, now), tone, state.phase !== 'idle')], width);
}

/** Layer estimate for a CPU/GPU split (`{gpu, total}`), undefined when not split or unknown. */
function splitLayers(state: AppState): { gpu: number; total: number } | undefined {
  const ps = currentPlacement(state);
  if (!ps || !state.model.blockCount || !(ps.size_vram > 0 && ps.size_vram < ps.size)) return undefined;
  return estimateGpuLayers(ps.size, ps.size_vram, state.model.blockCount);
}

/** `48%/52% CPU/GPU`, `100% GPU`, `100% CPU`, or why there is no label (`not loaded`). */
export function processorText(state: AppState): string {
  if (!state.model.current) return 'no model selected';
  const ps = currentPlacement(state);
  if (!ps) {
    if (state.placement.error) return 'placement unknown (ollama ps failed)';
    if (state.placement.fetchedAt === undefined) return 'checking ollama ps…';
    return 'not loaded';
  }
  return processorLabel(ps.size, ps.size_vram);
}

/** `48%/52% CPU/GPU  ~34/65 layers est.` (shortened to `~34/65 layers`, then left out, when narrow). */
function processorRow(state: AppState, width: number): Row {
  const text = processorText(state);
  const loaded = currentPlacement(state) !== undefined;
  const label = seg(text, loaded ? 'text' : 'muted', loaded);
  const layers = splitLayers(state);
  if (layers) {
    for (const suffix of [` ~${layers.gpu}/${layers.total} layers est.`, ` ~${layers.gpu}/${layers.total} layers`]) {
      if (displayWidth(text) + 1 + displayWidth(suffix) <= width) return fitRow([label, seg(' '), seg(suffix, 'muted')], width);
    }
  }
  return fitRow([label], width);
}

/** `21 GB · ctx 4096 · 4 minutes from now` for the loaded current model (the keep-alive goes first when narrow). */
export function modelInfoText(state: AppState, clock: Date, width = Number.POSITIVE_INFINITY): string | undefined {
  const ps = currentPlacement(state);
  if (!ps) return undefined;
  const head = [humanBytes(ps.size)];
  if (ps.context_length) head.push(`ctx ${ps.context_length}`);
  const full = ps.expires_at ? [...head, untilLabel(ps.expires_at, clock)].join(' · ') : head.join(' · ');
  return displayWidth(full) <= width ? full : head.join(' · ');
}

/** Every body row the panel can show, in display order, ranked by importance. */
export function perfBodyRows(state: AppState, width: number, now: number, clock: Date): RankedRow[] {
  const rows: RankedRow[] = [
    { row: phaseRow(state, now, width), rank: RANK.phase },
    { row: evalRow(state, width), rank: RANK.eval },
    { row: thinkAnswerRow(state, width), rank: RANK.thinkAnswer },
    { row: promptRow(state, width), rank: RANK.prompt },
    { row: firstTokenRow(state, width), rank: RANK.firstToken },
  ];
  if (state.server) {
    // not Ollama: no /api/ps placement; each figure's source, the server's own figures, n/a with reasons
    rows.push(...serverRows(state, state.server, width));
    rows.push(...systemRows(state.system, width));
    return rows;
  }
  rows.push({ row: processorRow(state, width), rank: RANK.processor });
  const gauge = contextGauge(state);
  // `ctx – / 4,096` (nothing used yet) is worth less than a gauge that moves
  if (gauge?.size) rows.push({ row: gaugeRow(gauge, width), rank: gauge.use ? RANK.context : RANK.contextSizeOnly });
  const spill = spillFor(state);
  if (spill) rows.push({ row: fitRow([seg(spillLine(spill), 'warn')], width), rank: RANK.spill });
  const ctxWarning = contextWarningText(gauge);
  if (ctxWarning) rows.push({ row: fitRow([seg(ctxWarning, 'warn')], width), rank: RANK.contextWarning });
  const info = modelInfoText(state, clock, width);
  if (info) rows.push({ row: fitRow([seg(info, 'muted')], width), rank: RANK.modelInfo });
  // Too narrow for one row: the keep-alive countdown gets its own (`unload 4 minutes from now`).
  const expiresAt = currentPlacement(state)?.expires_at;
  if (info && expiresAt && !info.includes(untilLabel(expiresAt, clock))) {
    rows.push({ row: fitRow([seg('unload ', 'muted'), seg(untilLabel(expiresAt, clock), 'muted')], width), rank: RANK.modelInfo });
  }
  rows.push(...systemRows(state.system, width));
  return rows;
}

/** Keeps the `count` most important rows, in their display order (stable for equal ranks). */
export function keepMostImportant(rows: readonly RankedRow[], count: number): Row[] {
  if (count <= 0) return [];
  if (rows.length <= count) return rows.map((r) => r.row);
  const kept = new Set(
    rows
      .map((r, i) => ({ rank: r.rank, i }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .slice(0, count)
      .map((r) => r.i),
  );
  return rows.filter((_, i) => kept.has(i)).map((r) => r.row);
}

/** Exactly `height` rows of exactly `width` columns. */
export function perfRows(input: PerfViewInput): Row[] {
  const { state, width, height, now, clock } = input;
  const body = keepMostImportant(perfBodyRows(state, innerWidth(width), now, clock), innerHeight(height));
  return boxRows({ title: [seg('Performance', 'accent')], width, height, body });
}
