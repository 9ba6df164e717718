/**
 * The full screen: header, status line or side panel, chat (or an overlay in its place), reasoning,
 * loop banner, input, notice and footer. Sizes come from layout.ts; the root is rows - 1 tall.
 */
import { Box } from 'ink';
import { useEffect, useRef } from 'react';
import type { AppState } from '../../session/types.js';
import { ChatPane } from '../chat/ChatPane.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpOverlay } from '../keys/HelpOverlay.js';
import { InputBox, inputRowsWanted } from '../input/InputBox.js';
import { LoopBanner } from '../reasoning/LoopBanner.js';
import { ModelPicker } from '../models/ModelPicker.js';
import { NoticeRow } from './NoticeRow.js';
import { PerfPanel } from '../perf/PerfPanel.js';
import { ReasoningPane } from '../reasoning/ReasoningPane.js';
import { StatusLine } from '../perf/StatusLine.js';
import { TooSmall } from './TooSmall.js';
import { UnreachableView } from './UnreachableView.js';
import { VerboseOverlay } from '../perf/VerboseOverlay.js';
import { ConversationsOverlay } from '../conversations/ConversationsOverlay.js';
import { ConnectedBenchOverlay } from '../compare/BenchOverlay.js';
import { SettingsOverlay } from '../settings/SettingsOverlay.js';
import { ThemePicker } from '../theme/ThemePicker.js';
import { useThemeSwitch } from '../theme/ThemeSwitch.js';
import { resetChatView, useEverydayKeys } from '../conversations/ConversationsKeys.js';
import { useActions } from './StoreContext.js';
import { useAppState } from './useAppState.js';
import { useNow } from '../common/useNow.js';
import { isBusy, useShellKeys } from './useShellKeys.js';
import { useShellState, type ShellState } from './useShellState.js';
import { useTerminalSize, type ResizeSource, type TerminalSize } from './useTerminalSize.js';
import { computeLayout, MAX_INPUT_ROWS, type Layout } from './layout.js';
import { phaseText } from '../chat/phaseText.js';
import { inlineOpen, paneFolded, type ReasoningMode } from '../reasoning/reasoningFold.js';

const selectAll = (s: AppState) => s;

export interface AppShellProps {
  initialSize?: TerminalSize;
  onQuit: () => void;
  resizeSource?: ResizeSource;
  reasoningMode?: ReasoningMode;
  onPanelVisibleChange?: (visible: boolean) => void;
}

