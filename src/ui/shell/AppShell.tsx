/**
 * The full screen: header, status line or side panel, chat (or an overlay in its place), reasoning,
 * loop banner, input, notice and footer. Sizes come from layout.ts; the root is rows - 1 tall.
 */
import { Box } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import type { AppState, HostActions, Turn } from '../../session/types.js';
import { ChatPane, chatJumpRows } from '../chat/ChatPane.js';
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
import { HostsOverlay } from '../hosts/HostsOverlay.js';
import { ThemePicker } from '../theme/ThemePicker.js';
import { useThemeSwitch } from '../theme/ThemeSwitch.js';
import { useEverydayKeys } from '../conversations/ConversationsKeys.js';
import { useActions } from './StoreContext.js';
import { useAppState } from './useAppState.js';
import { useNow } from '../common/useNow.js';
import { useShellKeys } from './useShellKeys.js';
import { isBusy } from '../../session/busy.js';
import { useShellState, type ShellState } from './useShellState.js';
import { useTerminalSize, type ResizeSource, type TerminalSize } from './useTerminalSize.js';
import { computeLayout, MAX_INPUT_ROWS, type Layout } from './layout.js';
import { phaseText } from '../chat/phaseText.js';
import { inlineOpen, paneFolded, type ReasoningMode } from '../reasoning/reasoningFold.js';

// Narrow subscriptions: the shell re-renders when what it lays out changes (turns, phase, connection,
// notice, loop, model), not when the sampler, /api/ps or the live rates update; the performance panel
// and the status line subscribe to those themselves.
const selectAll = (s: AppState) => s;
const selectTurns = (s: AppState) => s.turns;
const selectPhase = (s: AppState) => s.phase;
const selectPhaseSince = (s: AppState) => s.phaseSince;
const selectConnection = (s: AppState) => s.connection;
const selectNotice = (s: AppState) => s.notice;
const selectLoop = (s: AppState) => s.loop;
const selectModel = (s: AppState) => s.model;
const selectServer = (s: AppState) => s.server;
const selectHosts = (s: AppState) => s.hosts;

/** The slices the shell lays out (a subset of AppState; what isBusy and the panes read). */
type ShellSlices = Pick<AppState, 'turns' | 'phase' | 'phaseSince' | 'connection' | 'notice' | 'loop' | 'model' | 'server' | 'hosts'>;

function useShellSlices(): ShellSlices {
  return {
    turns: useAppState(selectTurns),
    phase: useAppState(selectPhase),
    phaseSince: useAppState(selectPhaseSince),
    connection: useAppState(selectConnection),
    notice: useAppState(selectNotice),
    loop: useAppState(selectLoop),
    model: useAppState(selectModel),
    server: useAppState(selectServer),
    hosts: useAppState(selectHosts),
  };
}

/** The performance panel and the status line draw most of the state (rates, system, placement). */
function LivePerfPanel(props: { width: number; height: number; now: number }) {
  return <PerfPanel state={useAppState(selectAll)} {...props} />;
}

/** F2 statistics: the turn plus the context split's size source (the whole state; an overlay, drawn rarely). */
function LiveVerboseOverlay(props: { turn: Turn | undefined; width: number; height: number }) {
  return <VerboseOverlay state={useAppState(selectAll)} {...props} />;
}

function LiveStatusLine({ width }: { width: number }) {
  return <StatusLine state={useAppState(selectAll)} width={width} />;
}

export interface AppShellProps {
  initialSize?: TerminalSize;
  onQuit: () => void;
  onSuspend?: () => void;
  resizeSource?: ResizeSource;
  reasoningMode?: ReasoningMode;
  onPanelVisibleChange?: (visible: boolean) => void;
  /** "band": the performance panel as a full-width band above the chat at 100 columns and more. */
  layout?: 'side' | 'band' | undefined;
}

