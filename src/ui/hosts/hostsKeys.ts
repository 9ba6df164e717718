/** Keys of the host switcher (Alt+H): ↑/↓ choose, Enter switches (the conversation is kept), Esc closes. */
import type { AppState, HostActions } from '../../session/types.js';
import type { KeyAction } from '../../core/keyBindings.js';
import type { ShellState } from '../shell/useShellState.js';

/** Open the switcher on the current host. */
export function openHosts(state: AppState, ui: ShellState, hosts: HostActions | undefined): void {
  if (!hosts || !state.hosts) {
    ui.setHint({ text: 'Only one host: give --host more than once, or a "hosts" list in the config (see --help).', level: 'info' });
    return;
  }
  const index = Math.max(0, state.hosts.entries.findIndex((e) => e.name === state.hosts?.current));
  ui.setHostIndex(index);
  ui.setOverlay('hosts');
}

/** A key while the switcher is open; true when it was the switcher's. */
export function hostsKeyAction(state: AppState, hosts: HostActions | undefined, ui: ShellState, action: KeyAction): boolean {
  const count = state.hosts?.entries.length ?? 0;
  switch (action) {
    case 'up':
    case 'down': {
      if (count === 0) return true;
      const delta = action === 'up' ? -1 : 1;
      ui.setHostIndex((ui.getHostIndex() + delta + count) % count);
      return true;
    }
    case 'send': {
      const entry = state.hosts?.entries[ui.getHostIndex()];
      ui.setOverlay('none');
      if (!entry || !hosts) return true;
      const why = hosts.switchTo(entry.name);
      if (why) ui.setHint({ text: why, level: 'warn' });
      else ui.setHint(null);
      return true;
    }
    case 'stop':
    case 'hosts':
      ui.setOverlay('none');
      return true;
    default:
      return false;
  }
}
