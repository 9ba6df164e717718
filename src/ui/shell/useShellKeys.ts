import { sanitize } from '../../core/sanitize.js';
import { wrapText } from '../../core/wrap.js';
import type { AppActions, AppState } from '../../session/types.js';
import { conversationListAction, conversationListText, type ConversationListResult } from '../conversations/conversationList.js';
import { resetChatView } from '../conversations/ConversationsKeys.js';
import { hostsKeyAction, openHosts } from '../hosts/hostsKeys.js';
import { cleanInputText, textToSend } from '../input/inputBuffer.js';
import { historyKey, regenerateText, rememberPrompt } from '../input/inputComfort.js';
import { isInstalled } from '../../session/modelChoice.js';
import { openPickerAt } from '../models/modelPicker.js';
import { isBusy } from '../../session/busy.js';
import { globalModelKey, pickerKeyAction, pickerText } from '../models/modelPickerKeys.js';
import { benchKeyAction, benchText, openBench } from '../compare/benchKeys.js';
import { openSettings, settingsKeyAction, settingsText } from '../settings/settingsKeys.js';
import { useStoreContext } from './StoreContext.js';
import { nextReasoningMode, paneFolded, reasoningModeHint, stepSelection, toggleInline } from '../reasoning/reasoningFold.js';
import { useKeys } from '../keys/useKeys.js';
import type { ThemeSwitch } from '../theme/ThemeSwitch.js';
import type { ShellState } from './useShellState.js';
import { withKeysInForce } from '../keys/keyOverrides.js';
import { DEFAULT_BINDINGS, type KeyAction, type KeyBindings } from '../../core/keyBindings.js';
import { useKeyTable } from '../keys/keyTableContext.js';

export interface ShellKeyContext {
  state: AppState;
  actions: AppActions;
  ui: ShellState;
  onQuit: () => void;
  /** Ctrl+Z: restore the terminal and stop the process (the CLI's suspend; absent in tests). */
  onSuspend?: () => void;
  /** Rows one reasoning scroll step moves (the open pane's text height less one). */
  reasoningPage: number;
  /** Text columns of the reasoning pane (to know how far it can scroll back). */
  reasoningWidth: number;
  /** The theme switcher (Alt+T picker); absent where themes cannot switch. */
  themes?: ThemeSwitch;
  /** Rows of an overlay that replaces the chat (PgUp/PgDn in the F6 list move by this). */
  overlayRows?: number;
  /** The key bindings in force (hints name their keys); the defaults when left out. */
  keys?: KeyBindings;
}

/** How far the reasoning of the last turn can scroll back: its wrapped rows less one page. */
export function reasoningMaxBack(state: AppState, width: number, page: number): number {
  const thinking = state.turns.at(-1)?.thinking ?? '';
  if (thinking === '') return 0;
  const rows = wrapText(sanitize(thinking).trimEnd(), Math.max(1, width)).length;
  return Math.max(0, rows - (page + 1));
}

export const QUIT_AGAIN_MS = 2000;

