/**
 * Rows of the host switcher (Alt+H): per host a line with its name, backend label and version, health
 * and URL, then its models (loaded ones first, with size and CPU/GPU split where the server says), an
 * `ollama ps` across boxes. Everything a server sent is sanitized; figures a server does not report
 * are left out, and a server that cannot tell what is loaded says so.
 */
import { processorLabel } from '../../core/processorLabel.js';
import { sanitize } from '../../core/sanitize.js';
import { displayWidth, padToWidth, truncateToWidth, wrapText } from '../../core/wrap.js';
import type { HostEntry, HostModelRow, HostsState } from '../../session/hostsTypes.js';
import type { ChatRow } from '../chat/chatLines.js';
import { sizeLabel } from '../models/modelPicker.js';

export const HOSTS_TITLE = 'Hosts · ↑/↓ choose · Enter switch · Esc close';

const HEALTH: Record<HostEntry['health'], { mark: string; word: string; token: ChatRow['bodyToken'] }> = {
  ok: { mark: '●', word: 'up', token: 'ok' },
  down: { mark: '✗', word: 'down', token: 'error' },
  checking: { mark: '…', word: 'checking', token: 'muted' },
  unknown: { mark: '?', word: 'not checked', token: 'muted' },
};

function labelOf(h: HostEntry): string {
  return h.label ? sanitize(h.label) : h.health === 'down' ? 'unknown server' : 'detecting…';
}

function hostLine(h: HostEntry, current: boolean, highlighted: boolean, nameCol: number, labelCol: number, width: number): ChatRow {
  const health = HEALTH[h.health];
  const url = sanitize(h.url.replace(/^https?:\/\//, ''));
  const word = h.health === 'ok' || h.health === 'down' ? padToWidth(health.word, 4) : health.word;
  const body = `${padToWidth(truncateToWidth(sanitize(h.name), nameCol), nameCol)}  ${padToWidth(truncateToWidth(labelOf(h), labelCol), labelCol)}  ${health.mark} ${word}  ${url}${current ? '  (current)' : ''}`;
  return {
    gutter: highlighted ? '▶ ' : '  ',
    gutterToken: 'accent',
    body: truncateToWidth(body, Math.max(1, width - 2)),
    bodyToken: highlighted ? 'accent' : h.health === 'down' ? 'error' : 'text',
    bold: current,
  };
}

/**
 * `loaded · 5.2 GB · 100% GPU · ctx 4096` (only what the server reported). A size in memory (Ollama's
 * /api/ps, with the CPU/GPU split) is plain; the model file's size says `file` (`34 GB file`): not memory.
 */
export function modelFacts(m: HostModelRow): string {
  const bits: string[] = [];
  if (m.loaded === true) bits.push('loaded');
  const size = m.size !== undefined && m.size > 0 ? sizeLabel(m.size) : undefined;
  const memory = m.sizeSource !== 'file';
  if (size) bits.push(memory ? size : `${size} file`);
  if (memory && m.loaded && m.size !== undefined && m.sizeVram !== undefined && m.size > 0) bits.push(processorLabel(m.size, m.sizeVram));
  if (m.quantization) bits.push(sanitize(m.quantization));
  if (m.contextLength !== undefined) bits.push(`ctx ${m.contextLength}`);
  return bits.join(' · ');
}

/** The model rows of one host, at most `budget` rows (the "… N more" and note rows included). */
function modelLines(h: HostEntry, width: number, budget: number): ChatRow[] {
  const indent = '    ';
  const rows: ChatRow[] = [];
  const line = (body: string, token: ChatRow['bodyToken'] = 'muted') => rows.push({ gutter: '  ', body: truncateToWidth(`${indent}${body}`, Math.max(1, width - 2)), bodyToken: token });
  if (h.health === 'down') {
    for (const l of wrapText(sanitize(h.error ?? 'Not reachable.'), Math.max(1, width - 2 - indent.length)).slice(0, Math.max(1, Math.min(2, budget)))) line(l, 'error');
    return rows;
  }
  if (h.health !== 'ok') return rows;
  if (h.models.length === 0) {
    line('no models');
    return rows;
  }
  const notes: string[] = [];
  if (h.servesOne) notes.push('serves exactly one model');
  if (h.loadedUnknown) notes.push('the server does not say which models are loaded');
  const noteRows = notes.length > 0 ? 1 : 0;
  const room = Math.max(1, budget - noteRows);
  const shown = h.models.length <= room ? h.models.length : Math.max(1, room - 1);
  const nameCol = Math.min(Math.max(...h.models.map((m) => displayWidth(sanitize(m.name)))) + 2, Math.max(12, Math.floor((width - 8) * 0.55)));
  for (const m of h.models.slice(0, shown)) {
    const name = padToWidth(truncateToWidth(sanitize(m.name), nameCol), nameCol);
    line(`${name}${modelFacts(m)}`, m.loaded ? 'text' : 'muted');
  }
  if (h.models.length > shown) line(`… ${h.models.length - shown} more`);
  if (noteRows) line(notes.join(' · '));
  return rows;
}

/** Every host, the highlighted one kept in view; `height` text rows. */
export function hostsOverlayRows(hosts: HostsState | undefined, index: number, width: number, height: number): ChatRow[] {
  if (!hosts || hosts.entries.length === 0) return [{ gutter: '', body: 'No hosts: give --host more than once, or a "hosts" list in the config.', bodyToken: 'warn' }];
  const entries = hosts.entries;
  const nameCol = Math.min(Math.max(...entries.map((e) => displayWidth(sanitize(e.name)))), Math.max(8, Math.floor(width * 0.25)));
  const labelCol = Math.min(Math.max(...entries.map((e) => displayWidth(labelOf(e)))), 20);
  // each host gets its share of the rows (a host line, then its models); the rest when one needs less
  const share = Math.max(2, Math.floor(height / entries.length));
  const blocks = entries.map((h, i) => [hostLine(h, h.name === hosts.current, i === index, nameCol, labelCol, width), ...modelLines(h, width, share - 1)]);
  // scroll so the highlighted block is visible
  let start = 0;
  const rowsBefore = (i: number) => blocks.slice(0, i).reduce((n, b) => n + b.length, 0);
  while (start < index && rowsBefore(index + 1) - rowsBefore(start) > height) start++;
  return blocks.slice(start).flat().slice(0, height);
}
