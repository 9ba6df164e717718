/**
 * RAM / swap / VRAM / CPU rows of the performance panel, with honest absence:
 * `RAM  sampling…` before the first sample, `VRAM n/a (remote host)`, `VRAM n/a (no GPU found)`,
 * `VRAM unified memory (in RAM)` (Apple Silicon), `VRAM n/a (no NVIDIA GPU found)` (Windows),
 * `VRAM n/a (not measured on this OS)` (Intel Mac).
 */
import type { SystemSample } from '../../session/types.js';
import { bar, compactGiBValue, usedOfTotalGiB } from './bars.js';
import { type Row, fitRow, seg } from '../common/row.js';

export interface RankedRow {
  row: Row;
  /** Lower is more important; rows with the highest rank are dropped first when the pane is short. */
  rank: number;
}

export const RANK = {
  eval: 1,
  processor: 2,
  context: 2.5,
  phase: 3,
  contextWarning: 3.5,
  spill: 4.5,
  ram: 4,
  vram: 5,
  cpu: 6,
  thinkAnswer: 7,
  prompt: 8,
  firstToken: 9,
  contextSizeOnly: 9.5,
  modelInfo: 10,
  swap: 11,
} as const;

/** Widest bar, so a wide panel does not turn into one long bar. */
const MAX_BAR = 24;
/** Narrower than this, a bar says nothing: show the numbers only. */
const MIN_BAR = 3;

interface BarSpec {
  label: string;
  fraction: number;
  value: string;
}

/**
 * RAM / swap / VRAM rows share one bar width and right-align their values, so the bars line up:
 * `RAM  ██████████░░░░ 41.2/62.8 GiB` over `VRAM ████████████░░  7.6/8.0 GiB`.
 */
function sharedBarCells(specs: readonly BarSpec[], labelWidth: number, width: number): number {
  const valueWidth = Math.max(0, ...specs.map((b) => b.value.length));
  return Math.min(MAX_BAR, width - labelWidth - 1 - valueWidth);
}

function alignedBarRows(specs: readonly BarSpec[], labelWidth: number, width: number): Row[] {
  const valueWidth = Math.max(0, ...specs.map((b) => b.value.length));
  const cells = sharedBarCells(specs, labelWidth, width);
  return specs.map((b) => barRow(b.label, labelWidth, b.fraction, b.value.padStart(valueWidth), width, cells));
}

function barRow(label: string, labelWidth: number, fraction: number, value: string, width: number, cells: number): Row {
  const head = label.padEnd(labelWidth);
  if (cells < MIN_BAR) return fitRow([seg(head, 'muted'), seg(value.trimStart())], width);
  const { filled, empty } = bar(fraction, cells);
  return fitRow([seg(head, 'muted'), seg(filled, 'barFill'), seg(empty, 'barEmpty'), seg(' ' + value)], width);
}

function noteRow(label: string, labelWidth: number, note: string, width: number): Row {
  return fitRow([seg(label.padEnd(labelWidth), 'muted'), seg(note, 'muted')], width);
}

/** What the VRAM row says when there are no GPU figures (src/system/platform.ts says when each applies). */
const GPU_NOTE_TEXT: Record<Exclude<SystemSample['gpuNote'], 'remote' | undefined>, string> = {
  none: 'n/a (no GPU found)',
  'no-nvidia': 'n/a (no NVIDIA GPU found)',
  unmeasured: 'n/a (not measured on this OS)',
  unified: 'unified memory (in RAM)',
};

function gpuLabel(index: number, count: number): string {
  return count > 1 ? `VRAM${index}` : 'VRAM';
}

export function systemRows(system: SystemSample | null, width: number): RankedRow[] {
  if (!system) return [{ row: noteRow('RAM', 5, 'sampling…', width), rank: RANK.ram }];
  if (system.gpuNote === 'remote') {
    return [
      { row: noteRow('RAM', 5, 'n/a (remote host)', width), rank: RANK.ram },
      { row: noteRow('VRAM', 5, 'n/a (remote host)', width), rank: RANK.vram },
    ];
  }
  const gpus = system.gpus;
  const labelWidth = Math.max(5, ...gpus.map((_, i) => gpuLabel(i, gpus.length).length + 1));
  const ram: BarSpec = {
    label: 'RAM',
    fraction: system.memTotal > 0 ? system.memUsed / system.memTotal : 0,
    value: usedOfTotalGiB(system.memUsed, system.memTotal),
  };
  const swap: BarSpec | undefined =
    system.swapUsed > 0 && system.swapTotal > 0
      ? { label: 'Swap', fraction: system.swapUsed / system.swapTotal, value: usedOfTotalGiB(system.swapUsed, system.swapTotal) }
      : undefined;
  const gpuBars: Array<BarSpec | string> = gpus.map((gpu, i) =>
    gpu.usedBytes !== null && gpu.totalBytes !== null && gpu.totalBytes > 0
      ? { label: gpuLabel(i, gpus.length), fraction: gpu.usedBytes / gpu.totalBytes, value: usedOfTotalGiB(gpu.usedBytes, gpu.totalBytes) }
      : `n/a (${gpu.name || 'the GPU'} reports no memory figures)`,
  );
  const showGpus = system.gpuNote === undefined && gpus.length > 0;
  const specs = [ram, ...(swap ? [swap] : []), ...(showGpus ? gpuBars.filter((b): b is BarSpec => typeof b !== 'string') : [])];
  const aligned = alignedBarRows(specs, labelWidth, width);
  const rowOf = (spec: BarSpec): Row => aligned[specs.indexOf(spec)] ?? [];

  const rows: RankedRow[] = [{ row: rowOf(ram), rank: RANK.ram }];
  if (swap) rows.push({ row: rowOf(swap), rank: RANK.swap });
  if (!showGpus) {
    rows.push({ row: noteRow('VRAM', labelWidth, GPU_NOTE_TEXT[system.gpuNote ?? 'none'], width), rank: RANK.vram });
  } else {
    gpuBars.forEach((b, i) => {
      const row = typeof b === 'string' ? noteRow(gpuLabel(i, gpus.length), labelWidth, b, width) : rowOf(b);
      rows.push({ row, rank: RANK.vram });
    });
  }
  rows.push({ row: cpuRow(system, labelWidth, width, sharedBarCells(specs, labelWidth, width)), rank: RANK.cpu });
  return rows;
}

/** `CPU  ███░ 92% · ollama 35 GiB`: the bar is no wider than the memory bars above it. */
function cpuRow(system: SystemSample, labelWidth: number, width: number, maxCells: number): Row {
  if (system.cpuPercent === null) return noteRow('CPU', labelWidth, 'sampling…', width);
  const pct = Math.round(system.cpuPercent);
  // an idle app samples every 10 s: the figure is the average over that span, and says so
  const span = system.cpuSpanMs !== undefined && system.cpuSpanMs >= 2_000 ? ` over ${Math.round(system.cpuSpanMs / 1000)} s` : '';
  const value = `${String(pct).padStart(3)}%${span}` + (system.ollamaRss !== null ? ` · ollama ${compactGiBValue(system.ollamaRss)} GiB` : '');
  const cells = Math.min(maxCells, width - labelWidth - 1 - value.length);
  return barRow('CPU', labelWidth, system.cpuPercent / 100, value, width, cells);
}
