/**
 * Projects' data: how many there are (a startup query; it decides GeoJSON clustering or vector
 * tiles), every project the URL's project filters select (below the tile threshold), and one project.
 */
import { useMemo } from "react";
import { fetchAllProjects, PROJECT_DETAIL } from "../../api/operations.ts";
import { startupQueries } from "../../api/startup.ts";
import type { ProjectFilterInput, Script } from "../../api/types.ts";
import { useAsync, useQuery } from "../../api/use-query.ts";
import { polygonFromRing } from "../../map/layers/draw.ts";
import { projectSourceMode } from "../../map/layers/projects.ts";
import type { UrlState } from "../../state/url-state.ts";

export function useProjects(script: Script, state: UrlState, asOf: string | undefined, tileThreshold: number) {
  const { document, variables } = useMemo(() => startupQueries(script, undefined).projectCount, [script]);
  const count = useQuery(document, variables);
  const mode = projectSourceMode(count.data?.projects.totalCount, tileThreshold);
  const filter: ProjectFilterInput = useMemo(() => {
    const f: ProjectFilterInput = {};
    if (state.pcats.length) f.categories = state.pcats;
    if (state.pstatuses.length) f.statuses = state.pstatuses;
    if (state.pyear) f.year = state.pyear;
    if (state.q) f.text = state.q;
    const poly = state.within ? polygonFromRing(state.within) : null;
    if (poly) f.spatial = { within: poly };
    return f;
  }, [state.pcats, state.pstatuses, state.pyear, state.q, state.within]);
  const list = useAsync(
    JSON.stringify(["projects", script, filter, asOf]),
    (signal) => fetchAllProjects({ script, filter, asOf }, signal),
    !count.data || mode === "tiles",
  );
  return { count, mode, list };
}

/** One project's panel data; `skip` while a task's panel is open over it. */
export function useProjectDetail(id: string | null, script: Script, asOf: string | undefined, skip: boolean) {
  return useQuery(PROJECT_DETAIL, { id: id ?? "", script, asOf }, !id || skip);
}
