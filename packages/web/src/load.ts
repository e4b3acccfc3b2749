import { useEffect, useRef, useState } from 'react';
import { ApiError } from './api.ts';

/** The state of one request: still loading, failed with a message, or loaded. */
export type Load<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ready'; readonly data: T };

/**
 * Run `fetcher` on mount and whenever `key` changes, aborting the previous request.
 * The key names what is being loaded (a URL is a good key).
 */
export function useLoad<T>(key: string, fetcher: (signal: AbortSignal) => Promise<T>): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const latest = useRef(fetcher);
  latest.current = fetcher;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the trigger; the fetcher is read through a ref
  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    latest.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoad({ state: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({
          state: 'error',
          error: error instanceof ApiError ? error : new ApiError(0, 'client', String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [key]);
  return load;
}
