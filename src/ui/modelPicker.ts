/** Model picker state (pure): filter text, highlighted index, the filtered list. */
import { estimateFit } from '../core/fitEstimate.js';
import type { TagModel } from '../ollama/types.js';
import type { SystemSample } from '../session/types.js';

export interface PickerState {
  filter: string;
  index: number;
}

export const emptyPicker: PickerState = { filter: '', index: 0 };

export function filterModels(models: readonly TagModel[], filter: string): TagModel[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((m) => words.every((w) => m.name.toLowerCase().includes(w)));
}

export function movePicker(state: PickerState, delta: number, count: number): PickerState {
  if (count === 0) return { ...state, index: 0 };
  return { ...state, index: (state.index + delta + count) % count };
}

export function setPickerFilter(state: PickerState, filter: string): PickerState {
  return { filter, index: 0 };
}

/** "21 GB" style (decimal, as Ollama prints sizes). */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : 1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.round(bytes / 1e3)} KB`;
}

/** Context size assumed for the fit estimate (Ollama's default num_ctx). */
export const PICKER_CONTEXT = 4096;

/**
 * Short memory-fit label for the picker ("fits GPU", "62%/38% CPU/GPU", "CPU only", "too big"), from
 * the latest system sample; undefined while there is no sample or for a remote server.
 */
export function fitShortLabel(model: TagModel, system: SystemSample | null): string | undefined {
  if (!system || system.gpuNote === 'remote' || system.memTotal <= 0) return undefined;
  const freeVram = system.gpus.reduce(
    (sum, g) => sum + (g.totalBytes !== null && g.usedBytes !== null ? Math.max(0, g.totalBytes - g.usedBytes) : 0),
    0,
  );
  const fit = estimateFit({
    modelBytes: model.size,
    contextLength: PICKER_CONTEXT,
    freeVram,
    freeRam: Math.max(0, system.memTotal - system.memUsed),
  });
  switch (fit.verdict) {
    case 'gpu':
      return 'fits GPU';
    case 'split':
      return `${fit.cpuPercent}%/${100 - (fit.cpuPercent ?? 0)}% CPU/GPU`;
    case 'cpu':
      return 'CPU only';
    case 'no-fit':
      return 'too big';
  }
}
