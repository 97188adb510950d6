import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locked after `minutes` without a key, a click or a move of the pointer (undefined while the delay is read).
 * Checked every second against the time of the latest activity, so a sleeping PC that wakes up past the
 * delay is locked at once.
 */
export function useIdleLock(minutes: number | undefined) {
  const [locked, setLocked] = useState(false);
  const last = useRef(0);
  useEffect(() => {
    if (minutes === undefined || locked) return;
    last.current = Date.now();
    const seen = () => {
      last.current = Date.now();
    };
    for (const event of ACTIVITY) window.addEventListener(event, seen, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) setLocked(true);
    }, 1000);
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, seen, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes, locked]);
  const lockNow = useCallback(() => setLocked(true), []);
  const unlock = useCallback(() => setLocked(false), []);
  return { locked, lockNow, unlock };
}
