/**
 * Finds a block of full-width rows that moved up or down by k rows between what the terminal shows and
 * the next frame, so the terminal can scroll it (DECSTBM + SU/SD) instead of having it repainted.
 * Rows compare by their exact text from Ink (equal text means equal cells at one width).
 */
export interface ScrollMove {
  /** Scroll region, 0-based inclusive rows. */
  readonly top: number;
  readonly bottom: number;
  /** Rows the content moves: > 0 up (SU, the pane gained lines at the bottom), < 0 down (SD). */
  readonly by: number;
  /** Characters of row text the move saves from being rewritten (a rough byte estimate). */
  readonly saves: number;
}

/** A move costs about this many bytes (set region, scroll, reset region, cursor home). */
const SCROLL_COST = 24;
/** Do not look further than this for the distance moved (frames move a few rows at a time). */
const MAX_DISTANCE = 64;

export function findScroll(shown: readonly string[], next: readonly string[]): ScrollMove | undefined {
  const rows = Math.min(shown.length, next.length);
  let changed = 0;
  for (let i = 0; i < rows; i++) if (shown[i] !== next[i]) changed++;
  if (changed < 2) return undefined;
  let best: ScrollMove | undefined;
  const limit = Math.min(rows - 1, MAX_DISTANCE);
  for (let k = 1; k <= limit; k++) {
    for (const dir of [1, -1]) {
      // rows i of `next` equal to rows i + dir*k of `shown`, in contiguous runs
      let start = -1;
      let saves = 0;
      const lo = dir > 0 ? 0 : k;
      const hi = dir > 0 ? rows - k : rows;
      for (let i = lo; i <= hi; i++) {
        const same = i < hi && next[i] === shown[i + dir * k];
        if (same) {
          if (start < 0) {
            start = i;
            saves = 0;
          }
          if (next[i] !== shown[i]) saves += next[i]!.length;
          continue;
        }
        if (start >= 0) {
          const end = i - 1;
          if (saves > SCROLL_COST && (!best || saves > best.saves)) {
            best = dir > 0 ? { top: start, bottom: end + k, by: k, saves } : { top: start - k, bottom: end, by: -k, saves };
          }
          start = -1;
        }
      }
    }
  }
  return best;
}
