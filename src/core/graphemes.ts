/**
 * Grapheme clusters and their display widths, shared by wrapping and truncation.
 * Width comes from `string-width` (the major version Ink 6.8 uses); CJK and emoji are 2 cells.
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** string-width behind a map that is emptied when it reaches `limit` entries (widths repeat every frame). */
function cachedWidth(cache: Map<string, number>, limit: number, s: string): number {
  let w = cache.get(s);
  if (w === undefined) {
    w = stringWidth(s);
    if (cache.size >= limit) cache.clear();
    cache.set(s, w);
  }
  return w;
}

/** Printable ASCII only: one cell per character, no need to ask string-width. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const lineWidths = new Map<string, number>();
const graphemeWidths = new Map<string, number>();

export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  // panel rows and borders repeat every frame: cached when short
  return s.length > 256 ? stringWidth(s) : cachedWidth(lineWidths, 2048, s);
}

export function graphemeWidth(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) return 1;
  }
  return cachedWidth(graphemeWidths, 4096, g);
}

const isAscii = (c: number) => c < 0x80;

/**
 * Splits text into grapheme clusters, exactly as `Intl.Segmenter` would, in linear time.
 *
 * V8's segmenter gets quadratic on long strings (32k characters take ~0.6 s), so it only ever sees
 * short windows: between two ASCII characters there is always a cluster boundary (except CR LF), so
 * ASCII text is yielded one character at a time, and each non-ASCII stretch (with its ASCII
 * neighbours) is segmented in windows of at most a few hundred code units. A window that stops
 * before the stretch ends drops its last cluster (the next window may extend it) and the next window
 * starts at that cluster; a boundary found inside a window never depends on text after it.
 */
export function* graphemes(s: string): Generator<string> {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isAscii(c) && (i + 1 >= n || (isAscii(s.charCodeAt(i + 1)) && !(c === 0x0d && s.charCodeAt(i + 1) === 0x0a)))) {
      yield s[i]!;
      i++;
      continue;
    }
    // Non-ASCII stretch: up to the next boundary between two ASCII characters.
    let k = i + 1;
    while (k < n && !(isAscii(s.charCodeAt(k - 1)) && isAscii(s.charCodeAt(k)) && !(s.charCodeAt(k - 1) === 0x0d && s.charCodeAt(k) === 0x0a))) k++;
    yield* segmentStretch(s, i, k);
    i = k;
  }
}

const WINDOW = 256;

function* segmentStretch(s: string, start: number, end: number): Generator<string> {
  let pos = start;
  let size = WINDOW;
  while (pos < end) {
    let windowEnd = Math.min(end, pos + size);
    // Never cut a surrogate pair: a half code point would fake a boundary before it.
    const last = s.charCodeAt(windowEnd - 1);
    if (windowEnd < end && last >= 0xd800 && last <= 0xdbff) windowEnd++;
    const parts: string[] = [];
    for (const part of segmenter.segment(s.slice(pos, windowEnd))) parts.push(part.segment);
    if (windowEnd < end) {
      if (parts.length <= 1) {
        size *= 2; // one cluster longer than the window (e.g. stacked combining marks): widen
        continue;
      }
      parts.pop();
    }
    for (const g of parts) {
      yield g;
      pos += g.length;
    }
    size = WINDOW;
  }
}
