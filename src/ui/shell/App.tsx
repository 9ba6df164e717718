/**
 * The root: provides the store and actions, the key table in force (and the theme when given), and
 * renders the shell.
 * `initialSize` sets the terminal size (tests; ink-testing-library's stdout has no rows).
 */
import type { AppStore } from '../../session/store.js';
import type { AppActions } from '../../session/types.js';
import type { ReasoningMode } from '../reasoning/reasoningFold.js';
import { AppShell } from './AppShell.js';
import { StoreContext } from './StoreContext.js';
import type { ResizeSource, TerminalSize } from './useTerminalSize.js';
import { ThemeContext } from '../theme/theme.js';
import type { Theme } from '../../core/theme.js';
import type { KeyBindings } from '../../core/keyBindings.js';
import { DEFAULT_KEY_TABLE, keyTable } from '../keys/keymap.js';
import { KeyTableContext } from '../keys/keyTableContext.js';
import { useMemo } from 'react';

export interface AppProps {
  store: AppStore;
  actions: AppActions;
  initialSize?: TerminalSize;
  /** Called on Ctrl+C when idle and Ctrl+D on an empty input; the CLI unmounts and restores the terminal. */
  onQuit?: () => void;
  /** Ctrl+Z: the CLI restores the terminal and stops the process until the shell's fg (SIGCONT). */
  onSuspend?: () => void;
  /** Overrides the theme from an enclosing ThemeContext (the CLI provides one). */
  theme?: Theme;
  /** Where resize events come from (defaults to Ink's stdout). */
  resizeSource?: ResizeSource;
  /** Initial reasoning fold mode (config); 'auto' when left out. F3 cycles it. */
  reasoningMode?: ReasoningMode;
  /** Called when F5 hides (false) or shows (true) the performance figures; the CLI pauses the sampler. */
  onPanelVisibleChange?: (visible: boolean) => void;
  /** The keys in force (the config's "keys" laid over the defaults); the defaults when left out. */
  keyBindings?: KeyBindings;
  /** "band": the performance panel as a full-width band above the chat (config "layout"); "side" when left out. */
  layout?: 'side' | 'band';
}

export type { ReasoningMode } from '../reasoning/reasoningFold.js';

export function App({ store, actions, initialSize, onQuit, onSuspend, theme, resizeSource, reasoningMode, onPanelVisibleChange, keyBindings, layout }: AppProps) {
  const keys = useMemo(() => (keyBindings ? keyTable(keyBindings) : DEFAULT_KEY_TABLE), [keyBindings]);
  const shell = (
    <StoreContext.Provider value={{ store, actions }}>
      <KeyTableContext.Provider value={keys}>
        <AppShell
          initialSize={initialSize}
          onQuit={onQuit ?? (() => {})}
          onSuspend={onSuspend}
          resizeSource={resizeSource}
          reasoningMode={reasoningMode}
          onPanelVisibleChange={onPanelVisibleChange}
          layout={layout}
        />
      </KeyTableContext.Provider>
    </StoreContext.Provider>
  );
  return theme ? <ThemeContext.Provider value={theme}>{shell}</ThemeContext.Provider> : shell;
}
