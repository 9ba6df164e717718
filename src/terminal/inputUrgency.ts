/**
 * Keystrokes are drawn at once. Ink throttles renders to maxFps, so a key pressed just after a streamed
 * frame would wait out the throttle window (and React renders the key's update in a scheduler task, not
 * synchronously). When Ink reads input from stdin, globalThis.__r1InputAt is set to the time; the patched
 * build/ink.js (src/terminal/inkPatchHooks.ts, patch 7) draws the next render within INPUT_RENDER_WINDOW_MS
 * at once instead of throttling it, and clears the mark. Without that patch the mark does nothing.
 *
 * stdin.read is wrapped rather than listened to: a second 'readable' listener changes when Node emits
 * 'readable', and input typed before Ink attaches its own listener could then sit unread.
 */
interface ReadLike {
  read(size?: number): unknown;
}

declare global {
  var __r1InputAt: number | undefined;
}

/** A render this soon after input counts as caused by it (kept in step with the ink.js patch). */
export const INPUT_RENDER_WINDOW_MS = 100;

export function markInputRenders(stdin: ReadLike, now: () => number = () => performance.now()): () => void {
  const original = stdin.read;
  stdin.read = function readMarkingInput(this: unknown, size?: number): unknown {
    const chunk = original.call(this, size);
    if (chunk !== null && chunk !== undefined && (chunk as { length?: number }).length !== 0) globalThis.__r1InputAt = now();
    return chunk;
  };
  return () => {
    stdin.read = original;
    globalThis.__r1InputAt = undefined;
  };
}
