import { useCallback, useRef, useState } from 'react';
import { ChatDocument } from '../chatLines.js';
import { ChatScroller } from '../chatViewport.js';
import { emptyInput, reduceInput, type InputBuffer, type InputEdit } from '../inputBuffer.js';
import { emptyPicker, type PickerState } from '../modelPicker.js';

export type Overlay = 'none' | 'help' | 'models' | 'verbose' | 'conversations';

export interface UiHint {
  text: string;
  level: 'info' | 'warn' | 'error';
}

/**
 * State mirrored in a ref, so several keypresses delivered before React re-renders each see the result
 * of the previous one.
 */
function useRefState<T>(initial: T): [T, () => T, (next: T) => void] {
  const ref = useRef(initial);
  const [value, setValue] = useState(initial);
  const get = useCallback(() => ref.current, []);
  const set = useCallback((next: T) => {
    ref.current = next;
    setValue(next);
  }, []);
  return [value, get, set];
}

/** UI-only state of the shell (nothing here is session state): input, fold, overlays, scrolling. */
export function useShellState() {
  const [buffer, getBuffer, setBuffer] = useRefState<InputBuffer>(emptyInput);
  const editInput = useCallback((edit: InputEdit) => setBuffer(reduceInput(getBuffer(), edit)), [getBuffer, setBuffer]);
  const [picker, getPicker, setPicker] = useRefState<PickerState>(emptyPicker);
  const [overlay, getOverlay, setOverlay] = useRefState<Overlay>('none');
  const [folded, setFolded] = useState(false);
  const [hint, setHint] = useState<UiHint | null>(null);
  const [scrollRev, setScrollRev] = useState(0);
  /** Rows the reasoning pane is scrolled up from its tail (0 = follow). */
  const [reasoningBack, getReasoningBack, setReasoningBack] = useRefState(0);
  const scrollerRef = useRef<ChatScroller | null>(null);
  /** performance.now() of the last Ctrl+C that stopped a generation (a second one soon after quits). */
  const lastInterruptRef = useRef(-Infinity);
  scrollerRef.current ??= new ChatScroller(new ChatDocument());
  const scrolled = useCallback(() => setScrollRev((n) => n + 1), []);
  return {
    buffer,
    getBuffer,
    editInput,
    folded,
    toggleFolded: useCallback(() => setFolded((f) => !f), []),
    overlay,
    getOverlay,
    setOverlay,
    picker,
    getPicker,
    setPicker,
    hint,
    setHint,
    scrollRev,
    scrolled,
    reasoningBack,
    getReasoningBack,
    setReasoningBack,
    scroller: scrollerRef.current,
    lastInterrupt: lastInterruptRef,
  };
}

export type ShellState = ReturnType<typeof useShellState>;
