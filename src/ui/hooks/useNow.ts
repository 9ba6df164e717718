import { useEffect, useState } from 'react';

/** performance.now(), refreshed every `intervalMs` while `active` (no timer at all otherwise). */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return active ? Math.max(now, performance.now()) : now;
}

/** Milliseconds since `since` (a performance.now() value), ticking every second while `active`. */
export function useElapsed(active: boolean, since: number): number {
  const now = useNow(active, 1000);
  return Math.max(0, now - since);
}
