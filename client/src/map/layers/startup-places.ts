/**
 * The places as the app's first render will draw them, computed from the page's startup answer
 * (api/startup.ts: MapPlaces) before React has rendered: map-start.ts puts them on the map as soon
 * as the map has loaded and the answer is in, so the choropleth and the points are drawn while the
 * app is still rendering. The same builders as the app (placeFeatures, labelFeatures, the measure's
 * classes); the geometries are the very objects of the cached answer, so MapView recognises the data
 * as what the map already holds (sameFeatures) and does not hand it to the worker a second time.
 * Pure functions.
 */
import type { ExpressionSpecification } from "maplibre-gl";
import type { FeatureCollection } from "geojson";
import type { MapPlace } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import type { UrlState } from "../../state/url-state.ts";
import { hasTaskFilter } from "../../state/url-state.ts";
import { choroplethColorExpression, classBreaks, measureKind, summaryValue } from "./choropleth.ts";
import { ADMIN_KINDS, labelFeatures, placeFeatures } from "./places.ts";

export interface StartupPlaces {
  places: FeatureCollection;
  labels: FeatureCollection;
  choroplethColor: ExpressionSpecification;
}

/**
 * What the app will draw first for this URL, when that follows from the places alone: a measure
 * read from the places' own status summaries, no task filter (the filtered counts are another
 * query), not the assessment view (its scores are another query). Otherwise null: the app draws
 * the places when it has rendered, as before.
 */
export function startupPlaces(places: MapPlace[], state: UrlState): StartupPlaces | null {
  const kind = measureKind(state.measure);
  if (kind === "indicator" || kind === "score" || state.tab === "assessment" || hasTaskFilter(state) || !places.length)
    return null;
  const label = (p: MapPlace) => pickName(state.lang, p.name, p.nameEn);
  const values = new Map<string, number | null>(places.map((p) => [p.id, summaryValue(kind, p.statusSummary)]));
  const admin = places
    .filter((p) => ADMIN_KINDS.includes(p.kind))
    .map((p) => values.get(p.id))
    .filter((v): v is number => typeof v === "number");
  return {
    places: placeFeatures(places, label, values),
    labels: labelFeatures(places, label),
    choroplethColor: choroplethColorExpression(kind, classBreaks(kind, admin)),
  };
}

/**
 * Whether two feature collections draw the same: as many features, each with the same geometry
 * object, id and property values. The app's features are built anew on each of its renders from
 * the same answer; this tells MapView that a source already holds them.
 */
export function sameFeatures(a: FeatureCollection | undefined, b: FeatureCollection): boolean {
  if (!a || a.features.length !== b.features.length) return false;
  return a.features.every((f, i) => {
    const g = b.features[i];
    if (f.geometry !== g.geometry || f.id !== g.id) return false;
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const q = (g.properties ?? {}) as Record<string, unknown>;
    const keys = Object.keys(p);
    return keys.length === Object.keys(q).length && keys.every((k) => p[k] === q[k]);
  });
}
