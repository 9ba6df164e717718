/**
 * Keys of the conversation settings overlay (Alt+S), called from the shell's dispatcher (useShellKeys):
 * ↑/↓ pick a field, typing edits it (Ctrl+J: new line in the system prompt, Backspace, Ctrl+W, Ctrl+U),
 * Enter checks every field and saves, Esc or Alt+S closes without saving. Refused while a reply streams.
 */
import { settingsSummary } from '../../core/chatSettings.js';
import type { AppActions, AppState } from '../../session/types.js';
import { editSettingsField, moveSettingsField, openSettingsDraft, saveSettingsDraft, selectedField, type SettingsDraft } from './settingsDraft.js';
import type { KeyAction } from '../../core/keyBindings.js';
import type { UiHint } from '../common/hint.js';

/** The parts of the shell state the settings keys use (a subset of ShellState). */
export interface SettingsShell {
  setOverlay(overlay: 'none' | 'settings'): void;
  getSettingsDraft(): SettingsDraft;
  setSettingsDraft(draft: SettingsDraft): void;
  setHint(hint: UiHint | null): void;
}

export const SETTINGS_STREAMING_HINT = 'A reply is streaming: wait for it (or press Esc to stop it), then press Alt+S for the settings.';

export function openSettings(state: AppState, actions: AppActions, ui: SettingsShell, busy: boolean): void {
  if (!actions.setChatSettings) return ui.setHint({ text: 'Conversation settings are not available here.', level: 'warn' });
  if (busy) return ui.setHint({ text: SETTINGS_STREAMING_HINT, level: 'warn' });
  ui.setSettingsDraft(openSettingsDraft(state.chatSettings));
  ui.setHint(null);
  ui.setOverlay('settings');
}

/** A bound key while the overlay is open. Returns false for keys it leaves to the shell (help, F-keys). */
export function settingsKeyAction(actions: AppActions, ui: SettingsShell, action: KeyAction): boolean {
  const draft = ui.getSettingsDraft();
  switch (action) {
    case 'stop':
    case 'settings':
      ui.setOverlay('none');
      ui.setHint({ text: 'Settings not changed.', level: 'info' });
      return true;
    case 'up':
      ui.setSettingsDraft(moveSettingsField(draft, -1));
      return true;
    case 'down':
    case 'modelDetail': // Tab
      ui.setSettingsDraft(moveSettingsField(draft, 1));
      return true;
    case 'newline':
      if (selectedField(draft) === 'system') ui.setSettingsDraft(editSettingsField(draft, { type: 'insert', text: '\n' }));
      return true;
    case 'deleteLeft':
      ui.setSettingsDraft(editSettingsField(draft, { type: 'deleteLeft' }));
      return true;
    case 'deleteWordLeft':
      ui.setSettingsDraft(editSettingsField(draft, { type: 'deleteWord' }));
      return true;
    case 'clearInput':
      ui.setSettingsDraft(editSettingsField(draft, { type: 'clear' }));
      return true;
    case 'send': {
      const saved = saveSettingsDraft(draft);
      if (!saved.ok) {
        ui.setSettingsDraft(saved.draft);
        return true;
      }
      actions.setChatSettings?.(saved.settings);
      ui.setOverlay('none');
      ui.setHint({ text: `Conversation settings: ${settingsSummary(saved.settings)}. Used from the next question.`, level: 'info' });
      return true;
    }
    case 'help':
    case 'interrupt':
      return false;
    default:
      return true; // everything else is swallowed: the chat must not act behind the overlay
  }
}

export function settingsText(ui: SettingsShell, text: string): void {
  ui.setSettingsDraft(editSettingsField(ui.getSettingsDraft(), { type: 'insert', text }));
}
