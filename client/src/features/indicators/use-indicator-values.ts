/** The indicators tab's own data: every recorded value of every indicator, with its place, and the places a chart can be drawn for. */
import { graphql } from "../../api/gql/index.ts";
import type { IndicatorChartValuesQuery } from "../../api/gql/graphql.ts";
import type { Script } from "../../api/types.ts";
import { useQuery, type QueryState } from "../../api/use-query.ts";

export const INDICATOR_CHART_VALUES = graphql(`
  query IndicatorChartValues($script: Script!) {
    places(filter: { kinds: [CITY, DISTRICT, COUNTY_CITY, COUNTY] }) { id name(script: $script) nameEn kind }
    indicators {
      id
      values { year value source place { id name(script: $script) nameEn kind } }
    }
  }
`);

export type IndicatorChartValues = IndicatorChartValuesQuery;
export type ChartPlace = IndicatorChartValuesQuery["places"][number];
export type RecordedValue = IndicatorChartValuesQuery["indicators"][number]["values"][number];

export function useIndicatorValues(script: Script): QueryState<IndicatorChartValuesQuery> {
  return useQuery(INDICATOR_CHART_VALUES, { script });
}

const KIND_ORDER = ["CITY", "DISTRICT", "COUNTY_CITY", "COUNTY"];

/**
 * The places to choose from: the city, then the county-level areas (districts, the county-level
 * city, counties), then any other place a value has been recorded for, so no recorded value is
 * out of reach.
 */
export function chartPlaces(data: IndicatorChartValuesQuery): ChartPlace[] {
  const out = new Map<string, ChartPlace>();
  const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  for (const p of [...data.places].sort((a, b) => rank(a.kind) - rank(b.kind))) out.set(p.id, p);
  for (const ind of data.indicators) for (const v of ind.values) if (!out.has(v.place.id)) out.set(v.place.id, v.place);
  return [...out.values()];
}
