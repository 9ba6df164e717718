import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { editSettingsField, moveSettingsField, openSettingsDraft, saveSettingsDraft, type SettingsDraft } from '../../../src/ui/settings/settingsDraft.js';
import { settingsKeyAction, settingsText, openSettings, type SettingsShell } from '../../../src/ui/settings/settingsKeys.js';
import { settingsRows } from '../../../src/ui/settings/settingsRows.js';
import { connectedState, fakeActions } from '../helpers.js';

function shell(): SettingsShell & { draft: SettingsDraft; overlay: string; hint: string | undefined } {
  const s = {
    draft: openSettingsDraft(undefined),
    overlay: 'none',
    hint: undefined as string | undefined,
    setOverlay: (o: string) => void (s.overlay = o),
    getSettingsDraft: () => s.draft,
    setSettingsDraft: (d: SettingsDraft) => void (s.draft = d),
    setHint: (h: { text: string } | null) => void (s.hint = h?.text),
  };
  return s;
}

describe('conversation settings overlay', () => {
  it('edits fields, refuses a bad number with its sentence on that field, then saves', () => {
    const actions = fakeActions();
    const ui = shell();
    openSettings(connectedState({ chatSettings: { options: { seed: 3 } } }), actions, ui, false);
    expect(ui.overlay).toBe('settings');
    expect(ui.draft.values.seed).toBe('3');
    settingsText(ui, 'You are terse.');
    settingsKeyAction(actions, ui, 'newline');
    settingsText(ui, 'Answer in English.');
    settingsKeyAction(actions, ui, 'down');
    settingsText(ui, '9');
    settingsKeyAction(actions, ui, 'send');
    expect(ui.overlay).toBe('settings'); // not saved
    expect(ui.draft.error).toContain('temperature must be a number from 0 to 2, got "9"');
    expect(actions.setChatSettings).not.toHaveBeenCalled();
    settingsKeyAction(actions, ui, 'deleteLeft');
    settingsText(ui, '0.6');
    settingsKeyAction(actions, ui, 'send');
    expect(actions.setChatSettings).toHaveBeenCalledWith({ system: 'You are terse.\nAnswer in English.', options: { temperature: 0.6, seed: 3 } });
    expect(ui.overlay).toBe('none');
    expect(ui.hint).toContain('temperature 0.6');
  });

  it('Esc closes without saving; opening while a reply streams is refused with a reason', () => {
    const actions = fakeActions();
    const ui = shell();
    openSettings(connectedState(), actions, ui, true);
    expect(ui.overlay).toBe('none');
    expect(ui.hint).toMatch(/streaming/);
    openSettings(connectedState(), actions, ui, false);
    settingsText(ui, 'x');
    settingsKeyAction(actions, ui, 'stop');
    expect(ui.overlay).toBe('none');
    expect(actions.setChatSettings).not.toHaveBeenCalled();
  });

  it('keys behind the overlay do not reach the chat; F1 is left to the shell', () => {
    const actions = fakeActions();
    const ui = shell();
    expect(settingsKeyAction(actions, ui, 'regenerate')).toBe(true);
    expect(settingsKeyAction(actions, ui, 'help')).toBe(false);
    expect(actions.send).not.toHaveBeenCalled();
  });

  it('number fields take one line; moving stops at the ends', () => {
    let d = moveSettingsField(openSettingsDraft(undefined), 1);
    d = editSettingsField(d, { type: 'insert', text: '0.5\n' });
    expect(d.values.temperature).toBe('0.5 ');
    expect(saveSettingsDraft(d)).toEqual({ ok: true, settings: { options: { temperature: 0.5 } } });
    expect(moveSettingsField(d, -9).index).toBe(0);
    expect(moveSettingsField(d, 9).index).toBe(4);
  });

  it('renders every field within the width at 80 and 120 columns, the error and the key hint', () => {
    let d = openSettingsDraft({ system: 'Be terse. '.repeat(40) });
    d = { ...moveSettingsField(d, 1), values: { ...d.values, temperature: 'abc' } };
    const saved = saveSettingsDraft(d);
    expect(saved.ok).toBe(false);
    for (const width of [74, 114]) {
      const rows = settingsRows(saved.ok ? d : saved.draft, width, 20);
      const text = rows.map((r) => r.body);
      for (const line of text) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      expect(text.join('\n')).toMatch(/system prompt \(400 chars\)/);
      for (const name of ['temperature', 'top_p', 'seed', 'num_predict']) expect(text.join('\n')).toContain(name);
      expect(text.join(' ')).toMatch(/must be a number from 0 to 2/);
      expect(text.join(' ')).toMatch(/Enter saves/);
    }
  });
});
