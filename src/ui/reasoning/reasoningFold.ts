/**
 * Fold rules of the reasoning (pure). The pane follows a mode: `auto` (open while the model thinks,
 * folded once the answer starts), `folded` (always) or `open` (always); Ctrl+T overrides the mode for
 * the current turn. Earlier turns' reasoning can be shown inline in the chat, one by one or all at once.
 */
import type { Turn } from '../../session/types.js';

export type ReasoningMode = 'auto' | 'folded' | 'open';

export const REASONING_MODES: readonly ReasoningMode[] = ['auto', 'folded', 'open'];

export function nextReasoningMode(mode: ReasoningMode): ReasoningMode {
  return REASONING_MODES[(REASONING_MODES.indexOf(mode) + 1) % REASONING_MODES.length]!;
}

/** What the hint says after the mode changed. */
export function reasoningModeHint(mode: ReasoningMode): string {
  switch (mode) {
    case 'auto':
      return 'Reasoning: auto (open while the model thinks, folded when the answer starts) · F3 changes it';
    case 'folded':
      return 'Reasoning: always folded · F3 changes it';
    case 'open':
      return 'Reasoning: always open · F3 changes it';
  }
}

/** A Ctrl+T choice; it holds while `turnId` is still the last turn (undefined: no turn yet). */
export interface FoldOverride {
  turnId: number | undefined;
  folded: boolean;
}

export interface PaneFoldInput {
  mode: ReasoningMode;
  override: FoldOverride | null;
  lastTurn: Turn | undefined;
  selectedTurnId?: number;
}

/** The model is thinking and no answer text has arrived yet (or nothing arrived at all). */
export function thinkingNow(turn: Turn | undefined): boolean {
  return turn !== undefined && turn.status === 'streaming' && turn.firstAnswerAt === undefined;
}

export function paneFolded({ mode, override, lastTurn, selectedTurnId }: PaneFoldInput): boolean {
  if (override && override.turnId === lastTurn?.id) return override.folded;
  if (mode === 'folded') return true;
  if (mode === 'open') return false;
  // auto: an empty conversation shows what the pane is for; a selected earlier turn shows its reasoning.
  if (lastTurn === undefined || selectedTurnId !== undefined) return false;
  return !thinkingNow(lastTurn);
}

/** Which turns show their reasoning inline in the chat: all (or none), with per-turn exceptions. */
export interface InlineReasoning {
  allOpen: boolean;
  /** Turns whose state is the opposite of `allOpen`. */
  flipped: ReadonlySet<number>;
}

export const NO_INLINE: InlineReasoning = { allOpen: false, flipped: new Set() };

export function inlineOpen(inline: InlineReasoning, turnId: number): boolean {
  return inline.allOpen !== inline.flipped.has(turnId);
}

/** Ctrl+O: toggle one turn, or every turn when `turnId` is undefined. */
export function toggleInline(inline: InlineReasoning, turnId?: number): InlineReasoning {
  if (turnId === undefined) return { allOpen: !inline.allOpen, flipped: new Set() };
  const flipped = new Set(inline.flipped);
  if (flipped.has(turnId)) flipped.delete(turnId);
  else flipped.add(turnId);
  return { allOpen: inline.allOpen, flipped };
}

/**
 * Alt+↑ / Alt+↓: step the selected turn. Up from no selection picks the last turn; down past the
 * last turn clears the selection (back to following the conversation).
 */
export function stepSelection(turns: readonly Turn[], selected: number | undefined, delta: -1 | 1): number | undefined {
  if (turns.length === 0) return undefined;
  const index = selected === undefined ? -1 : turns.findIndex((t) => t.id === selected);
  if (index < 0) return delta < 0 ? turns[turns.length - 1]!.id : undefined;
  const next = index + delta;
  if (next >= turns.length) return undefined;
  return turns[Math.max(0, next)]!.id;
}
