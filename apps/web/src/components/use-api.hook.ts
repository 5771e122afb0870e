import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http-client';

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ApiError | Error };

/**
 * Load once per change of `deps`; `reload()` fetches again. Stale answers are dropped. With
 * `keepOnReload`, a reload keeps showing the data it has until the new answer arrives (what the
 * person is working in, and their focus, stay put).
 */
export function useApi<T>(load: (() => Promise<T>) | null, deps: unknown[], options: { keepOnReload?: boolean } = {}): [ApiState<T>, () => void] {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const depsKey = useRef<unknown[] | null>(null);

  useEffect(() => {
    if (!load) return;
    let live = true;
    const sameDeps = depsKey.current !== null && depsKey.current.length === deps.length && depsKey.current.every((d, i) => Object.is(d, deps[i]));
    depsKey.current = deps;
    if (!(options.keepOnReload && sameDeps)) setState({ status: 'loading' });
    load().then(
      (data) => live && setState({ status: 'ok', data }),
      (error: unknown) => live && setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);

  return [state, reload];
}
