/** Model picker state (pure): filter text, highlighted index, the filtered list. */
import { estimateFit, gibLabel, type FitEstimate } from '../../core/fitEstimate.js';
import { processorLabel } from '../../core/processorLabel.js';
import { sameModel } from '../../session/modelChoice.js';
import type { ModelFacts } from '../../session/modelTypes.js';
import type { AppState, SystemSample, TagModel } from '../../session/types.js';

export interface PickerState {
  filter: string;
  index: number;
  /** Model whose eviction warning was shown: Enter again switches. */
  confirm?: string;
  /** Tab: the detail view of the highlighted model. */
  detail?: boolean;
}

export const emptyPicker: PickerState = { filter: '', index: 0 };

export function filterModels(models: readonly TagModel[], filter: string): TagModel[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((m) => words.every((w) => m.name.toLowerCase().includes(w)));
}

/** The picker as Ctrl+P opens it: on the current model (first row when it is not in the list). */
export function openPickerAt(models: readonly TagModel[], filter: string, current: string | undefined): PickerState {
  const at = current ? filterModels(models, filter).findIndex((m) => sameModel(m.name, current) || sameModel(m.model, current)) : -1;
  return { filter, index: Math.max(0, at) };
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
  if (!freeMemory(system)) return undefined;
  return verdictLabel(modelFit(model, undefined, PICKER_CONTEXT, system));
}

/** "fits GPU", "62%/38% CPU/GPU" (ollama ps style), "CPU only" or "too big". */
function verdictLabel(fit: FitEstimate): string {
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

/** Free VRAM and RAM on this machine from a system sample (undefined when unknown or Ollama is remote). */
export function freeMemory(system: SystemSample | null): { freeVram: number; freeRam: number } | undefined {
  if (!system || system.gpuNote === 'remote' || system.memTotal <= 0) return undefined;
  const freeVram = system.gpus.reduce(
    (sum, g) => sum + (g.totalBytes !== null && g.usedBytes !== null ? Math.max(0, g.totalBytes - g.usedBytes) : 0),
    0,
  );
  return { freeVram, freeRam: Math.max(0, system.memTotal - system.memUsed) };
}

/** The fit estimate for one model with its cached shape, the num_ctx in use, and this machine's free memory. */
export function modelFit(model: TagModel, facts: ModelFacts | undefined, numCtx: number, system: SystemSample | null): FitEstimate {
  const free = freeMemory(system);
  return estimateFit({
    modelBytes: model.size,
    ...(facts?.shape ? { shape: facts.shape } : {}),
    contextLength: numCtx,
    freeVram: free?.freeVram ?? 0,
    freeRam: free?.freeRam ?? 0,
  });
}

/** Short fit verdict for a picker row; "needs 21 GiB" when the free memory is unknown (remote Ollama). */
export function fitVerdict(model: TagModel, facts: ModelFacts | undefined, numCtx: number, system: SystemSample | null): string {
  const fit = modelFit(model, facts, numCtx, system);
  if (!freeMemory(system)) return `needs ${gibLabel(fit.needBytes)}`;
  return verdictLabel(fit);
}

/** num_ctx used for a model: its own setting, else Ollama's default. */
export function numCtxOf(state: AppState, name: string): number {
  return state.model.settings?.[name]?.numCtx ?? PICKER_CONTEXT;
}

/** PROCESSOR label (as `ollama ps`) when the model is loaded now. */
export function loadedLabel(state: AppState, name: string): string | undefined {
  const p = state.placement.models.find((m) => sameModel(m.name, name));
  return p ? processorLabel(p.size, p.size_vram) : undefined;
}

/**
 * When switching to `name` would make Ollama evict a loaded model (the estimate does not fit in the
 * memory that is free now), a sentence saying so; undefined otherwise.
 */
export function evictionWarning(state: AppState, name: string): string | undefined {
  const others = state.placement.models.filter((p) => !sameModel(p.name, name));
  const model = state.model.installed.find((m) => sameModel(m.name, name));
  if (others.length === 0 || !model) return undefined;
  const free = freeMemory(state.system);
  if (!free) return undefined;
  const fit = modelFit(model, state.model.facts?.[model.name], numCtxOf(state, name), state.system);
  // Free memory already excludes the loaded models; if the new one needs more than is free, Ollama evicts.
  if (fit.verdict !== 'no-fit') return undefined;
  const names = others.map((p) => p.name).join(', ');
  return `${name} will not fit beside ${names}; Ollama will unload ${others.length > 1 ? 'them' : 'it'}. Enter again to switch.`;
}

/** Previous/next installed model after `current` (wraps); undefined with fewer than two models. */
export function neighbourModel(installed: readonly TagModel[], current: string | undefined, delta: 1 | -1): string | undefined {
  if (installed.length < 2) return undefined;
  const i = installed.findIndex((m) => current !== undefined && sameModel(m.name, current));
  const next = i < 0 ? (delta > 0 ? 0 : installed.length - 1) : (i + delta + installed.length) % installed.length;
  return installed[next]!.name;
}
