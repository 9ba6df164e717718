import { useInput, useStdin, type Key } from 'ink';
import { useEffect, useRef } from 'react';
import { matchKey, matchRawKey, splitTypedInput, typedText } from './keymap.js';
import type { KeyAction } from '../../core/keyBindings.js';

export interface KeyHandlers {
  /** A bound key. Return nothing. */
  onAction(action: KeyAction): void;
  /** Typed text or a paste (one multi-character string). */
  onText(text: string): void;
}

/**
 * The one top-level keyboard dispatcher. Keys go through `matchKey` (keymap.ts); everything else that is
 * text goes to onText. F1 and F2 are caught from the raw input events because Ink 6.8's useInput reports
 * function keys as an empty input with no flags.
 */
export function useKeys(handlers: KeyHandlers, isActive = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  const { internal_eventEmitter: events } = useStdin();

  useInput(
    (input: string, key: Key) => {
      const pieces = key.ctrl || key.meta ? undefined : splitTypedInput(input);
      if (pieces) {
        for (const piece of pieces) {
          if ('action' in piece) ref.current.onAction(piece.action);
          else ref.current.onText(piece.text);
        }
        return;
      }
      const action = matchKey(input, key);
      if (action) {
        ref.current.onAction(action);
        return;
      }
      const text = typedText(input, key);
      if (text !== undefined) ref.current.onText(text);
    },
    { isActive },
  );

  useEffect(() => {
    if (!isActive || !events) return;
    const onRaw = (data: string) => {
      const action = matchRawKey(data);
      if (action) ref.current.onAction(action);
    };
    events.on('input', onRaw);
    return () => {
      events.removeListener('input', onRaw);
    };
  }, [events, isActive]);
}
