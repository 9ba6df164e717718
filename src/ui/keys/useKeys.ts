import { useRef } from 'react';
import { matchKey, matchRawKey, splitTypedInput, typedText } from './keymap.js';
import type { KeyAction } from '../../core/keyBindings.js';
import { useKeypress } from './useKeypress.js';
import { useKeyTable } from './keyTableContext.js';

export interface KeyHandlers {
  /** A bound key. Return nothing. */
  onAction(action: KeyAction): void;
  /** Typed text or a paste (one multi-character string). */
  onText(text: string): void;
}

/**
 * The one top-level keyboard dispatcher. Function keys are matched on their raw sequence (matchRawKey);
 * other keys go through `matchKey` (keymap.ts), both with the key table in force (KeyTableContext);
 * everything else that is text goes to onText.
 */
export function useKeys(handlers: KeyHandlers, isActive = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  const inForce = useKeyTable();
  const table = useRef(inForce);
  table.current = inForce;

  useKeypress(({ input, key }, raw) => {
    const fn = matchRawKey(raw, table.current);
    if (fn) {
      ref.current.onAction(fn);
      return;
    }
    const pieces = key.ctrl || key.meta ? undefined : splitTypedInput(input);
    if (pieces) {
      for (const piece of pieces) {
        if ('action' in piece) ref.current.onAction(piece.action);
        else ref.current.onText(piece.text);
      }
      return;
    }
    const action = matchKey(input, key, table.current);
    if (action) {
      ref.current.onAction(action);
      return;
    }
    const text = typedText(input, key);
    if (text !== undefined) ref.current.onText(text);
  }, isActive);
}
