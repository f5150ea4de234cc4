import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { toErrorBody } from './client.js';
import type { ApiErrorBody } from './types.js';

export interface Loadable<T> {
  data: T | undefined;
  error: ApiErrorBody | undefined;
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload: () => void;
}

/** Loads `load()` when `deps` change; an answer that arrives after a newer request is dropped. */
export function useApi<T>(load: () => Promise<T>, deps: DependencyList): Loadable<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiErrorBody; loading: boolean }>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load
  const stableLoad = useCallback(load, deps);
  const lastLoad = useRef(stableLoad);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is how reload() asks for another load
  useEffect(() => {
    let current = true;
    // A reload keeps the old data on screen; new deps (another plugin, another node) must not.
    const sameSubject = lastLoad.current === stableLoad;
    lastLoad.current = stableLoad;
    setState((previous) => (sameSubject ? { ...previous, loading: true } : { loading: true }));
    stableLoad().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: toErrorBody(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [stableLoad, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
