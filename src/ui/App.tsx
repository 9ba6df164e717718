/**
 * The root: provides the store and actions (and the theme when given), and renders the shell.
 * `initialSize` sets the terminal size (tests; ink-testing-library's stdout has no rows).
 */
import type { AppStore } from '../session/store.js';
import type { AppActions } from '../session/types.js';
import { AppShell } from './AppShell.js';
import { StoreContext } from './contexts/StoreContext.js';
import type { ResizeSource, TerminalSize } from './hooks/useTerminalSize.js';
import { ThemeContext, type Theme } from './theme.js';

export interface AppProps {
  store: AppStore;
  actions: AppActions;
  initialSize?: TerminalSize;
  /** Called on Ctrl+C when idle and Ctrl+D on an empty input; the CLI unmounts and restores the terminal. */
  onQuit?: () => void;
  /** Overrides the theme from an enclosing ThemeContext (the CLI provides one). */
  theme?: Theme;
  /** Where resize events come from (defaults to Ink's stdout). */
  resizeSource?: ResizeSource;
}

export function App({ store, actions, initialSize, onQuit, theme, resizeSource }: AppProps) {
  const shell = (
    <StoreContext.Provider value={{ store, actions }}>
      <AppShell initialSize={initialSize} onQuit={onQuit ?? (() => {})} resizeSource={resizeSource} />
    </StoreContext.Provider>
  );
  return theme ? <ThemeContext.Provider value={theme}>{shell}</ThemeContext.Provider> : shell;
}
