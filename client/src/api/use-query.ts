import { useCallback, useEffect, useRef, useState } from "react";
import { gql } from "./client.ts";

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  retry: () => void;
}

const cache = new Map<string, unknown>();
const CACHE_LIMIT = 200;

/** Forget every cached response (after signing in or out, or filing a report: what the server shows may differ). */
export function clearQueryCache(): void {
  cache.clear();
}

/**
 * Run an async load whenever its key changes; the previous data stays visible
 * while the next request runs (no flashing), and stale responses are dropped.
 * `skip` holds the request back (e.g. no id selected).
 */
export function useAsync<T>(key: string, load: (signal: AbortSignal) => Promise<T>, skip = false): QueryState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>(() => ({
    data: cache.get(key) as T | undefined,
    loading: !skip && !cache.has(key),
  }));
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    // each setter keeps the current state object when nothing changes, so mounting does not re-render for nothing
    if (skip) {
      setState((s) => (!s.loading && s.data === undefined && !s.error ? s : { loading: false }));
      return;
    }
    const hit = cache.get(key) as T | undefined;
    if (hit !== undefined) {
      setState((s) => (s.data === hit && !s.loading && !s.error ? s : { data: hit, loading: false }));
      return;
    }
    const ctrl = new AbortController();
    setState((s) => (s.loading && !s.error ? s : { data: s.data, loading: true }));
    loadRef.current(ctrl.signal).then(
      (data) => {
        if (ctrl.signal.aborted) return;
        if (cache.size > CACHE_LIMIT) cache.clear();
        cache.set(key, data);
        setState({ data, loading: false });
      },
      (error: Error) => {
        if (error.name === "AbortError" || ctrl.signal.aborted) return;
        setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => ctrl.abort();
  }, [key, skip, attempt]);

  const retry = useCallback(() => {
    cache.delete(key);
    setAttempt((a) => a + 1);
  }, [key]);

  return { data: skip ? undefined : state.data, error: state.error, loading: state.loading, retry };
}

/** One GraphQL operation as a hook; see useAsync. */
export function useQuery<T>(query: string, variables: object, skip = false): QueryState<T> {
  return useAsync<T>(JSON.stringify([query, variables]), (signal) => gql<T>(query, variables as Record<string, unknown>, { signal }), skip);
}
