import { useEffect, useRef, useState } from 'react';

/**
 * performance.now(), refreshed every `intervalMs` while `active` (no timer at all otherwise). A tick is
 * skipped when something else re-rendered the component within the last half interval: that render
 * already read the clock, so a stream of 2 tok/s costs no extra frame for the elapsed-time labels.
 */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => performance.now());
  const renderedAt = useRef(0);
  useEffect(() => {
    if (!active) return;
    setNow(performance.now());
    const timer = setInterval(() => {
      const t = performance.now();
      if (t - renderedAt.current >= intervalMs / 2) setNow(t);
    }, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  const shown = active ? Math.max(now, performance.now()) : now;
  renderedAt.current = performance.now();
  return shown;
}

/** Milliseconds since `since` (a performance.now() value), ticking every second while `active`. */
export function useElapsed(active: boolean, since: number): number {
  const now = useNow(active, 1000);
  return Math.max(0, now - since);
}
