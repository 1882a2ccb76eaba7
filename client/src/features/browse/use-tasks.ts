/** Browse's data: the task list for the URL's filter (every page) and the lookups its filters offer. */
import { useMemo } from "react";
import { fetchAllTasks } from "../../api/operations.ts";
import { startupQueries } from "../../api/startup.ts";
import type { Script, TaskFilterInput } from "../../api/types.ts";
import { useAsync, useQuery } from "../../api/use-query.ts";
import { polygonFromRing } from "../../map/layers/draw.ts";
import type { UrlState } from "../../state/url-state.ts";

/** The API's task filter for the URL's filters. */
export function useTaskFilter(state: UrlState, asOf: string | undefined): TaskFilterInput {
  return useMemo(() => {
    const f: TaskFilterInput = {};
    if (state.kinds.length) f.kinds = state.kinds;
    if (state.statuses.length) f.statuses = state.statuses;
    if (state.depts.length) f.leadDepartmentIds = state.depts;
    if (state.sections.length) f.sectionIds = state.sections;
    if (state.q) f.text = state.q;
    if (asOf) f.asOf = asOf;
    const poly = state.within ? polygonFromRing(state.within) : null;
    if (poly) f.spatial = { within: poly };
    return f;
  }, [state.kinds, state.statuses, state.depts, state.sections, state.q, state.within, asOf]);
}

/** Every task the filter selects. */
export function useTasks(script: Script, filter: TaskFilterInput, asOf: string | undefined) {
  return useAsync(JSON.stringify(["tasks", script, filter, asOf]), (signal) =>
    fetchAllTasks({ script, filter, asOf }, signal),
  );
}

/** Departments and the plan's sections (a startup query). */
export function useLookups(script: Script) {
  const { document, variables } = useMemo(() => startupQueries(script, undefined).lookups, [script]);
  return useQuery(document, variables);
}
