/**
 * Node module-loader hook (registered by bin/r1-tui.js) that applies the one-line fix Ink 7.0 shipped
 * for incremental rendering (vadimdemedes/ink#910): in Ink 6.8.0 build/log-update.js moves the cursor up
 * one row too few when the frame ends in a newline, so changed rows land one row too low. The fix is
 * applied in memory while the module loads; nothing in node_modules is modified.
 */
export const INK_LOG_UPDATE_BUG = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
export const INK_LOG_UPDATE_FIX = 'buffer.push(ansiEscapes.cursorUp(previousLines.length - 1));';

interface LoadResult {
  format?: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: unknown) => Promise<LoadResult>;

export function patchLogUpdateSource(source: string): string {
  return source.includes(INK_LOG_UPDATE_BUG) ? source.replace(INK_LOG_UPDATE_BUG, INK_LOG_UPDATE_FIX) : source;
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (!url.endsWith('/ink/build/log-update.js') || result.source === undefined) return result;
  const text = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
  return { ...result, source: patchLogUpdateSource(text) };
}
