import { useEffect, useState } from 'react';

/** The time, renewed every minute, so "il y a 2 h" and lags stay true while a screen stays open. */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
