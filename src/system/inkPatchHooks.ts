/**
 * Node module-loader hook (registered by bin/r1-tui.js) that fixes two problems of Ink 6.8.0's
 * incremental renderer (build/log-update.js) in memory while the module loads; node_modules is not
 * modified.
 * 1. The cursor moves up one row too few when the frame ends in a newline, so changed rows land one
 *    row too low (fixed upstream in Ink 7.0, vadimdemedes/ink#910).
 * 2. A changed row is written as `row + ESC[K`. When the row fills every column the cursor still sits
 *    on the last cell, so ESC[K erases that cell (the right border of every full-width pane). Erasing
 *    first and then writing the row (`ESC[K + row`) gives the same screen without that loss.
 */
export interface SourcePatch {
  bug: string;
  fix: string;
}

export const INK_LOG_UPDATE_PATCHES: readonly SourcePatch[] = [
  {
    bug: 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
    fix: 'buffer.push(ansiEscapes.cursorUp(previousLines.length - 1));',
  },
  {
    bug: 'buffer.push(ansiEscapes.cursorTo(0) +\n                nextLines[i] +\n                ansiEscapes.eraseEndLine +',
    fix: 'buffer.push(ansiEscapes.cursorTo(0) +\n                ansiEscapes.eraseEndLine +\n                nextLines[i] +',
  },
];

/** True when every patch finds its exact target (the installed Ink is the 6.8.0 we know). */
export function canPatchLogUpdate(source: string): boolean {
  return INK_LOG_UPDATE_PATCHES.every((p) => source.split(p.bug).length === 2);
}

/** Applies all patches, or none when the source is not the one they were written for. */
export function patchLogUpdateSource(source: string): string {
  if (!canPatchLogUpdate(source)) return source;
  return INK_LOG_UPDATE_PATCHES.reduce((text, p) => text.replace(p.bug, p.fix), source);
}

interface LoadResult {
  format?: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: unknown) => Promise<LoadResult>;

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (!url.endsWith('/ink/build/log-update.js') || result.source === undefined) return result;
  const text = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
  return { ...result, source: patchLogUpdateSource(text) };
}
