/** Ctrl+P: installed models, filtered by typing; ↑/↓ to move, Enter to switch, Esc to close. */
import { sanitize } from '../../core/sanitize.js';
import { displayWidth, padToWidth, truncateToWidth, wrapText } from '../../core/wrap.js';
import type { ChatRow } from '../chat/chatLines.js';
import { evictionWarning, filterModels, fitShortLabel, fitVerdict, loadedLabel, numCtxOf, sizeLabel, type PickerState } from './modelPicker.js';
import type { AppState, SystemSample, TagModel } from '../../session/types.js';
import { detailRows } from './ModelDetailRows.js';
import { pullRows } from './PullRows.js';
import { ChatRows } from '../chat/ChatRows.js';
import { chatTextWidth } from '../chat/ChatPane.js';
import { Frame } from '../common/Frame.js';
import { withKeysInForce } from '../keys/keyOverrides.js';
import { useKeyTable } from '../keys/keyTableContext.js';

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

/**
 * A model of a server other than Ollama, from its Backend (state.model.served): `served by vLLM 0.19.1 ·
 * ctx 32768 · loaded · only model`, llama.cpp `slots 1/2 busy`, LM Studio `not loaded`. Unknown parts are
 * left out, never guessed.
 */
export function servedColumns(state: AppState, name: string): string[] {
  const server = state.server;
  if (!server) return [];
  const s = state.model.served?.[name];
  const ctx = s?.contextLength ?? server.contextLength;
  const cols = [`served by ${server.label}`];
  if (ctx) cols.push(`ctx ${ctx}`);
  if (s?.loaded !== undefined) cols.push(s.loaded ? 'loaded' : 'not loaded');
  if (s?.slots) cols.push(`slots ${s.slots.busy}/${s.slots.total} busy`);
  if (s?.servedExactlyOne) cols.push('its only model');
  return cols;
}

/**
 * One picker row's columns in display order. When they do not all fit, the least important go first
 * (family, then parameter size, then can-think) and the rest keep their order, so a loaded label or a
 * think flag is never lost behind a column that did not fit.
 */
function rowInfo(state: AppState, m: TagModel, room: number): string {
  // Another server (vLLM, llama.cpp, ...): no Ollama placement, size or memory fit to show, only what it says.
  if (state.server) return truncateToWidth(sanitize(servedColumns(state, m.name).join(' · ')), Math.max(0, room));
  const facts = state.model.facts?.[m.name];
  const loaded = loadedLabel(state, m.name);
  // [text, priority]: 0 is kept longest.
  const columns: Array<[string | undefined, number]> = [
    [fitVerdict(m, facts, numCtxOf(state, m.name), state.system), 0],
    [m.details.quantization_level || facts?.quantization, 2],
    [sizeLabel(m.size), 3],
    [loaded ? `loaded ${loaded}` : undefined, 1],
    [m.details.parameter_size || facts?.parameterSize, 5],
    [facts ? (facts.capabilities.includes('thinking') ? 'thinks' : 'no think') : undefined, 4],
    [m.details.family || facts?.family, 6],
  ];
  const present = columns.filter((c): c is [string, number] => Boolean(c[0])).map(([text, rank]) => [sanitize(text), rank] as const);
  const byRank = [...present].sort((a, b) => a[1] - b[1]);
  const kept = new Set<number>();
  for (const [, rank] of byRank) {
    const trial = present.filter(([, r]) => kept.has(r) || r === rank).map(([t]) => t).join(' · ');
    if (displayWidth(trial) <= room) kept.add(rank);
  }
  return present.filter(([, r]) => kept.has(r)).map(([t]) => t).join(' · ');
}

