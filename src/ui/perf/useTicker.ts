/**
 * Re-renders the caller every `intervalMs` while `active`, so elapsed times keep moving when no store
 * update arrives (e.g. a cold model load). Returns performance.now() of the render.
 */
import { useEffect, useState } from 'react';

export function useTicker(active: boolean, intervalMs = 500): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), intervalMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return performance.now();
}
