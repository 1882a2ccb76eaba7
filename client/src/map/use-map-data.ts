/** The map's own data: the places (a startup query), an indicator's values by place, and the summaries a task filter selects. */
import { useCallback, useMemo } from "react";
import { FILTERED_SUMMARIES, PLACE_INDICATOR_VALUES } from "../api/operations.ts";
import { startupQueries } from "../api/startup.ts";
import type { MapPlace, Script, TaskFilterInput } from "../api/types.ts";
import { useQuery } from "../api/use-query.ts";

/** The places the map draws, with their status summaries: the page's startup request answers it (api/startup.ts). */
export function useMapPlaces(script: Script, asOf: string | undefined) {
  const { document, variables } = useMemo(() => startupQueries(script, asOf).mapPlaces, [script, asOf]);
  const query = useQuery(document, variables);
  const places = useMemo(() => query.data?.places ?? [], [query.data]);
  const placeById = useMemo(() => new Map(places.map((p) => [p.id, p])), [places]);
  return { query, places, placeById };
}

/** One indicator's values by place (the indicator measure); nothing while no indicator is shown. */
export function usePlaceIndicatorValues(indicatorId: string | null) {
  return useQuery(PLACE_INDICATOR_VALUES, { indicatorId: indicatorId ?? "" }, !indicatorId);
}

/** With a task filter on, the choropleth counts only the obligations whose task the filter selects. */
export function useFilteredSummaries(asOf: string | undefined, filter: TaskFilterInput, active: boolean) {
  const filtered = useQuery(FILTERED_SUMMARIES, { asOf, filter }, !active);
  const filteredById = useMemo(
    () => (active && filtered.data ? new Map(filtered.data.places.map((p) => [p.id, p.statusSummary])) : null),
    [active, filtered.data],
  );
  return useCallback((p: MapPlace) => filteredById?.get(p.id) ?? p.statusSummary, [filteredById]);
}
