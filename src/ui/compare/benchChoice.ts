/** The compare overlay's choosing step (Alt+R): which models, how many runs, which prompt. UI-only state. */
import type { AppState, TagModel } from '../../session/types.js';

export interface BenchChoice {
  /** Highlighted row in the model list. */
  index: number;
  /** Chosen model names, in the installed list's order when the bench starts. */
  selected: readonly string[];
  runs: number;
  prompt: string;
  /** Where the prompt came from, for the overlay's prompt line. */
  promptSource: 'input' | 'last question';
}

export const MAX_BENCH_RUNS = 20;

export const emptyBenchChoice: BenchChoice = { index: 0, selected: [], runs: 1, prompt: '', promptSource: 'input' };

/**
 * Open the chooser: the prompt is the input box's text, else the last question asked; the current model
 * is preselected and highlighted. Returns a sentence instead when there is nothing to run.
 */
export function openBenchChoice(state: AppState, inputText: string, previous?: BenchChoice): BenchChoice | { why: string } {
  const typed = inputText.trim();
  const last = [...state.turns].reverse().find((t) => t.user.trim() !== '')?.user ?? '';
  if (typed === '' && last.trim() === '') return { why: 'Compare models runs a prompt on several models: type one in the input box first, then press Alt+R.' };
  if (state.model.installed.length === 0) return { why: 'No models are installed to compare. Pull one with Ctrl+P (type a name, Enter).' };
  const installed = state.model.installed.map((m) => m.name);
  const current = state.model.current;
  const kept = previous?.selected.filter((n) => installed.includes(n)) ?? [];
  const selected = kept.length > 0 ? kept : current && installed.includes(current) ? [current] : [];
  const index = Math.max(0, current ? installed.indexOf(current) : 0);
  return {
    index,
    selected,
    runs: previous?.runs ?? 1,
    prompt: typed !== '' ? inputText : last,
    promptSource: typed !== '' ? 'input' : 'last question',
  };
}

export function moveBenchChoice(choice: BenchChoice, delta: number, count: number): BenchChoice {
  if (count === 0) return choice;
  return { ...choice, index: (choice.index + delta + count) % count };
}

export function toggleBenchModel(choice: BenchChoice, installed: readonly TagModel[]): BenchChoice {
  const name = installed[choice.index]?.name;
  if (name === undefined) return choice;
  const selected = choice.selected.includes(name) ? choice.selected.filter((n) => n !== name) : [...choice.selected, name];
  return { ...choice, selected };
}

export function stepBenchRuns(choice: BenchChoice, delta: number): BenchChoice {
  return { ...choice, runs: Math.max(1, Math.min(MAX_BENCH_RUNS, choice.runs + delta)) };
}

/** The chosen models in the order of the installed list (the bench measures them in that order). */
export function chosenModels(choice: BenchChoice, installed: readonly TagModel[]): string[] {
  return installed.map((m) => m.name).filter((n) => choice.selected.includes(n));
}
