/** The one "busy" test: a turn is in flight (loading, thinking or answering) or the last turn still streams. */
import type { AppState } from './types.js';

export function isBusy(state: Pick<AppState, 'phase' | 'turns'>): boolean {
  return state.phase !== 'idle' || state.turns.at(-1)?.status === 'streaming';
}
