import { describe, expect, it, vi } from 'vitest';
import { initialState } from '../../../src/session/store.js';
import type { ModelActions } from '../../../src/session/modelTypes.js';
import type { AppActions, AppState } from '../../../src/session/types.js';
import { richPickerRows } from '../../../src/ui/models/ModelPicker.js';
import { evictionWarning, neighbourModel, type PickerState } from '../../../src/ui/models/modelPicker.js';
import { globalModelKey, pickerKeyAction, pickerText } from '../../../src/ui/models/modelPickerKeys.js';
import { startPull } from '../../../src/core/pullProgress.js';

const GiB = 2 ** 30;
const tag = (name: string, size: number, quant = 'Q4_K_M') => ({
  name,
  model: name,
  size,
  digest: name,
  details: { parameter_size: '32.8B', quantization_level: quant, family: 'qwen2' },
});

function state(over: Partial<AppState['model']> = {}, placement: AppState['placement']['models'] = []): AppState {
  const base = initialState('http://127.0.0.1:11434', 'default', false);
  return {
    ...base,
    model: {
      ...base.model,
      current: 'deepseek-r1:32b',
      installed: [tag('deepseek-r1:32b', 19.85e9), tag('deepseek-r1:70b', 42.5e9), tag('qwen3:8b', 5.2e9)],
      ...over,
    },
    placement: { models: placement },
    system: {
      at: 0, cpuPercent: 1, memTotal: 128 * GiB, memUsed: 64 * GiB, swapTotal: 0, swapUsed: 0, ollamaRss: null,
      gpus: [{ name: 'gpu', usedBytes: 0, totalBytes: 8 * GiB, utilPercent: 0 }],
    },
  };
}

function harness(s: AppState, picker: PickerState = { filter: '', index: 0 }) {
  const models: { [K in keyof ModelActions]: ReturnType<typeof vi.fn> } = {
    unload: vi.fn(), pull: vi.fn(), cancelPull: vi.fn(), clearPull: vi.fn(), setSettings: vi.fn(),
  };
  const actions = { selectModel: vi.fn(), models: models as unknown as ModelActions } as unknown as AppActions & { selectModel: ReturnType<typeof vi.fn> };
  const ui = { picker, overlay: 'models', getPicker: () => ui.picker, setPicker: (p: PickerState) => (ui.picker = p), setOverlay: (o: string) => (ui.overlay = o) };
  return { actions, models, ui };
}

describe('picker rows', () => {
  it('show size, quantization, fit, loaded label and think at 120 columns and drop columns at 80', () => {
    const s = state(
      { facts: { 'deepseek-r1:32b': { capabilities: ['completion', 'thinking'], family: 'qwen2' } } },
      [{ name: 'deepseek-r1:32b', model: 'deepseek-r1:32b', size: 22e9, size_vram: 8e9, digest: '', expires_at: '', details: {} } as never],
    );
    const wide = richPickerRows(s, { filter: '', index: 0 }, 110, 20).map((r) => r.body);
    expect(wide[1]).toMatch(/^deepseek-r1:32b \*\s+\S+%\/\S+% CPU\/GPU · Q4_K_M · 20 GB · loaded 64%\/36% CPU\/GPU · 32\.8B · thinks · qwen2$/);
    const narrow = richPickerRows(s, { filter: '', index: 0 }, 60, 20).map((r) => r.body);
    for (const row of narrow) expect(row.length).toBeLessThanOrEqual(60);
    expect(narrow[1]).toContain('Q4_K_M');
  });

  it('drops the least important columns first, so a loaded label survives a narrow row', () => {
    const s = state(
      { facts: { 'deepseek-r1:32b': { capabilities: ['completion', 'thinking'], family: 'qwen2' } } },
      [{ name: 'deepseek-r1:32b', model: 'deepseek-r1:32b', size: 22e9, size_vram: 8e9, digest: '', expires_at: '', details: {} } as never],
    );
    const row = richPickerRows(s, { filter: '', index: 0 }, 72, 20)[1]!.body;
    expect(row).toContain('loaded 64%/36% CPU/GPU');
    expect(row).not.toContain('qwen2');
    expect(row.length).toBeLessThanOrEqual(72);
    // Display order is kept: fit verdict first, the loaded label after quantization.
    expect(row.indexOf('CPU/GPU')).toBeLessThan(row.indexOf('loaded'));
  });

  it('a failed pull says so in its heading and wraps the whole sentence', () => {
    const error = 'There is no model called nope:1b in the registry. Check the name on ollama.com/library.';
    const s = state({ pull: { name: 'nope:1b', status: 'error', progress: startPull(0), error } });
    const rows = richPickerRows(s, { filter: '', index: 0 }, 40, 10).map((r) => r.body);
    expect(rows[0]).toBe('Pull of nope:1b failed');
    expect(rows.slice(1, -1).join(' ')).toBe(error);
    expect(rows.at(-1)).toBe('Esc closes.');
  });

  it('filters and offers a pull when nothing matches', () => {
    const s = state();
    expect(richPickerRows(s, { filter: '70', index: 0 }, 80, 10).map((r) => r.body.trim().split(' ')[0])).toEqual(['70▏', 'deepseek-r1:70b']);
    expect(richPickerRows(s, { filter: 'deepseek-r1:7b', index: 0 }, 80, 10)[1]!.body).toBe('Not installed. Enter: pull deepseek-r1:7b');
  });

  it('shows the pull progress view while a pull exists', () => {
    const s = state({ pull: { name: 'x:1b', status: 'pulling', progress: startPull(0) } });
    const rows = richPickerRows(s, { filter: '', index: 0 }, 80, 10).map((r) => r.body);
    expect(rows[0]).toMatch(/^Pulling x:1b/);
    expect(rows.at(-1)).toBe('Esc cancels the pull.');
  });
});

