/**
 * Keystrokes are drawn at once. The screen (src/terminal/screen/inkScreen.ts) sends at most one frame per
 * frame interval, so a key pressed just after a streamed frame would wait out the interval. When Ink
 * reads input from stdin the time is noted; the first frame within INPUT_RENDER_WINDOW_MS after it is
 * sent at once (takeUrgent() answers true once per keystroke).
 *
 * stdin.read is wrapped rather than listened to: a second 'readable' listener changes when Node emits
 * 'readable', and input typed before Ink attaches its own listener could then sit unread.
 */
interface ReadLike {
  read(size?: number): unknown;
}

/**
 * A frame this soon after input counts as caused by it. Longer than the 100 ms frame interval: on a busy
 * machine React may commit the key's update late, and a missed mark costs up to a whole interval.
 */
export const INPUT_RENDER_WINDOW_MS = 250;

export interface InputUrgency {
  /** True (once) when input was read within INPUT_RENDER_WINDOW_MS. */
  takeUrgent(): boolean;
  /** Put stdin.read back. */
  dispose(): void;
}

export function markInputRenders(stdin: ReadLike, now: () => number = () => performance.now(), onInput?: () => void): InputUrgency {
  const original = stdin.read;
  let inputAt: number | undefined;
  stdin.read = function readMarkingInput(this: unknown, size?: number): unknown {
    const chunk = original.call(this, size);
    if (chunk !== null && chunk !== undefined && (chunk as { length?: number }).length !== 0) {
      inputAt = now();
      onInput?.();
    }
    return chunk;
  };
  return {
    takeUrgent(): boolean {
      if (inputAt === undefined) return false;
      const recent = now() - inputAt < INPUT_RENDER_WINDOW_MS;
      inputAt = undefined;
      return recent;
    },
    dispose(): void {
      stdin.read = original;
      inputAt = undefined;
    },
  };
}
