import { useCallback, useEffect, useRef, useState } from "react";
import { isNavigation, parseUrlState, serializeUrlState, type UrlState } from "./url-state.ts";

export type SetUrlState = (patch: Partial<UrlState> | ((s: UrlState) => Partial<UrlState>)) => void;

/**
 * The app's state, mirrored in the address bar: opening a panel pushes a
 * history entry (Back closes it), everything else replaces the current one.
 */
export function useUrlState(): [UrlState, SetUrlState] {
  const [state, setState] = useState<UrlState>(() => parseUrlState(window.location.search));
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const onPop = () => setState(parseUrlState(window.location.search));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const update: SetUrlState = useCallback((patch) => {
    const prev = stateRef.current;
    const next = { ...prev, ...(typeof patch === "function" ? patch(prev) : patch) };
    const url = `${window.location.pathname}${serializeUrlState(next)}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      if (isNavigation(prev, next)) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }
    stateRef.current = next;
    setState(next);
  }, []);

  return [state, update];
}
