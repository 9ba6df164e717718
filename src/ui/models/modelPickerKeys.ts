/**
 * Keys of the model picker (Ctrl+P) and the global model keys (F7/F8 previous/next model, F9 unload).
 * Pure over (state, actions, picker UI), so tests can drive it without a terminal.
 */
import type { AppActions, AppState } from '../../session/types.js';
import { evictionWarning, filterModels, movePicker, neighbourModel, numCtxOf, setPickerFilter, type PickerState } from './modelPicker.js';
import type { KeyAction } from '../../core/keyBindings.js';

export interface PickerUi {
  getPicker(): PickerState;
  setPicker(p: PickerState): void;
  setOverlay(o: 'none' | 'help' | 'models'): void;
}

const MIN_CTX = 512;
const MAX_CTX = 1 << 20;

/** A key while the picker is open. */
export function pickerKeyAction(state: AppState, actions: AppActions, ui: PickerUi, action: KeyAction): void {
  const picker = ui.getPicker();
  const models = actions.models;
  const pull = state.model.pull;
  const list = filterModels(state.model.installed, picker.filter);
  const chosen = list[picker.index];

  if (pull) {
    if (action === 'stop') return pull.status === 'pulling' ? models?.cancelPull() : models?.clearPull();
    if (action === 'send' && pull.status === 'done') {
      models?.clearPull();
      actions.selectModel(pull.name);
      return ui.setOverlay('none');
    }
    if (action === 'models' && pull.status !== 'pulling') {
      models?.clearPull();
      return ui.setOverlay('none');
    }
    return; // The pull view owns the keyboard while it runs.
  }
  if (picker.detail) {
    if (action === 'stop' || action === 'modelDetail') return ui.setPicker({ ...picker, detail: false });
    if (action === 'models') return ui.setOverlay('none');
    return;
  }
  switch (action) {
    case 'stop':
    case 'models':
      return ui.setOverlay('none');
    case 'up':
      return ui.setPicker({ ...movePicker(picker, -1, list.length), filter: picker.filter });
    case 'down':
      return ui.setPicker({ ...movePicker(picker, 1, list.length), filter: picker.filter });
    case 'deleteLeft':
      return ui.setPicker(setPickerFilter(picker, [...picker.filter].slice(0, -1).join('')));
    case 'clearInput':
      return ui.setPicker(setPickerFilter(picker, ''));
    case 'modelDetail':
      if (chosen) ui.setPicker({ filter: picker.filter, index: picker.index, detail: true });
      return;
    case 'unloadModel':
      if (chosen) models?.unload(chosen.name);
      return;
    case 'help':
      return ui.setOverlay('help');
    case 'send': {
      if (!chosen) {
        const name = picker.filter.trim();
        if (name && !/\s/.test(name)) models?.pull(name);
        return;
      }
      if (picker.confirm !== chosen.name && evictionWarning(state, chosen.name)) {
        return ui.setPicker({ filter: picker.filter, index: picker.index, confirm: chosen.name });
      }
      actions.selectModel(chosen.name);
      return ui.setOverlay('none');
    }
  }
}

/** Typed text while the picker is open: the filter, or the detail view's setting keys. */
export function pickerText(state: AppState, actions: AppActions, ui: PickerUi, text: string): void {
  const picker = ui.getPicker();
  if (state.model.pull) return;
  if (picker.detail) {
    const chosen = filterModels(state.model.installed, picker.filter)[picker.index];
    const models = actions.models;
    if (!chosen || !models) return;
    const current = state.model.settings?.[chosen.name] ?? {};
    const ctx = numCtxOf(state, chosen.name);
    const gpu = current.numGpu;
    if (text === '+' || text === '=') models.setSettings(chosen.name, { ...current, numCtx: Math.min(MAX_CTX, ctx * 2) });
    else if (text === '-') models.setSettings(chosen.name, { ...current, numCtx: Math.max(MIN_CTX, Math.floor(ctx / 2)) });
    else if (text === ']') models.setSettings(chosen.name, { ...current, numGpu: (gpu ?? 0) + 1 });
    else if (text === '[') models.setSettings(chosen.name, { ...current, numGpu: Math.max(0, (gpu ?? 1) - 1) });
    else if (text === '0') models.setSettings(chosen.name, { ...current, numGpu: undefined });
    return;
  }
  const clean = text.replace(/[\r\n\t]/g, ' ').replace(/\p{Cc}/gu, '');
  ui.setPicker(setPickerFilter(picker, picker.filter + clean));
}

/** F7/F8/F9 outside the picker. Returns a hint sentence when there is nothing to do. */
export function globalModelKey(state: AppState, actions: AppActions, action: 'prevModel' | 'nextModel' | 'unloadModel'): string | undefined {
  if (action === 'unloadModel') {
    const models = actions.models;
    if (!state.model.current || !models) return 'No model to unload.';
    models.unload();
    return undefined;
  }
  const name = neighbourModel(state.model.installed, state.model.current, action === 'prevModel' ? -1 : 1);
  if (!name) return 'There is no other installed model to switch to (Ctrl+P lists them; a name + Enter pulls one).';
  actions.selectModel(name);
  return undefined;
}
