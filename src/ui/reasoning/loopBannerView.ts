/**
 * The thinking-loop banner row:
 * `⟳ The model seems to be repeating itself ("Wait, maybe…"). Esc stop · Ctrl+R stop and re-ask`.
 * The quote shrinks first, then shorter wordings are used, so the keys stay visible at 38 columns.
 */
import { sanitize } from '../../core/sanitize.js';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import { type Row, fitRow, seg } from '../common/row.js';
import { withKeysInForce } from '../keys/keyOverrides.js';
import { DEFAULT_BINDINGS, type KeyBindings } from '../../core/keyBindings.js';

export const LOOP_KEYS_TEXT = 'Esc stop · Ctrl+R stop and re-ask';
const SHORT_KEYS_TEXT = 'Esc stop · Ctrl+R re-ask';
/** Shortest quote worth showing (columns, ellipsis included). */
const MIN_QUOTE = 8;
const MAX_QUOTE = 40;

/** Sanitized evidence on one line (runs of whitespace become one space). */
export function loopEvidenceText(evidence: string): string {
  return sanitize(evidence).replace(/\s+/g, ' ').trim();
}

const WORDINGS: ReadonlyArray<readonly [lead: string, keys: string]> = [
  ['⟳ The model seems to be repeating itself', LOOP_KEYS_TEXT],
  ['⟳ Repeating itself', LOOP_KEYS_TEXT],
  ['⟳ Repeating itself', SHORT_KEYS_TEXT],
  ['⟳ Looping', SHORT_KEYS_TEXT],
];

/** `bindings`: the keys in force (the keys named are rewritten to them). */
export function loopBannerText(evidence: string, width: number, bindings: KeyBindings = DEFAULT_BINDINGS): string {
  const quote = loopEvidenceText(evidence);
  if (quote) {
    for (const [lead, defaultKeys] of WORDINGS) {
      const keys = withKeysInForce(defaultKeys, bindings);
      const room = Math.min(MAX_QUOTE, width - displayWidth(`${lead} (""). ${keys}`));
      if (room >= MIN_QUOTE) return `${lead} ("${truncateToWidth(quote, room)}"). ${keys}`;
    }
  }
  for (const [lead, keys] of WORDINGS) {
    const text = `${lead}. ${withKeysInForce(keys, bindings)}`;
    if (displayWidth(text) <= width) return text;
  }
  return `⟳ Looping. ${withKeysInForce(SHORT_KEYS_TEXT, bindings)}`;
}

export function loopBannerRow(evidence: string, width: number, bindings: KeyBindings = DEFAULT_BINDINGS): Row {
  return fitRow([seg(loopBannerText(evidence, width, bindings), 'warn', true)], width);
}
