import { liveQuery } from 'dexie';
import { type DependencyList, useEffect, useRef, useState } from 'react';

/**
 * Re-renders when the IndexedDB data read by `query` changes (Dexie's liveQuery), from any tab or
 * the sync engine. `undefined` until the first result. `deps` are plain values (ids, flags).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const latest = useRef(query);
  latest.current = query;
  const key = JSON.stringify(deps);
  useEffect(() => {
    void key; // re-subscribe when the caller's inputs change
    const subscription = liveQuery(() => latest.current()).subscribe({
      next: setValue,
      error: () => undefined,
    });
    return () => subscription.unsubscribe();
  }, [key]);
  return value;
}
