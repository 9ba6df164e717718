import { useCallback, useEffect, useRef, useState } from 'react';
import type { UiHint } from '../common/hint.js';
import { ChatDocument } from '../chat/chatLines.js';
import { ChatScroller } from '../chat/chatViewport.js';
import { emptyInput, reduceInput, type InputBuffer, type InputEdit } from '../input/inputBuffer.js';
import { newHistoryHolder, type HistoryHolder } from '../input/inputComfort.js';
import { emptyPicker, type PickerState } from '../models/modelPicker.js';
import { emptyBenchChoice, type BenchChoice } from '../compare/benchChoice.js';
import { openSettingsDraft, type SettingsDraft } from '../settings/settingsDraft.js';
import { emptyConversationList, type ConversationList } from '../conversations/conversationList.js';
import { NO_INLINE, type FoldOverride, type InlineReasoning, type ReasoningMode } from '../reasoning/reasoningFold.js';

export type Overlay = 'none' | 'help' | 'models' | 'verbose' | 'conversations' | 'themes' | 'bench' | 'settings' | 'hosts';


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

/** How long a flashed hint (e.g. the reasoning mode after F3) stays. */
export const FLASH_HINT_MS = 3000;

export interface ShellStateOptions {
  /** Initial reasoning fold mode (config); defaults to 'auto'. */
  reasoningMode?: ReasoningMode;
}

/** UI-only state of the shell (nothing here is session state): input, fold, overlays, scrolling. */
export function useShellState(options: ShellStateOptions = {}) {
  const [buffer, getBuffer, setBuffer] = useRefState<InputBuffer>(emptyInput);
  const editInput = useCallback((edit: InputEdit) => setBuffer(reduceInput(getBuffer(), edit)), [getBuffer, setBuffer]);
  const [picker, getPicker, setPicker] = useRefState<PickerState>(emptyPicker);
  /** Alt+R compare overlay: chosen models, runs, prompt. */
  const [benchChoice, getBenchChoice, setBenchChoice] = useRefState<BenchChoice>(emptyBenchChoice);
  /** Alt+S: the conversation settings being edited. */
  const [settingsDraft, getSettingsDraft, setSettingsDraft] = useRefState<SettingsDraft>(openSettingsDraft(undefined));
  const [overlay, getOverlay, setOverlay] = useRefState<Overlay>('none');
  /** F6: the saved conversations as read when the list opened, and the highlighted row. */
  const [conversationList, getConversationList, setConversationList] = useRefState<ConversationList>(emptyConversationList);
  /** Alt+H: the highlighted host. */
  const [hostIndex, getHostIndex, setHostIndex] = useRefState(0);
  const [reasoningMode, getReasoningMode, setReasoningMode] = useRefState<ReasoningMode>(options.reasoningMode ?? 'auto');
  /** Ctrl+T's choice for the current turn (overrides the mode until the next turn starts). */
  const [foldOverride, getFoldOverride, setFoldOverride] = useRefState<FoldOverride | null>(null);
  /** The turn picked with Alt+↑/↓ (undefined: none, the pane follows the last turn). */
  const [selectedTurnId, getSelectedTurnId, setSelectedTurnId] = useRefState<number | undefined>(undefined);
  /** Which turns show their reasoning inline in the chat (Ctrl+O). */
  const [inlineReasoning, getInlineReasoning, setInlineReasoning] = useRefState<InlineReasoning>(NO_INLINE);
  /** F5: the performance panel (and the status line) hidden. */
  const [panelHidden, getPanelHidden, setPanelHidden] = useRefState(false);
  const [hint, setHintState] = useState<UiHint | null>(null);
  const flashTimer = useRef<NodeJS.Timeout | undefined>(undefined);
  const setHint = useCallback((next: UiHint | null) => {
    if (flashTimer.current) clearTimeout(flashTimer.current);
    flashTimer.current = undefined;
    setHintState(next);
  }, []);
  /** Show a hint for a few seconds (a later hint replaces it and is not cleared by this one's timer). */
  const flashHint = useCallback((next: UiHint, ms = FLASH_HINT_MS) => {
    if (flashTimer.current) clearTimeout(flashTimer.current);
    setHintState(next);
    flashTimer.current = setTimeout(() => {
      flashTimer.current = undefined;
      setHintState((current) => (current === next ? null : current));
    }, ms);
    flashTimer.current.unref?.();
  }, []);
  useEffect(() => () => clearTimeout(flashTimer.current), []);
  const [scrollRev, setScrollRev] = useState(0);
  /** Rows the reasoning pane is scrolled up from its tail (0 = follow). */
  const [reasoningBack, getReasoningBack, setReasoningBack] = useRefState(0);
  const scrollerRef = useRef<ChatScroller | null>(null);
  /** performance.now() of the last Ctrl+C that stopped a generation (a second one soon after quits). */
  const lastInterruptRef = useRef(-Infinity);
  scrollerRef.current ??= new ChatScroller(new ChatDocument());
  /** Sent prompts for ↑/↓ recall (one per shell). */
  const promptHistoryRef = useRef<HistoryHolder | null>(null);
  promptHistoryRef.current ??= newHistoryHolder();
  const scrolled = useCallback(() => setScrollRev((n) => n + 1), []);
  return {
    buffer,
    getBuffer,
    editInput,
    reasoningMode,
    getReasoningMode,
    setReasoningMode,
    foldOverride,
    getFoldOverride,
    setFoldOverride,
    selectedTurnId,
    getSelectedTurnId,
    setSelectedTurnId,
    inlineReasoning,
    getInlineReasoning,
    setInlineReasoning,
    panelHidden,
    getPanelHidden,
    setPanelHidden,
    flashHint,
    overlay,
    getOverlay,
    setOverlay,
    conversationList,
    getConversationList,
    setConversationList,
    hostIndex,
    getHostIndex,
    setHostIndex,
    picker,
    getPicker,
    setPicker,
    benchChoice,
    settingsDraft,
    getSettingsDraft,
    setSettingsDraft,
    getBenchChoice,
    setBenchChoice,
    hint,
    setHint,
    scrollRev,
    scrolled,
    reasoningBack,
    getReasoningBack,
    setReasoningBack,
    scroller: scrollerRef.current,
    promptHistory: promptHistoryRef.current,
    lastInterrupt: lastInterruptRef,
  };
}

export type ShellState = ReturnType<typeof useShellState>;
