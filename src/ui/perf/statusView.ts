/**
 * The one-row status line used instead of the Performance panel below ~100 columns:
 * `deepseek-r1:32b · 1.62 tok/s · 48%/52% CPU/GPU · RAM 41/63 GiB · VRAM 7.6/8 GiB`.
 * Parts are dropped by importance (CPU, VRAM first), then the model name is shortened, so tok/s,
 * the PROCESSOR label and RAM survive at 80 columns.
 */
import { processorLabel } from '../../core/processorLabel.js';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import type { AppState } from '../../session/types.js';
import { compactGiB } from './bars.js';
import { currentPlacement, evalFigure, rateText } from './perfFigures.js';
import { type Row, fitRow, seg } from '../common/row.js';
import type { ThemeToken } from '../../core/theme.js';
import { contextStatusText } from './contextView.js';

const SEPARATOR = ' · ';
/** The model name is cut no shorter than this before it is dropped. */
const MIN_MODEL = 8;

export interface StatusPart {
  key: 'model' | 'rate' | 'processor' | 'ctx' | 'ram' | 'vram' | 'cpu';
  text: string;
  tone: ThemeToken;
  /** Lower is more important. */
  rank: number;
}

function processorPart(state: AppState): string {
  // another server: its queue when it reports one, else the split is n/a (no /api/ps)
  const server = state.server;
  if (server) {
    const m = server.metrics;
    if (m?.requestsWaiting !== undefined && server.kind !== 'llama.cpp') return `${m.requestsRunning ?? 0} running · ${m.requestsWaiting} waiting`;
    return 'CPU/GPU n/a';
  }
  const ps = currentPlacement(state);
  if (ps) return processorLabel(ps.size, ps.size_vram);
  return state.model.current ? 'not loaded' : 'no model';
}

function ramPart(state: AppState): string {
  const sys = state.system;
  if (!sys) return 'RAM …';
  if (sys.gpuNote === 'remote') return 'RAM n/a (remote)';
  return `RAM ${compactGiB(sys.memUsed, sys.memTotal)}`;
}

function vramPart(state: AppState): string | undefined {
  const sys = state.system;
  if (!sys || sys.gpuNote) return undefined;
  let used = 0;
  let total = 0;
  for (const g of sys.gpus) {
    if (g.usedBytes === null || g.totalBytes === null) continue;
    used += g.usedBytes;
    total += g.totalBytes;
  }
  return total > 0 ? `VRAM ${compactGiB(used, total)}` : undefined;
}

export function statusParts(state: AppState): StatusPart[] {
  const parts: StatusPart[] = [];
  if (state.model.current) parts.push({ key: 'model', text: state.model.current, tone: 'accent', rank: 4 });
  parts.push({ key: 'rate', text: `${rateText(evalFigure(state))} tok/s`, tone: 'text', rank: 1 });
  parts.push({ key: 'processor', text: processorPart(state), tone: 'text', rank: 2 });
  const ctx = contextStatusText(state);
  if (ctx) parts.push({ key: 'ctx', text: ctx, tone: 'text', rank: 2.5 });
  parts.push({ key: 'ram', text: ramPart(state), tone: 'text', rank: 3 });
  const vram = vramPart(state);
  if (vram) parts.push({ key: 'vram', text: vram, tone: 'text', rank: 5 });
  const cpu = state.system?.cpuPercent;
  if (cpu !== null && cpu !== undefined && state.system?.gpuNote !== 'remote') {
    parts.push({ key: 'cpu', text: `CPU ${Math.round(cpu)}%`, tone: 'text', rank: 6 });
  }
  return parts;
}

function joinedWidth(parts: readonly StatusPart[]): number {
  return parts.reduce((w, p, i) => w + displayWidth(p.text) + (i > 0 ? SEPARATOR.length : 0), 0);
}

/** The parts that fit `width`, in display order (the model name possibly shortened). */
export function fitStatusParts(all: readonly StatusPart[], width: number): StatusPart[] {
  let parts = [...all];
  const dropLeastImportant = (minRank: number): boolean => {
    let worst = -1;
    parts.forEach((p, i) => {
      if (p.rank > minRank && (worst < 0 || p.rank > parts[worst]!.rank)) worst = i;
    });
    if (worst < 0) return false;
    parts.splice(worst, 1);
    return true;
  };
  // 1. Drop extras that rank below the model name.
  while (joinedWidth(parts) > width && dropLeastImportant(4));
  // 2. Shorten, then drop, the model name.
  const modelIndex = parts.findIndex((p) => p.key === 'model');
  if (joinedWidth(parts) > width && modelIndex >= 0) {
    const model = parts[modelIndex]!;
    const others = joinedWidth(parts.filter((p) => p !== model));
    const room = width - others - SEPARATOR.length;
    if (room >= MIN_MODEL) parts[modelIndex] = { ...model, text: truncateToWidth(model.text, room) };
    else parts.splice(modelIndex, 1);
  }
  // 3. Last resort on very narrow screens: drop RAM, then the label (tok/s stays).
  while (joinedWidth(parts) > width && dropLeastImportant(1));
  return parts;
}

export function statusRow(state: AppState, width: number): Row {
  const parts = fitStatusParts(statusParts(state), width);
  const row: Row = [];
  parts.forEach((p, i) => {
    if (i > 0) row.push(seg(SEPARATOR, 'muted'));
    row.push(seg(p.text, p.tone, p.key === 'rate'));
  });
  return fitRow(row, width);
}

export function statusText(state: AppState, width: number): string {
  return statusRow(state, width)
    .map((s) => s.text)
    .join('')
    .trimEnd();
}