export function AppShell({ initialSize, onQuit, resizeSource, reasoningMode, onPanelVisibleChange }: AppShellProps) {
  const { columns, rows } = useTerminalSize(initialSize, resizeSource);
  const state = useAppState(selectAll);
  const actions = useActions();
  const ui = useShellState({ reasoningMode });
  const busy = isBusy(state);
  const unreachable = state.connection.status === 'unreachable';
  const now = useNow(busy || unreachable, 1000);
  const { setHint } = ui;
  const wasBusy = useRef(busy);
  useEffect(() => {
    // Hints about the running generation ("Stopping…", "Still answering") go away when it ends.
    if (wasBusy.current && !busy) setHint(null);
    wasBusy.current = busy;
  }, [busy, setHint]);
  const panelShown = useRef(true);
  useEffect(() => {
    if (panelShown.current === !ui.panelHidden) return;
    panelShown.current = !ui.panelHidden;
    onPanelVisibleChange?.(!ui.panelHidden);
  }, [ui.panelHidden, onPanelVisibleChange]);

  const notice = ui.hint ?? state.notice;
  const unreachableScreen = unreachable && state.turns.length === 0;
  // Overlays and the unreachable screen need the room more than an empty reasoning pane.
  const selectedTurnId = state.turns.some((t) => t.id === ui.selectedTurnId) ? ui.selectedTurnId : undefined;
  const folded = paneFolded({ mode: ui.reasoningMode, override: ui.foldOverride, lastTurn: state.turns.at(-1), selectedTurnId });
  const reasoningFolded = folded || ui.overlay !== 'none' || unreachableScreen;
  const layout = computeLayout({
    columns,
    rows,
    reasoningFolded,
    inputRows: inputRowsWanted(ui.buffer, columns, MAX_INPUT_ROWS),
    hasNotice: notice !== null,
    hasBanner: state.loop !== null,
    panelHidden: ui.panelHidden,
  });
  const reasoningPage = Math.max(1, layout.reasoning - 3);
  const themes = useThemeSwitch();
  useShellKeys({ actions, ui, onQuit, reasoningPage, reasoningWidth: Math.max(1, columns - 4), themes });
  useEverydayKeys(ui);
  if (layout.tooSmall) return <TooSmall columns={columns} rows={rows} />;
  // The key list is longer than the chat pane at 80x24, so help takes the whole screen.
  if (ui.overlay === 'help') {
    return (
      <Box flexDirection="column" width={columns} height={layout.height} overflow="hidden">
        <HelpOverlay width={columns} height={layout.height} />
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={columns} height={layout.height} overflow="hidden">
      <Header width={columns} />
      {layout.statusLine > 0 ? <StatusLine state={state} width={columns} /> : null}
      <Box flexDirection="row" width={columns} height={layout.main}>
        <CenterPane state={state} ui={ui} layout={layout} now={now} busy={busy} selectedTurnId={selectedTurnId} />
        {layout.panelWidth > 0 ? <PerfPanel state={state} width={layout.panelWidth} height={layout.main} now={now} /> : null}
      </Box>
      <ReasoningPane
        turns={state.turns}
        width={columns}
        height={layout.reasoning}
        folded={reasoningFolded || layout.reasoningForcedFolded}
        live={busy}
        now={now}
        scrollBack={ui.reasoningBack}
        selectedTurnId={selectedTurnId}
        think={state.model.thinkOptions?.length ? state.model.think : undefined}
      />
      {state.loop ? <LoopBanner evidence={state.loop.evidence} width={columns} /> : null}
      <InputBox
        buffer={ui.buffer}
        width={columns}
        textRows={layout.inputTextRows}
        top={layout.inputTop}
        focused={ui.overlay === 'none'}
        placeholder={unreachableScreen ? 'r retries now · F1 shows every key' : 'Ask something…'}
      />
      {notice ? <NoticeRow notice={notice} width={columns} /> : null}
      <Footer width={columns} />
    </Box>
  );
}

interface CenterPaneProps {
  state: AppState;
  ui: ShellState;
  layout: Layout;
  now: number;
  busy: boolean;
  selectedTurnId?: number;
}

/** The chat pane, or what replaces it: the unreachable screen, help, model picker, verbose stats. */
function CenterPane({ state, ui, layout, now, busy, selectedTurnId }: CenterPaneProps) {
  const width = layout.chatWidth;
  const height = layout.main;
  if (ui.overlay === 'bench') return <ConnectedBenchOverlay state={state} choice={ui.benchChoice} width={width} height={height} />;
  if (ui.overlay === 'settings') return <SettingsOverlay draft={ui.settingsDraft} width={width} height={height} />;
  if (ui.overlay === 'conversations') {
    return (
      <ConversationsOverlay
        width={width}
        height={height}
        onClose={() => {
          ui.setOverlay('none');
          resetChatView(ui);
        }}
        onDone={(text, level) => ui.setHint({ text, level })}
      />
    );
  }
  if (ui.overlay === 'themes') {
    return (
      <ThemePicker width={width} height={height} />
    );
  }
  if (ui.overlay === 'models') {
    return (
      <ModelPicker
        models={state.model.installed}
        picker={ui.picker}
        current={state.model.current}
        width={width}
        height={height}
        system={state.system}
        state={state}
      />
    );
  }
  if (ui.overlay === 'verbose') {
    const selected = state.turns.find((t) => t.id === selectedTurnId);
    const turn = selected ?? [...state.turns].reverse().find((t) => t.status !== 'streaming');
    return <VerboseOverlay turn={turn} width={width} height={height} state={state} />;
  }
  if (state.connection.status === 'unreachable' && state.turns.length === 0) {
    return <UnreachableView connection={state.connection} width={width} height={height} now={now} />;
  }
  const phase = busy ? phaseText(state.phase === 'idle' ? 'loading' : state.phase, now - state.phaseSince, state.turns.at(-1)?.context?.wait) : undefined;
  return (
    <ChatPane
      turns={state.turns}
      width={width}
      height={height}
      scroller={ui.scroller}
      phaseText={phase}
      scrollRev={ui.scrollRev}
      display={{ selectedTurnId, reasoningOpen: (id) => inlineOpen(ui.inlineReasoning, id) }}
    />
  );
}
