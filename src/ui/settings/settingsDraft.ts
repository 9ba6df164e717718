/**
 * The conversation settings overlay (Alt+S) as data: one text per field, the selected field, and the
 * error of the last save. Pure; the keys (settingsKeys.ts) and the view (settingsRows.ts) use it.
 */
import { normalizeSettings, parseSamplingField, SAMPLING_FIELDS, type ChatSettings, type SamplingOptions } from '../../core/chatSettings.js';

export const SETTINGS_FIELDS = ['system', ...SAMPLING_FIELDS.map((f) => f.key)] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

export interface SettingsDraft {
  values: Record<SettingsField, string>;
  index: number;
  error?: string;
}

/** Longest system prompt kept: a longer paste is cut here (the field shows its length in chars). */
export const MAX_SYSTEM_CHARS = 20_000;

export function openSettingsDraft(settings: ChatSettings | undefined): SettingsDraft {
  const n = normalizeSettings(settings);
  const values = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, ''])) as Record<SettingsField, string>;
  values.system = n.system ?? '';
  for (const { key } of SAMPLING_FIELDS) {
    const v = n.options?.[key];
    if (v !== undefined) values[key] = String(v);
  }
  return { values, index: 0 };
}

export function selectedField(d: SettingsDraft): SettingsField {
  return SETTINGS_FIELDS[d.index] ?? 'system';
}

export function moveSettingsField(d: SettingsDraft, delta: number): SettingsDraft {
  const index = Math.max(0, Math.min(SETTINGS_FIELDS.length - 1, d.index + delta));
  return { ...d, index };
}

export type SettingsEdit = { type: 'insert'; text: string } | { type: 'deleteLeft' } | { type: 'deleteWord' } | { type: 'clear' };

export function editSettingsField(d: SettingsDraft, edit: SettingsEdit): SettingsDraft {
  const field = selectedField(d);
  const current = d.values[field];
  let next = current;
  if (edit.type === 'insert') {
    // a number field takes one line; pasted line breaks become spaces there (the check then says why)
    const text = field === 'system' ? edit.text.replace(/\r\n?/g, '\n') : edit.text.replace(/[\r\n]+/g, ' ');
    next = (current + text).slice(0, field === 'system' ? MAX_SYSTEM_CHARS : 40);
  } else if (edit.type === 'deleteLeft') next = Array.from(current).slice(0, -1).join('');
  else if (edit.type === 'deleteWord') next = current.replace(/\s*\S+\s*$/, '');
  else next = '';
  const { error: _dropped, ...rest } = d;
  return { ...rest, values: { ...d.values, [field]: next } };
}

export type SaveResult = { ok: true; settings: ChatSettings } | { ok: false; draft: SettingsDraft };

/** Check every field; the first bad one is selected and its sentence becomes the draft's error. */
export function saveSettingsDraft(d: SettingsDraft): SaveResult {
  const options: SamplingOptions = {};
  for (const { key } of SAMPLING_FIELDS) {
    const check = parseSamplingField(key, d.values[key]);
    if (!check.ok) return { ok: false, draft: { ...d, index: SETTINGS_FIELDS.indexOf(key), error: check.error } };
    if (check.value !== undefined) options[key] = check.value;
  }
  return { ok: true, settings: normalizeSettings({ system: d.values.system, options }) };
}
