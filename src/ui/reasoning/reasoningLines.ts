/**
 * Wrapped reasoning rows per turn, computed incrementally. The streaming turn's thinking text only
 * grows, so each frame sanitizes and wraps only the text appended since the previous frame; a frame
 * with no change (same turn id, rev and width) does no work at all.
 */
import { StreamSanitizer } from '../../core/sanitize.js';
import { IncrementalWrapper } from '../../core/wrap.js';
import type { Turn } from '../../session/types.js';

/** Characters kept from the end of the consumed text to check that new text was appended to it. */
const APPEND_CHECK_CHARS = 32;
/** Turns whose wrapped rows are kept (the shown turn plus a few recently shown ones). */
const MAX_ENTRIES = 4;
const LEADING_SPACE = /^\s+/;

interface Entry {
  width: number;
  rev: number;
  consumed: number;
  tailCheck: string;
  started: boolean;
  ended: boolean;
  sanitizer: StreamSanitizer;
  wrapper: IncrementalWrapper;
}

/** Counters that tests and the bench use to prove a frame wraps only what was appended. */
export interface WrapWork {
  /** Raw characters fed to wrappers. */
  appendedChars: number;
  /** Times a turn was wrapped from the start (new turn, new width, or text that was not an append). */
  rebuilds: number;
  /** Calls answered from the cache without any work. */
  hits: number;
}

export class ReasoningWrapCache {
  private readonly entries = new Map<number, Entry>();
  readonly work: WrapWork = { appendedChars: 0, rebuilds: 0, hits: 0 };

  /** Wrapped rows of `turn.thinking` (sanitized) at `width`; the returned array may be reused. */
  lines(turn: Turn, width: number): readonly string[] {
    const w = Math.max(1, width);
    let entry = this.entries.get(turn.id);
    if (entry && entry.width === w && entry.rev === turn.rev) {
      this.work.hits++;
      this.touch(turn.id, entry);
      return entry.wrapper.lines;
    }
    if (!entry || entry.width !== w || !isAppendOf(entry, turn.thinking)) {
      entry = this.fresh(w);
      this.work.rebuilds++;
    }
    const appended = turn.thinking.slice(entry.consumed);
    if (appended.length > 0) {
      this.feed(entry, entry.sanitizer.push(appended));
      entry.consumed = turn.thinking.length;
      entry.tailCheck = turn.thinking.slice(Math.max(0, entry.consumed - APPEND_CHECK_CHARS));
      this.work.appendedChars += appended.length;
    }
    if (turn.status !== 'streaming' && !entry.ended) {
      this.feed(entry, entry.sanitizer.end());
      entry.ended = true;
    }
    entry.rev = turn.rev;
    this.touch(turn.id, entry);
    return entry.wrapper.lines;
  }

  clear(): void {
    this.entries.clear();
  }

  private fresh(width: number): Entry {
    return {
      width,
      rev: -1,
      consumed: 0,
      tailCheck: '',
      started: false,
      ended: false,
      sanitizer: new StreamSanitizer(),
      wrapper: new IncrementalWrapper(width),
    };
  }

  /** Skip the blank lines R1 puts before its first thought, then append. */
  private feed(entry: Entry, clean: string): void {
    let text = clean;
    if (!entry.started) {
      text = text.replace(LEADING_SPACE, '');
      if (text.length === 0) return;
      entry.started = true;
    }
    entry.wrapper.append(text);
  }

  private touch(id: number, entry: Entry): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/** True when `text` still starts with what the entry consumed (checked on its last characters). */
function isAppendOf(entry: Entry, text: string): boolean {
  if (entry.ended && text.length !== entry.consumed) return false;
  if (text.length < entry.consumed) return false;
  if (entry.consumed === 0) return true;
  return text.slice(Math.max(0, entry.consumed - APPEND_CHECK_CHARS), entry.consumed) === entry.tailCheck;
}

/** Number of rows up to the last non-blank one. */
export function contentRowCount(lines: readonly string[]): number {
  let end = lines.length;
  while (end > 0 && (lines[end - 1] ?? '').trim() === '') end--;
  return end;
}

/**
 * The `count` rows to show, `scrollBack` rows up from the bottom (0 = stick to the bottom), ignoring
 * blank rows at the very end. Returns fewer rows when the text is short; `scrollBack` is clamped.
 */
export function tailRows(lines: readonly string[], count: number, scrollBack = 0): string[] {
  if (count <= 0) return [];
  const total = contentRowCount(lines);
  const back = Math.min(Math.max(0, Math.floor(scrollBack)), Math.max(0, total - count));
  const end = total - back;
  return lines.slice(Math.max(0, end - count), end);
}