export function AppShell({ initialSize, onQuit, onSuspend, resizeSource, reasoningMode, onPanelVisibleChange, layout: layoutSetting }: AppShellProps) {
  const { columns, rows } = useTerminalSize(initialSize, resizeSource);
  const state = useShellSlices();
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
    panelBand: layoutSetting === 'band',
  });
  const reasoningPage = Math.max(1, layout.reasoning - 3);
  const themes = useThemeSwitch();
  useShellKeys({ actions, ui, onQuit, onSuspend, reasoningPage, reasoningWidth: Math.max(1, columns - 4), themes, overlayRows: Math.max(1, layout.main - 2) });
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
      {layout.statusLine > 0 ? <LiveStatusLine width={columns} /> : null}
      {layout.band > 0 ? <LivePerfPanel width={columns} height={layout.band} now={now} /> : null}
      <Box flexDirection="row" width={columns} height={layout.main}>
        <CenterPane state={state} ui={ui} layout={layout} now={now} busy={busy} selectedTurnId={selectedTurnId} hostActions={actions.hosts} />
        {layout.panelWidth > 0 ? <LivePerfPanel width={layout.panelWidth} height={layout.main} now={now} /> : null}
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
  state: ShellSlices;
  ui: ShellState;
  layout: Layout;
  now: number;
  busy: boolean;
  selectedTurnId?: number;
  hostActions?: HostActions | undefined;
}

/** The chat pane, or what replaces it: the unreachable screen, help, model picker, verbose stats. */
function CenterPane({ state, ui, layout, now, busy, selectedTurnId, hostActions }: CenterPaneProps) {
  const inline = ui.inlineReasoning;
  const display = useMemo(() => ({ selectedTurnId, reasoningOpen: (id: number) => inlineOpen(inline, id) }), [selectedTurnId, inline]);
  const width = layout.chatWidth;
  const height = layout.main;
  if (ui.overlay === 'hosts') return <HostsOverlay hosts={state.hosts} index={ui.hostIndex} actions={hostActions} width={width} height={height} />;
  if (ui.overlay === 'bench') return <LiveBenchOverlay choice={ui.benchChoice} width={width} height={height} />;
  if (ui.overlay === 'settings') return <SettingsOverlay draft={ui.settingsDraft} width={width} height={height} />;
  if (ui.overlay === 'conversations') {
    return (
      <ConversationsOverlay width={width} height={height} list={ui.conversationList} />
    );
  }
  if (ui.overlay === 'themes') {
    return (
      <ThemePicker width={width} height={height} />
    );
  }
  if (ui.overlay === 'models') return <LiveModelPicker picker={ui.picker} width={width} height={height} />;
  if (ui.overlay === 'verbose') {
    const selected = state.turns.find((t) => t.id === selectedTurnId);
    const turn = selected ?? [...state.turns].reverse().find((t) => t.status !== 'streaming');
    return <LiveVerboseOverlay turn={turn} width={width} height={height} />;
  }
  if (state.connection.status === 'unreachable' && state.turns.length === 0) {
    return <UnreachableView connection={state.connection} width={width} height={height} now={now} />;
  }
  const phase = busy
    ? phaseText(state.phase === 'idle' ? 'loading' : state.phase, now - state.phaseSince, state.turns.at(-1)?.context?.wait, state.server !== undefined)
    : undefined;
  return (
    <ChatPane
      turns={state.turns}
      width={width}
      height={height}
      scroller={ui.scroller}
      phaseText={phase}
      scrollRev={ui.scrollRev}
      display={display}
      // beside the panel the terminal cannot scroll the pane in hardware: jump by half a pane instead of
      // repainting it for every new row; full width, the screen writer scrolls it (DECSTBM + SU)
      jump={layout.panelWidth > 0 ? chatJumpRows(height - 2) : 0}
    />
  );
}

/** Overlays that draw from the whole state subscribe to it themselves (only while open). */
function LiveBenchOverlay(props: Omit<Parameters<typeof ConnectedBenchOverlay>[0], 'state'>) {
  return <ConnectedBenchOverlay state={useAppState(selectAll)} {...props} />;
}

function LiveModelPicker({ picker, width, height }: { picker: ShellState['picker']; width: number; height: number }) {
  const state = useAppState(selectAll);
  return (
    <ModelPicker
      models={state.model.installed}
      picker={picker}
      current={state.model.current}
      width={width}
      height={height}
      system={state.system}
      state={state}
    />
  );
}
