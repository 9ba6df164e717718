/**
 * Where the terminal cursor rests: the input caret (IME candidate windows appear there), or hidden.
 * Ink in debug mode (how r1-tui renders, see src/terminal/screen/inkScreen.ts) does not draw the cursor
 * itself, so the position also goes to the CaretContext the composition root provides (the screen
 * writer). Like Ink's useCursor it is handed over in the commit (useInsertionEffect), before Ink writes
 * the frame, so the caret and the frame it belongs to go out together.
 */
import { useCursor, type CursorPosition } from 'ink';
import { createContext, useCallback, useContext, useInsertionEffect, useRef } from 'react';

export interface CaretSink {
  setCaret(position: CursorPosition | undefined): void;
}

export const CaretContext = createContext<CaretSink | undefined>(undefined);

export function useCaret(): (position: CursorPosition | undefined) => void {
  const sink = useContext(CaretContext);
  const { setCursorPosition } = useCursor();
  const position = useRef<CursorPosition | undefined>(undefined);
  useInsertionEffect(() => {
    sink?.setCaret(position.current);
    return () => sink?.setCaret(undefined);
  });
  return useCallback(
    (next: CursorPosition | undefined) => {
      position.current = next;
      setCursorPosition(next);
    },
    [setCursorPosition],
  );
}
