/**
 * Bordered pane drawn as rows of text (┌ Title ──┐ / │ body │ / └──┘), so the pane is exactly
 * `height` rows of exactly `width` columns and the title sits in the top border.
 */
import { type Row, blankRow, fitRow, rowWidth, seg } from './row.js';
import type { ThemeToken } from '../../core/theme.js';

export interface BoxSpec {
  title: Row;
  width: number;
  height: number;
  /** Body rows; only the first `innerHeight(height)` are used. */
  body: Row[];
  /** Border colour token (default `border`). */
  borderTone?: ThemeToken;
  /** Optional text set into the bottom border (e.g. `↓ 12 more rows`). */
  footer?: Row;
}

/** Columns available inside the border and one space of padding on each side. */
export function innerWidth(width: number): number {
  return Math.max(0, width - 4);
}

/** Rows available between the top and bottom borders. */
export function innerHeight(height: number): number {
  if (height >= 3) return height - 2;
  return height === 2 ? 1 : 0;
}

function topBorder(title: Row, width: number, tone: ThemeToken): Row {
  if (width < 2) return blankRow(width);
  const room = width - 2; // between ┌ and ┐
  if (room < 4 || title.length === 0) return [seg('┌' + '─'.repeat(room) + '┐', tone)];
  const fittedTitle = fitRow(title, Math.min(rowWidth(title), room - 3));
  const used = rowWidth(fittedTitle) + 2; // a space on each side of the title
  return [seg('┌ ', tone), ...fittedTitle, seg(' ' + '─'.repeat(Math.max(0, room - used)) + '┐', tone)];
}

function bodyRow(content: Row | undefined, width: number, tone: ThemeToken): Row {
  if (width < 4) return blankRow(width);
  return [seg('│ ', tone), ...fitRow(content ?? [], width - 4), seg(' │', tone)];
}

/** Exactly `height` rows (each exactly `width` columns): top border, body, bottom border. */
export function boxRows(spec: BoxSpec): Row[] {
  const { width, height } = spec;
  const tone = spec.borderTone ?? 'border';
  if (height <= 0) return [];
  if (height === 1) return [fitRow(spec.title, width)];
  const rows: Row[] = [topBorder(spec.title, width, tone)];
  const bodyCount = innerHeight(height);
  for (let i = 0; i < bodyCount; i++) rows.push(bodyRow(spec.body[i], width, tone));
  if (height >= 3) rows.push(bottomBorder(spec.footer, width, tone));
  return rows;
}

function bottomBorder(footer: Row | undefined, width: number, tone: ThemeToken): Row {
  if (width < 2) return blankRow(width);
  const room = width - 2;
  if (!footer || footer.length === 0 || room < 4) return [seg('└' + '─'.repeat(room) + '┘', tone)];
  const fitted = fitRow(footer, Math.min(rowWidth(footer), room - 3));
  return [seg('└ ', tone), ...fitted, seg(' ' + '─'.repeat(Math.max(0, room - rowWidth(fitted) - 2)) + '┘', tone)];
}