/** The picker with live session facts: columns, pull offer and progress, detail view, eviction confirm. */
export function richPickerRows(state: AppState, picker: PickerState, width: number, height: number): ChatRow[] {
  const pull = state.model.pull;
  if (pull) return pullRows(pull, width);
  const models = state.model.installed;
  const list = filterModels(models, picker.filter);
  const chosen = list[picker.index];
  if (picker.detail && chosen) return detailRows(state, chosen, width);
  const rows: ChatRow[] = [{ gutter: 'filter ', gutterToken: 'muted', body: truncateToWidth(picker.filter + '▏', width - 7), bodyToken: 'text' }];
  if (list.length === 0) {
    const name = picker.filter.trim();
    if (name && !/\s/.test(name)) rows.push({ gutter: '', body: truncateToWidth(`Not installed. Enter: pull ${sanitize(name)}`, width), bodyToken: 'accent' });
    else rows.push({ gutter: '', body: models.length === 0 ? 'No models installed. Type a name (e.g. deepseek-r1:8b) and press Enter to pull it.' : 'No installed model matches the filter.', bodyToken: 'muted' });
    return rows;
  }
  const warning = picker.confirm && chosen?.name === picker.confirm ? evictionWarning(state, picker.confirm) : undefined;
  // Wrapped, not cut: at 80 columns the end ("Enter again to switch.") is the part the user needs.
  const warningLines = warning ? wrapText(sanitize(warning), width) : [];
  const note = hostNote(state);
  const visible = Math.max(1, height - 1 - warningLines.length - (note ? 1 : 0));
  const start = Math.max(0, Math.min(picker.index - visible + 1, list.length - visible));
  const current = state.model.current;
  const nameCol = Math.min(Math.max(...list.map((m) => displayWidth(sanitize(m.name)) + 2)), Math.max(12, Math.floor((width - 2) * 0.45)));
  list.slice(start, start + visible).forEach((m, k) => {
    const selected = start + k === picker.index;
    const name = sanitize(m.name) + (m.name === current ? ' *' : '');
    const info = rowInfo(state, m, width - 2 - nameCol - 2);
    const body = `${padToWidth(truncateToWidth(name, nameCol), nameCol)}  ${info}`;
    rows.push({ gutter: selected ? '▶ ' : '  ', gutterToken: 'accent', body, bodyToken: selected ? 'accent' : 'text' });
  });
  for (const line of warningLines) rows.push({ gutter: '', body: line, bodyToken: 'warn' });
  if (note) rows.push({ gutter: '', body: truncateToWidth(note, width), bodyToken: 'muted' });
  return rows;
}

/**
 * Whose models these are, when there are several hosts, and a server that serves exactly one model
 * (llama.cpp without router mode, vLLM, SGLang) says so.
 */
export function hostNote(state: AppState): string | undefined {
  const host = sanitize(state.connection.hostName ?? state.connection.host.replace(/^https?:\/\//, ''));
  const onlyOne = state.server?.capabilities.lacks.find((l) => l.feature === 'model-switch')?.reason;
  const others = (state.hosts?.entries.length ?? 0) > 1 ? ' · Alt+H: other hosts' : '';
  if (onlyOne) return `${host}: ${onlyOne}${others}`;
  return others ? `models of ${host}${others}` : undefined;
}

export interface ModelPickerProps {
  models: readonly TagModel[];
  picker: PickerState;
  current?: string;
  width: number;
  height: number;
  /** Latest system sample, for the memory-fit estimate. */
  system?: SystemSample | null;
  /** The whole app state: enables facts, loaded labels, pull and detail views. */
  state?: AppState;
}

export const PICKER_TITLE = 'Models · type to filter · ↑/↓ · Enter switch · Tab detail · F9 unload · Esc';

export function ModelPicker({ models, picker, current, width, height, system, state }: ModelPickerProps) {
  const textRows = Math.max(0, height - 2);
  const textWidth = chatTextWidth(width);
  const rows = state ? richPickerRows(state, picker, textWidth, textRows) : pickerRows(models, picker, current, textWidth, textRows, system ?? null);
  return (
    <Frame title={withKeysInForce(PICKER_TITLE, useKeyTable().bindings)} width={width} height={height} active>
      <ChatRows rows={rows} height={textRows} />
    </Frame>
  );
}
