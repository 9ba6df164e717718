/**
 * Keys of the compare overlay (Alt+R), called from the shell's dispatcher (useShellKeys): opening it,
 * and while it is open ↑/↓ move, Space toggles a model, +/- change the runs, Enter starts, Esc cancels a
 * running bench or closes the overlay. Refuses to open while a reply streams.
 */
import type { AppActions, AppState } from '../../session/types.js';
import { chosenModels, moveBenchChoice, openBenchChoice, stepBenchRuns, toggleBenchModel, type BenchChoice } from './benchChoice.js';
import type { KeyAction } from '../../core/keyBindings.js';
import type { UiHint } from '../common/hint.js';

/** The parts of the shell state the bench keys use (a subset of ShellState). */
export interface BenchShell {
  getOverlay(): string;
  setOverlay(overlay: 'none' | 'bench'): void;
  getBuffer(): { text: string };
  getBenchChoice(): BenchChoice;
  setBenchChoice(choice: BenchChoice): void;
  setHint(hint: UiHint | null): void;
}

export const BENCH_STREAMING_HINT = 'A reply is streaming: wait for it (or press Esc to stop it), then press Alt+R to compare models.';

export function openBench(state: AppState, actions: AppActions, ui: BenchShell, busy: boolean): void {
  const bench = actions.bench;
  if (!bench) return ui.setHint({ text: 'Comparing models is not available here.', level: 'warn' });
  if (bench.getState().status === 'running') return ui.setOverlay('bench');
  if (busy) return ui.setHint({ text: BENCH_STREAMING_HINT, level: 'warn' });
  const choice = openBenchChoice(state, ui.getBuffer().text, ui.getBenchChoice());
  if ('why' in choice) return ui.setHint({ text: choice.why, level: 'warn' });
  bench.reset();
  ui.setBenchChoice(choice);
  ui.setHint(null);
  ui.setOverlay('bench');
}

function close(actions: AppActions, ui: BenchShell): void {
  actions.bench?.reset();
  ui.setOverlay('none');
}

/** A bound key while the overlay is open. Returns false for keys it leaves to the shell (help, F-keys). */
export function benchKeyAction(state: AppState, actions: AppActions, ui: BenchShell, action: KeyAction): boolean {
  const bench = actions.bench;
  const status = bench?.getState().status ?? 'idle';
  if (status === 'running') {
    if (action === 'stop' || action === 'interrupt') {
      bench?.cancel();
    }
    // Everything else waits: the chat must not start a turn while the bench holds the server.
    return true;
  }
  if (action === 'interrupt') return false;
  const installed = state.model.installed;
  const choice = ui.getBenchChoice();
  switch (action) {
    case 'stop':
    case 'compareModels':
      close(actions, ui);
      return true;
    case 'up':
    case 'down':
      if (status === 'idle') ui.setBenchChoice(moveBenchChoice(choice, action === 'up' ? -1 : 1, installed.length));
      return true;
    case 'send': {
      if (!bench) return true;
      if (status !== 'idle') {
        bench.reset();
        return true;
      }
      const why = bench.start({ models: chosenModels(choice, installed), runs: choice.runs, prompt: choice.prompt });
      ui.setHint(why ? { text: why, level: 'warn' } : null);
      return true;
    }
    case 'help':
      return false;
    default:
      return true;
  }
}

/** Typed text while the overlay is open: Space toggles, + and - change the runs. */
export function benchText(state: AppState, actions: AppActions, ui: BenchShell, text: string): void {
  if ((actions.bench?.getState().status ?? 'idle') !== 'idle') return;
  // Keys typed fast (or over SSH) can arrive as one string: each character counts.
  for (const ch of text) {
    const choice = ui.getBenchChoice();
    if (ch === ' ') ui.setBenchChoice(toggleBenchModel(choice, state.model.installed));
    else if (ch === '+' || ch === '=') ui.setBenchChoice(stepBenchRuns(choice, 1));
    else if (ch === '-' || ch === '_') ui.setBenchChoice(stepBenchRuns(choice, -1));
  }
}
