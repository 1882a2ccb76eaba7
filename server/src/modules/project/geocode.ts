/**
 * Geocoding of project place names against the gazetteer: pure, no database.
 * A name matches the place whose alias (in either script) is the longest one it
 * contains, so 清徐开发区物流园 finds the Qingxu development zone, not Qingxu county.
 */
import { GeoPrecision, PlaceKind } from "../../core/enums.ts";
import { toSimplified, toTraditional } from "../../core/script.ts";

/** What geocoding needs to know of a place. */
export interface GeocodePlace {
  id: string;
  kind: PlaceKind;
  precision: GeoPrecision;
  nameHans: string;
  nameHant: string;
  aliases: string[];
}

export interface GeocodeMatch {
  place: GeocodePlace;
  /** the alias that matched, as the gazetteer spells it */
  alias: string;
}

/**
 * One spelling of a place a name is matched against: an alias (or either name) as the gazetteer
 * writes it, and it converted to each script. A place's forms are in the order createGeocoder
 * tries them among equals (its aliases, then its simplified and traditional names, each once).
 * The database keeps them too (place_alias_form, filled by syncPlaceAliasForms), for the SQL
 * executor's geocoding (project.repository.ts geocodeMatchSql), which cannot call OpenCC.
 */
export interface AliasForm {
  alias: string;
  hans: string;
  hant: string;
}

/** The forms of one place, in order (see AliasForm). */
export function aliasForms(place: Pick<GeocodePlace, "aliases" | "nameHans" | "nameHant">): AliasForm[] {
  const forms: AliasForm[] = [];
  for (const alias of new Set([...place.aliases, place.nameHans, place.nameHant]))
    if (alias) forms.push({ alias, hans: toSimplified(alias), hant: toTraditional(alias) });
  return forms;
}

interface Form extends AliasForm {
  place: GeocodePlace;
  index: number;
}

/**
 * The order of the forms: a longer alias wins (its simplified form's length, in UTF-16 code units);
 * between equally long ones the more specific place (a zone before its county, a county before the
 * city); then the place's order (place.ordinal) and the form's own. geocodeMatchSql orders alike.
 */
export const SPECIFICITY: Record<PlaceKind, number> = {
  CITY: 0,
  EXTERNAL: 0,
  DISTRICT: 1,
  COUNTY: 1,
  COUNTY_CITY: 1,
  NEW_DISTRICT: 2,
  SCENIC_AREA: 2,
  DEVELOPMENT_ZONE: 3,
  BONDED_ZONE: 3,
  HERITAGE_SITE: 3,
  WATER_SOURCE: 3,
  OTHER: 3,
};

/** A geocoder over a fixed list of places (aliases converted once). */
export function createGeocoder(places: GeocodePlace[]): (name: string) => GeocodeMatch | null {
  const forms: Form[] = [];
  places.forEach((place, index) => {
    for (const form of aliasForms(place)) forms.push({ ...form, place, index });
  });
  forms.sort(
    (a, b) =>
      b.hans.length - a.hans.length || SPECIFICITY[b.place.kind] - SPECIFICITY[a.place.kind] || a.index - b.index,
  );
  const byId = new Map(places.map((p) => [p.id, p]));
  return (name) => {
    const text = name.trim();
    if (!text) return null;
    const exact = byId.get(text.toLowerCase());
    if (exact) return { place: exact, alias: exact.id };
    const hans = toSimplified(text);
    const form = forms.find((f) => text.includes(f.alias) || hans.includes(f.hans) || text.includes(f.hant));
    if (!form) return null;
    // report the alias in the script the name was written in (清徐開發區, not 清徐开发区)
    const literal = forms.find((f) => f.place === form.place && f.hans === form.hans && text.includes(f.alias));
    return { place: form.place, alias: (literal ?? form).alias };
  };
}

/** Geocodes one name (see createGeocoder for many). */
export function geocode(name: string, places: GeocodePlace[]): GeocodeMatch | null {
  return createGeocoder(places)(name);
}

const COARSENESS: GeoPrecision[] = [
  GeoPrecision.EXACT,
  GeoPrecision.NEAR,
  GeoPrecision.APPROXIMATE,
  GeoPrecision.ADM3,
  GeoPrecision.ADM2,
];

/**
 * How precisely a project placed at a gazetteer place is known. A surveyed
 * county boundary says only that the project is somewhere in the county (ADM3),
 * the city's that it is somewhere in the city (ADM2); an exact point of a site
 * is at best NEAR the project, never EXACT.
 */
export function precisionAt(place: Pick<GeocodePlace, "kind" | "precision">): GeoPrecision {
  switch (place.kind) {
    case PlaceKind.CITY:
    case PlaceKind.EXTERNAL:
      return GeoPrecision.ADM2;
    case PlaceKind.DISTRICT:
    case PlaceKind.COUNTY:
    case PlaceKind.COUNTY_CITY:
      return GeoPrecision.ADM3;
    default:
      return place.precision === GeoPrecision.EXACT ? GeoPrecision.NEAR : place.precision;
  }
}

/** The coarsest of several precisions (a project spread over places is known no better than its vaguest place). */
export function coarsest(precisions: GeoPrecision[]): GeoPrecision {
  return precisions.reduce((a, b) => (COARSENESS.indexOf(b) > COARSENESS.indexOf(a) ? b : a), GeoPrecision.EXACT);
}
