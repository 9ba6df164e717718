/** Rows of the conversation settings overlay (Alt+S), fitted to the pane. Pure. */
import { SAMPLING_FIELDS } from '../../core/chatSettings.js';
import { sanitize } from '../../core/sanitize.js';
import { padToWidth, truncateToWidth, wrapText } from '../../core/wrap.js';
import type { ChatRow } from '../chat/chatLines.js';
import { SETTINGS_FIELDS, type SettingsDraft } from './settingsDraft.js';

export const SETTINGS_TITLE = 'Conversation settings';
export const SETTINGS_HINT = 'Type to edit · ↑/↓ field · Ctrl+J new line · Ctrl+U clear · Enter saves · Esc cancels';
const NAME_WIDTH = 14;
const CARET = '▏';

const row = (body: string, bodyToken?: ChatRow['bodyToken'], bold?: boolean): ChatRow => ({
  gutter: '',
  body,
  ...(bodyToken ? { bodyToken } : {}),
  ...(bold ? { bold } : {}),
});

export function settingsRows(d: SettingsDraft, width: number, height: number): ChatRow[] {
  const w = Math.max(10, width);
  const rows: ChatRow[] = [];
  const hint = wrapText(SETTINGS_HINT, w).map((l) => row(l, 'muted'));
  const error = d.error ? wrapText(d.error, w).map((l) => row(l, 'error')) : [];
  rows.push(...wrapText('Used from the next question on and saved with this conversation (Ctrl+N starts clean).', w).map((l) => row(l, 'muted')), row(''));

  const numberRows = SAMPLING_FIELDS.length;
  const fixed = rows.length + 1 /* system label */ + numberRows + 1 + error.length + (error.length ? 1 : 0) + hint.length;
  const systemRoom = Math.max(1, Math.min(8, height - fixed));

  // the system prompt: label row, then its lines (the end shows while typing: the caret is there)
  const systemSelected = d.index === 0;
  rows.push(row(`${systemSelected ? '▸' : ' '} system prompt${d.values.system ? ` (${d.values.system.length} chars)` : ''}`, systemSelected ? 'accent' : 'text', systemSelected));
  const text = sanitize(d.values.system);
  if (text === '' && !systemSelected) rows.push(row('    (none: the model\'s own)', 'muted'));
  else {
    const lines = text.split('\n').flatMap((l) => wrapText(l, Math.max(1, w - 5)));
    if (lines.length === 0) lines.push('');
    if (systemSelected) lines[lines.length - 1] += CARET;
    const shown = lines.slice(-systemRoom);
    if (lines.length > systemRoom) shown[0] = `… ${shown[0]}`;
    rows.push(...shown.map((l) => row(`    ${l}`, systemSelected ? 'text' : 'muted')));
  }

  for (const [i, field] of SAMPLING_FIELDS.entries()) {
    const selected = d.index === i + 1;
    const value = sanitize(d.values[field.key]);
    const shownValue = value === '' ? (selected ? CARET : '(model default)') : selected ? value + CARET : value;
    const left = `${selected ? '▸' : ' '} ${padToWidth(field.key, NAME_WIDTH - 2)}${padToWidth(shownValue, 18)}`;
    const about = w - left.length > 12 ? `  ${field.about}` : '';
    rows.push(row(truncateToWidth(left + about, w), selected ? 'accent' : value === '' ? 'muted' : 'text', selected));
  }
  rows.push(row(''));
  if (error.length) rows.push(...error, row(''));
  rows.push(...hint);
  return rows.slice(0, Math.max(0, height));
}

