import { useCallback, useEffect, useRef, useState } from "react";
import { gql } from "./client.ts";
import type { TypedDocumentString } from "./gql/graphql.ts";
import { cached, forget, prefetched, queryKey, remember } from "./query-cache.ts";

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  retry: () => void;
}

/**
 * Run an async load whenever its key changes; the previous data stays visible
 * while the next request runs (no flashing), and stale responses are dropped.
 * `skip` holds the request back (e.g. no id selected).
 */
export function useAsync<T>(key: string, load: (signal: AbortSignal) => Promise<T>, skip = false): QueryState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>(() => ({
    data: cached<T>(key),
    loading: !skip && cached(key) === undefined,
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
    const hit = cached<T>(key);
    if (hit !== undefined) {
      setState((s) => (s.data === hit && !s.loading && !s.error ? s : { data: hit, loading: false }));
      return;
    }
    const ctrl = new AbortController();
    setState((s) => (s.loading && !s.error ? s : { data: s.data, loading: true }));
    // the startup request's answer for this key, if still on its way, is taken over rather than asked for again
    (prefetched<T>(key) ?? loadRef.current(ctrl.signal)).then(
      (data) => {
        if (ctrl.signal.aborted) return;
        remember(key, data);
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
    forget(key);
    setAttempt((a) => a + 1);
  }, [key]);

  return { data: skip ? undefined : state.data, error: state.error, loading: state.loading, retry };
}

/** One GraphQL operation (a `graphql()` document: its types are inferred) as a hook; see useAsync. */
export function useQuery<TData, TVars extends object>(
  document: TypedDocumentString<TData, TVars>,
  variables: TVars,
  skip = false,
): QueryState<TData> {
  return useAsync<TData>(
    queryKey(document.toString(), variables),
    (signal) => gql(document, variables, { signal }),
    skip,
  );
}