/** What every key does, depending on which overlay (if any) has the keyboard. */
export function shellKeyHandlers(ctx: ShellKeyContext) {
  const { state, actions, ui, onQuit, reasoningPage, reasoningWidth, keys = DEFAULT_BINDINGS } = ctx;
  const busy = isBusy(state);

  // Ctrl+C stops a generation; a second Ctrl+C within QUIT_AGAIN_MS quits even if stopping hangs.
  const interrupt = () => {
    const now = performance.now();
    if (!busy || now - ui.lastInterrupt.current < QUIT_AGAIN_MS) return onQuit();
    ui.lastInterrupt.current = now;
    actions.stop();
    ui.setHint({ text: 'Stopping… press Ctrl+C again to quit.', level: 'info' });
  };

  /** What a key in the F6 list asked for: move, open (then close and show the chat) or export. */
  const conversationResult = (result: ConversationListResult | undefined): void => {
    if (!result) return;
    if (result.kind === 'move') return ui.setConversationList(result.list);
    const conversations = ctx.actions.conversations;
    if (!conversations) return;
    if (result.kind === 'open') {
      conversations.open(result.id);
      ui.setOverlay('none');
      return resetChatView(ui);
    }
    const sentence = conversations.exportMarkdown?.(result.id, result.reasoning);
    if (sentence) ui.setHint({ text: sentence, level: sentence.startsWith('Export failed') ? 'error' : 'info' });
  };

  const onAction = (action: KeyAction) => {
    if (ui.getOverlay() === 'conversations' && action !== 'stop' && action !== 'interrupt') {
      const result = conversationListAction(ui.getConversationList(), action, Math.max(1, (ctx.overlayRows ?? 2) - 1));
      if (result) return conversationResult(result);
    }
    if (ui.getOverlay() === 'bench' && benchKeyAction(state, actions, ui, action)) return;
    if (ui.getOverlay() === 'settings' && settingsKeyAction(actions, ui, action)) return;
    if (action === 'interrupt') return interrupt();
    if (action === 'suspend') return ctx.onSuspend?.();
    if (ui.getOverlay() === 'hosts' && hostsKeyAction(state, actions.hosts, ui, action)) return;
    const overlay = ui.getOverlay();
    if (overlay === 'models') return pickerKeyAction(state, actions, ui, action);
    if (overlay === 'themes' && ctx.themes) {
      const done = ctx.themes.pickerKey(action);
      if (done.close) ui.setOverlay('none');
      if (done.notice) ui.setHint(done.notice);
      if (done.handled) return;
    }
    if (overlay !== 'none') {
      if (action === 'stop' || action === overlay) ui.setOverlay('none');
      else if (action === 'help' || action === 'verbose') ui.setOverlay(action);
      return;
    }
    switch (action) {
      case 'send': {
        const text = textToSend(ui.getBuffer());
        if (text === undefined) return;
        if (busy && !(state.model.loading && state.turns.at(-1)?.status !== 'streaming')) {
          ui.setHint({ text: 'Still answering: Esc stops it. Your message stays in the box.', level: 'warn' });
          return;
        }
        actions.send(text);
        rememberPrompt(ui.promptHistory, text);
        ui.editInput({ type: 'clear' });
        ui.setReasoningBack(0);
        ui.setHint(null);
        ui.scroller.toBottom();
        ui.scrolled();
        return;
      }
      case 'stop':
        if (busy) actions.stop();
        else if (ui.getSelectedTurnId() !== undefined) ui.setSelectedTurnId(undefined);
        else if (ui.hint) ui.setHint(null);
        else if (state.notice) actions.dismissNotice();
        return;
      case 'toggleRaw': {
        const raw = !ui.scroller.doc.raw;
        ui.scroller.doc.setRaw(raw);
        ui.flashHint({ text: raw ? withKeysInForce('Answers shown as raw text (Alt+M: rendered Markdown).', keys) : 'Answers rendered as Markdown.', level: 'info' });
        return ui.scrolled();
      }
      case 'regenerate': {
        const again = regenerateText(state.turns, busy);
        if ('why' in again) return ui.setHint({ text: again.why, level: 'warn' });
        actions.send(again.text);
        ui.scroller.toBottom();
        return ui.scrolled();
      }
      case 'reask':
        if (busy) actions.stopAndReask();
        return;
      case 'quitIfEmpty':
        if (ui.getBuffer().text === '') onQuit();
        return;
      case 'toggleReasoning': {
        const lastTurn = state.turns.at(-1);
        const folded = paneFolded({
          mode: ui.getReasoningMode(),
          override: ui.getFoldOverride(),
          lastTurn,
          selectedTurnId: ui.getSelectedTurnId(),
        });
        return ui.setFoldOverride({ turnId: lastTurn?.id, folded: !folded });
      }
      case 'cycleReasoningMode': {
        const mode = nextReasoningMode(ui.getReasoningMode());
        ui.setReasoningMode(mode);
        ui.setFoldOverride(null);
        return ui.flashHint({ text: withKeysInForce(reasoningModeHint(mode), keys), level: 'info' });
      }
      case 'cycleThink':
        // The session answers with a notice ("Thinking: off …"); a hint would hide it.
        ui.setHint(null);
        return actions.cycleThink();
      case 'togglePanel':
        return ui.setPanelHidden(!ui.getPanelHidden());
      case 'selectPrevTurn':
      case 'selectNextTurn': {
        const id = stepSelection(state.turns, ui.getSelectedTurnId(), action === 'selectPrevTurn' ? -1 : 1);
        ui.setSelectedTurnId(id);
        ui.setReasoningBack(0);
        const index = id === undefined ? -1 : state.turns.findIndex((t) => t.id === id);
        if (index >= 0) ui.scroller.reveal(state.turns, index);
        else ui.scroller.toBottom();
        return ui.scrolled();
      }
      case 'toggleInlineReasoning':
        ui.setInlineReasoning(toggleInline(ui.getInlineReasoning(), ui.getSelectedTurnId()));
        return ui.scrolled();
      case 'prevModel':
      case 'nextModel':
      case 'unloadModel': {
        const why = globalModelKey(state, actions, action);
        if (why) ui.setHint({ text: why, level: 'info' });
        return;
      }
      case 'models':
        // A --model that is not installed is offered for pulling (Enter pulls it).
        // Otherwise it opens on the current model.
        ui.setPicker(
          openPickerAt(
            state.model.installed,
            state.model.current && state.model.reason === 'flagMissing' && !isInstalled(state.model.installed, state.model.current) ? state.model.current : '',
            state.model.current,
          ),
        );
        return ui.setOverlay('models');
      case 'help':
      case 'verbose':
        return ui.setOverlay(action);
      case 'compareModels':
        return openBench(state, actions, ui, busy);
      case 'settings':
        return openSettings(state, actions, ui, busy);
      case 'hosts':
        return openHosts(state, ui, actions.hosts);
      case 'themes':
        // ThemeSwitcher holds the picker; its keys come back here (pickerKey above) while it is open.
        ctx.themes?.openPicker();
        return ui.setOverlay('themes');
      case 'pageUp':
        ui.scroller.pageUp(state.turns);
        return ui.scrolled();
      case 'pageDown':
        ui.scroller.pageDown(state.turns);
        return ui.scrolled();
      case 'reasoningUp':
        // Wrapping the whole thinking text costs O(text), once per keypress, never per frame.
        ui.setReasoningBack(
          Math.min(ui.getReasoningBack() + Math.max(1, reasoningPage), reasoningMaxBack(state, reasoningWidth, reasoningPage)),
        );
        return;
      case 'reasoningDown':
        ui.setReasoningBack(Math.max(0, ui.getReasoningBack() - Math.max(1, reasoningPage)));
        return;
      case 'end':
        ui.editInput({ type: 'end' });
        ui.scroller.toBottom();
        return ui.scrolled();
      case 'up':
      case 'down': {
        const recalled = historyKey(ui.promptHistory, action, ui.getBuffer());
        if (recalled !== undefined) return ui.editInput({ type: 'set', text: recalled });
        return ui.editInput({ type: action });
      }
      case 'newline':
      case 'left':
      case 'right':
      case 'home':
      case 'wordLeft':
      case 'wordRight':
      case 'deleteWordLeft':
      case 'deleteLeft':
      case 'deleteRight':
        return ui.editInput({ type: action });
      case 'clearInput':
        return ui.editInput({ type: 'clear' });
    }
  };

  const onText = (text: string) => {
    const overlay = ui.getOverlay();
    if (overlay === 'models') return pickerText(state, actions, ui, cleanInputText(text));
    if (overlay === 'bench') return benchText(state, actions, ui, text);
    if (overlay === 'settings') return settingsText(ui, text);
    if (overlay === 'conversations') return conversationResult(conversationListText(ui.getConversationList(), text));
    if (overlay !== 'none') return;
    const unreachableScreen = state.connection.status === 'unreachable' && state.turns.length === 0;
    if (text === 'r' && unreachableScreen && ui.getBuffer().text === '') {
      actions.retryNow();
      return;
    }
    if (ui.hint) ui.setHint(null);
    ui.editInput({ type: 'insert', text });
  };

  return { onAction, onText };
}

/**
 * The shell's single keyboard dispatcher. Handlers read the store when the key arrives, so a key is
 * right even when the shell did not re-render for the latest tokens.
 */
export function useShellKeys(ctx: Omit<ShellKeyContext, 'state'>): void {
  const { store } = useStoreContext();
  const keys = useKeyTable().bindings;
  useKeys({
    onAction: (action) => shellKeyHandlers({ keys, ...ctx, state: store.getState() }).onAction(action),
    onText: (text) => shellKeyHandlers({ keys, ...ctx, state: store.getState() }).onText(text),
  });
}