describe('picker keys', () => {
  it('↓ Enter switches to the highlighted model and closes', () => {
    const h = harness(state());
    pickerKeyAction(state(), h.actions, h.ui as never, 'down');
    pickerKeyAction(state(), h.actions, h.ui as never, 'send');
    expect(h.actions.selectModel).toHaveBeenCalledWith('deepseek-r1:70b');
    expect(h.ui.overlay).toBe('none');
  });

  it('typing filters; Enter on no match pulls the typed name', () => {
    const s = state();
    const h = harness(s);
    pickerText(s, h.actions, h.ui as never, 'deepseek-r1:7b');
    pickerKeyAction(s, h.actions, h.ui as never, 'send');
    expect(h.models.pull).toHaveBeenCalledWith('deepseek-r1:7b');
  });

  it('Esc cancels a running pull instead of closing', () => {
    const s = state({ pull: { name: 'x:1b', status: 'pulling', progress: startPull(0) } });
    const h = harness(s);
    pickerKeyAction(s, h.actions, h.ui as never, 'stop');
    expect(h.models.cancelPull).toHaveBeenCalled();
    expect(h.ui.overlay).toBe('models');
  });

  it('asks to confirm when the new model will evict a loaded one, then switches on the second Enter', () => {
    const loaded = [{ name: 'qwen3:8b', model: 'qwen3:8b', size: 6e9, size_vram: 6e9, digest: '', expires_at: '', details: {} } as never];
    const s = state({}, loaded);
    s.system = { ...s.system!, memUsed: 126 * GiB }; // 2 GiB RAM + 8 GiB VRAM free: the 70B cannot fit beside it
    expect(evictionWarning(s, 'deepseek-r1:70b')).toMatch(/will not fit beside qwen3:8b; Ollama will unload it/);
    const h = harness(s, { filter: '70b', index: 0 });
    pickerKeyAction(s, h.actions, h.ui as never, 'send');
    expect(h.actions.selectModel).not.toHaveBeenCalled();
    expect(h.ui.picker.confirm).toBe('deepseek-r1:70b');
    pickerKeyAction(s, h.actions, h.ui as never, 'send');
    expect(h.actions.selectModel).toHaveBeenCalledWith('deepseek-r1:70b');
  });

  it('wraps the eviction confirmation at 80 columns so "Enter again to switch." stays visible', () => {
    const loaded = [{ name: 'qwen3:8b', model: 'qwen3:8b', size: 6e9, size_vram: 6e9, digest: '', expires_at: '', details: {} } as never];
    const s = state({}, loaded);
    s.system = { ...s.system!, memUsed: 126 * GiB };
    const width = 76; // the chat text width of an 80-column terminal
    const rows = richPickerRows(s, { filter: '70b', index: 0, confirm: 'deepseek-r1:70b' }, width, 10);
    const warning = rows.filter((r) => r.bodyToken === 'warn').map((r) => r.body);
    expect(warning.length).toBeGreaterThan(1);
    for (const line of warning) expect(line.length).toBeLessThanOrEqual(width);
    expect(warning.join(' ')).toContain('Enter again to switch.');
    expect(warning.join(' ')).not.toContain('…');
  });

  it('Tab opens the detail view where + doubles num_ctx and ] adds a GPU layer', () => {
    const s = state();
    const h = harness(s);
    pickerKeyAction(s, h.actions, h.ui as never, 'modelDetail');
    expect(h.ui.picker.detail).toBe(true);
    expect(richPickerRows(s, h.ui.picker, 100, 20).map((r) => r.body).join('\n')).toMatch(/KV cache .*at 4,096 tokens[\s\S]*reloads the model/);
    pickerText(s, h.actions, h.ui as never, '+');
    expect(h.models.setSettings).toHaveBeenCalledWith('deepseek-r1:32b', { numCtx: 8192 });
    pickerText(s, h.actions, h.ui as never, ']');
    expect(h.models.setSettings).toHaveBeenLastCalledWith('deepseek-r1:32b', { numGpu: 1 });
  });

  it('F7/F8 step through installed models; F9 unloads the current one', () => {
    const s = state();
    expect(neighbourModel(s.model.installed, 'deepseek-r1:32b', -1)).toBe('qwen3:8b');
    const h = harness(s);
    globalModelKey(s, h.actions, 'nextModel');
    expect(h.actions.selectModel).toHaveBeenCalledWith('deepseek-r1:70b');
    globalModelKey(s, h.actions, 'unloadModel');
    expect(h.models.unload).toHaveBeenCalled();
  });
});
