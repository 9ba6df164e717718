/** Ctrl+P: installed models, filtered by typing; ↑/↓ to move, Enter to switch, Esc to close. */
import { sanitize } from '../../core/sanitize.js';
import { displayWidth, padToWidth, truncateToWidth } from '../../core/wrap.js';
import type { TagModel } from '../../ollama/types.js';
import type { ChatRow } from '../chatLines.js';
import { filterModels, fitShortLabel, sizeLabel, type PickerState } from '../modelPicker.js';
import type { SystemSample } from '../../session/types.js';
import { ChatRows } from './ChatRows.js';
import { chatTextWidth } from './ChatPane.js';
import { Frame } from './Frame.js';

export function pickerRows(
  models: readonly TagModel[],
  picker: PickerState,
  current: string | undefined,
  width: number,
  height: number,
  system: SystemSample | null = null,
): ChatRow[] {
  const rows: ChatRow[] = [{ gutter: 'filter ', gutterToken: 'muted', body: truncateToWidth(picker.filter + '▏', width - 7), bodyToken: 'text' }];
  if (models.length === 0) {
    rows.push({ gutter: '', body: 'No models installed. Pull one first, e.g. `ollama pull deepseek-r1:8b`.', bodyToken: 'warn' });
    return rows;
  }
  const list = filterModels(models, picker.filter);
  if (list.length === 0) {
    rows.push({ gutter: '', body: 'No installed model matches the filter.', bodyToken: 'muted' });
    return rows;
  }
  const visible = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(picker.index - visible + 1, list.length - visible));
  list.slice(Math.max(0, start), Math.max(0, start) + visible).forEach((m, k) => {
    const i = Math.max(0, start) + k;
    const selected = i === picker.index;
    const info = [m.details.parameter_size, m.details.quantization_level, sizeLabel(m.size), fitShortLabel(m, system)]
      .filter(Boolean)
      .join(' · ');
    const name = sanitize(m.name) + (m.name === current ? ' (current)' : '');
    const infoText = sanitize(info);
    const room = width - 2 - displayWidth(infoText) - 2;
    const body = room > 8 ? `${padToWidth(name, room)}  ${infoText}` : truncateToWidth(name, width - 2);
    rows.push({ gutter: selected ? '▶ ' : '  ', gutterToken: 'accent', body, bodyToken: selected ? 'accent' : 'text' });
  });
  return rows;
}

export interface ModelPickerProps {
  models: readonly TagModel[];
  picker: PickerState;
  current?: string;
  width: number;
  height: number;
  /** Latest system sample, for the memory-fit estimate. */
  system?: SystemSample | null;
}

export function ModelPicker({ models, picker, current, width, height, system }: ModelPickerProps) {
  const textRows = Math.max(0, height - 2);
  return (
    <Frame title="Models · type to filter · ↑/↓ · Enter · Esc · fit is an estimate at 4k context" width={width} height={height} active>
      <ChatRows rows={pickerRows(models, picker, current, chatTextWidth(width), textRows, system ?? null)} height={textRows} />
    </Frame>
  );
}
