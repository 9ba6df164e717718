/** Rows of the pull progress view (inside the model picker): one line per layer, then what to do next. */
import { formatSeconds } from '../../core/format.js';
import { humanBytes } from '../../core/humanBytes.js';
import { layerView, pullTotals } from '../../core/pullProgress.js';
import { sanitize } from '../../core/sanitize.js';
import { truncateToWidth, wrapText } from '../../core/wrap.js';
import type { PullState } from '../../session/modelTypes.js';
import type { ChatRow } from '../chat/chatLines.js';

function bar(percent: number, width: number): string {
  const full = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return '█'.repeat(full) + '░'.repeat(Math.max(0, width - full));
}

export function pullRows(pull: PullState, width: number): ChatRow[] {
  const name = sanitize(pull.name);
  const totals = pullTotals(pull.progress);
  const row = (body: string, bodyToken: ChatRow['bodyToken'] = 'text'): ChatRow => ({ gutter: '', body: truncateToWidth(body, width), bodyToken });
  const heading =
    pull.status === 'pulling'
      ? `Pulling ${name} · ${sanitize(pull.progress.status)} · ${totals.percent}%`
      : pull.status === 'done'
        ? `Pulled ${name} · ${totals.percent}%`
        : pull.status === 'cancelled'
          ? `Pull of ${name} cancelled at ${totals.percent}%`
          : `Pull of ${name} failed`;
  const rows: ChatRow[] = [row(heading, pull.status === 'error' ? 'warn' : 'accent')];
  const barWidth = width >= 90 ? 20 : width >= 70 ? 10 : 0;
  for (const layer of pull.progress.layers) {
    const v = layerView(layer);
    const parts = [
      v.id,
      `${humanBytes(v.completed)}/${humanBytes(v.total)}`,
      `${String(v.percent).padStart(3)}%`,
      barWidth > 0 ? bar(v.percent, barWidth) : '',
      v.bytesPerSecond !== undefined && !v.done ? `${humanBytes(v.bytesPerSecond)}/s` : '',
      v.etaMs !== undefined ? `ETA ${formatSeconds(v.etaMs)}` : v.done ? 'done' : '',
    ].filter(Boolean);
    rows.push(row(parts.join('  ')));
  }
  if (pull.status === 'pulling') rows.push(row('Esc cancels the pull.', 'muted'));
  else if (pull.status === 'done') rows.push(row(`Pulled ${name}. Enter switches to it · Esc closes.`, 'accent'));
  else if (pull.status === 'cancelled') rows.push(row('Cancelled. Pulling again resumes. Esc closes.', 'warn'));
  else {
    // The error sentence is the point of this view: wrap it, never cut it.
    for (const line of wrapText(sanitize(pull.error ?? 'The pull failed.'), Math.max(1, width))) rows.push(row(line, 'warn'));
    rows.push(row('Esc closes.', 'muted'));
  }
  return rows;
}
