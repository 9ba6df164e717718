/** Model picker state (pure): filter text, highlighted index, the filtered list. */
import type { TagModel } from '../ollama/types.js';

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
