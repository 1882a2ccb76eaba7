/**
 * Where the map is created: as early as the page allows, and once.
 *
 * main.ts calls startMap() before the app first renders, into the map area the
 * HTML already draws (client/app-shell.tsx): MapLibre loads the style and starts
 * its workers while React renders the app, instead of after. MapView adopts that
 * map when it mounts (takeMap), moving its container element into its own; a
 * MapView mounted without a started map (Vite's HMR, a second mount) gets a new
 * one from the same createMap.
 *
 * The map is created from the offline base style (background only), which is
 * what MapView's first render has too: the basemap is resolved by the app later
 * and switched in with setStyle, as any basemap change is.
 */
import maplibregl, { type GeoJSONSource, type Map as MlMap, type PaddingOptions } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import type { FeatureCollection } from "geojson";
import { cached, prefetched, queryKey } from "../api/query-cache.ts";
import { startupQueries } from "../api/startup.ts";
import type { MapPlacesQuery, ProjectCountQuery } from "../api/gql/graphql.ts";
import { configInPage, DEFAULT_CONFIG } from "../config.ts";
import { scriptFor } from "../i18n/index.ts";
import { asOfDateTime, parseUrlState } from "../state/url-state.ts";
import type { Basemap } from "./layers/basemap.ts";
import { LABELS_SOURCE, LAYER, PLACES_SOURCE } from "./layers/places.ts";
import { projectSourceMode } from "./layers/projects.ts";
import { startupPlaces } from "./layers/startup-places.ts";
import { buildBaseStyle, buildOverlays } from "./style.ts";

/**
 * Taiyuan's extent: the first view, and the fit used until the places arrive. It is the union of the county-level
 * units' boxes as the server gives them (the app's home view, app.tsx homeBbox), so that the home fit made once the
 * overlays are measured lands where the first view already is, and asks for no new tiles.
 */
export const TAIYUAN_BOUNDS: [number, number, number, number] = [111.506791, 37.455198, 113.153283, 38.422061];

/** The vector-tile URL template of the projects: MapLibre wants it absolute. */
export function projectTileUrl(): string {
  return `${window.location.origin}/tiles/projects/{z}/{x}/{y}.mvt`;
}

/** The layout switches to a bottom sheet below this width (styles.css has the same breakpoint). */
export const MOBILE_QUERY = "(max-width: 760px)";

/** CJK fallback for labels; the style has no glyphs URL, so every label is drawn from local fonts. */
export const LOCAL_IDEOGRAPH_FONTS =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

/**
 * The paddings the first view guesses, before the overlays exist to be measured; once they are drawn the app
 * refits to their measured boxes (map/fit.ts, with its 16 px margin), and a refit that moves the map asks for new
 * tiles of every source, which holds back the places. So on a wide screen the guess is where that fit lands on
 * the home view, from styles.css: the map tools 10 px from the left and 34 px wide, MapLibre's zoom buttons 10 px
 * from the right and 29 px wide, and above the cards at the foot (26 px up; the legend, their tallest, 280 px
 * with the plan's measure). On a narrow screen the fit goes above the bottom sheet and the cards over it.
 */
export function fitPaddings(isMobile: boolean, sheetHeight: number, detailOpen: boolean): PaddingOptions[] {
  return isMobile
    ? [{ top: 56, left: 16, right: 16, bottom: Math.round(sheetHeight) + (detailOpen ? 16 : 100) }]
    : [{ top: 16, left: 10 + 34 + 16, right: 10 + 29 + 16, bottom: 26 + 280 + 16 }];
}

/** The padding of the first view, before the map can measure which candidate suits Taiyuan's extent best. */
export function initialPadding(paddings: PaddingOptions[]): PaddingOptions {
  return paddings.length > 1 ? { top: 40, left: 40, right: 40, bottom: 160 } : paddings[0];
}

declare global {
  interface Window {
    /** For tests and probes: the page's map from its creation (MapView's __atlas comes when the app mounts). */
    __atlasMap?: MlMap;
  }
}

/** A created map, or why it could not be (no WebGL), with what has happened to it so far. */
export interface MapStart {
  map: MlMap | null;
  error: string | null;
  /** the map's container: MapView moves it into its own element */
  element: HTMLDivElement;
  /** what the map's style was built with */
  basemap: Basemap | null;
  /** calls back at MapLibre's "load", or at once if it has fired */
  whenLoaded(cb: () => void): void;
  /** calls back at the first frame drawn from a loaded style, or at once if it has been drawn */
  whenFirstFrame(cb: () => void): void;
  /**
   * Resolves when the places are drawn and settled (the "atlas:places-drawn" frame: their fills, outlines, points
   * and labels), or as soon as it is known they will not be drawn from the page's startup answer before the app
   * renders (no startup answer, a URL whose first drawing needs the app, no map).
   */
  placesOnScreen: Promise<void>;
  /** settles placesOnScreen: the places are on screen, or will not be drawn from the startup answer */
  settlePlaces(): void;
  /**
   * The data each of our GeoJSON sources was last given, by source id: MapView's record (it adopts
   * this map), which startMap also writes when it draws the places from the startup answer.
   */
  given: Map<string, FeatureCollection>;
}

export interface MapOptions {
  /** where the map goes: its container element fills this one (the map fits its first bounds to that size) */
  host: Element;
  basemap: Basemap | null;
  padding: PaddingOptions;
  bounds?: [number, number, number, number];
}

/**
 * Creates the map in a new container element, absolutely positioned to fill the host it is put
 * in first, and marks "atlas:map-load" at its "load" (the client benchmark's first map).
 */
export function createMap(options: MapOptions): MapStart {
  const element = document.createElement("div");
  element.style.cssText = "position:absolute;inset:0";
  options.host.appendChild(element);
  const loaded: (() => void)[] = [];
  const firstFrame: (() => void)[] = [];
  let placesShown!: () => void;
  const placesOnScreen = new Promise<void>((resolve) => (placesShown = resolve));
  let hasLoaded = false;
  let hasFirstFrame = false;
  const start: MapStart = {
    map: null,
    error: null,
    element,
    basemap: options.basemap,
    whenLoaded: (cb) => (hasLoaded ? cb() : loaded.push(cb)),
    whenFirstFrame: (cb) => (hasFirstFrame ? cb() : firstFrame.push(cb)),
    placesOnScreen,
    settlePlaces: () => placesShown(),
    given: new Map(),
  };
  let map: MlMap;
  try {
    map = new maplibregl.Map({
      container: element,
      style: buildBaseStyle({ basemap: options.basemap }),
      bounds: options.bounds ?? TAIYUAN_BOUNDS,
      fitBoundsOptions: { padding: options.padding },
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONTS,
      // Labels appear at once instead of fading in over 300 ms: a fade is a run of repaints, each a whole frame
      // for a software renderer, and the map is not idle (the places not settled on screen) until it ends.
      fadeDuration: 0,
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxZoom: 16,
      minZoom: 5,
      cooperativeGestures: false,
    });
  } catch (err) {
    start.error = (err as Error).message;
    start.settlePlaces();
    return start;
  }
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  start.map = map;
  window.__atlasMap = map;
  map.once("load", () => {
    performance.mark("atlas:map-load");
    hasLoaded = true;
    for (const cb of loaded.splice(0)) cb();
  });
  // The first frame drawn from a loaded style: the offline style draws it in the frame that fires "load"; with an
  // online basemap "load" waits for its tiles, the first frame does not.
  let styleLoaded = false;
  map.once("style.load", () => (styleLoaded = true));
  const onRender = () => {
    if (!styleLoaded) return;
    map.off("render", onRender);
    hasFirstFrame = true;
    for (const cb of firstFrame.splice(0)) cb();
  };
  map.on("render", onRender);
  // The places' marks, whoever gave the data (map-start from the startup answer, or MapView from the app's):
  // - "atlas:places-fills": the first frame drawn with the places' source loaded with data (the choropleth, the
  //   outlines and the points on screen);
  // - "atlas:places-drawn": the places drawn and settled, the first frame in which both the places' source (fills,
  //   outlines, points) and their labels' source are loaded and the camera is still. Labels are placed in full in
  //   every frame (fadeDuration 0), so that frame shows them. It does not wait for the projects (not places, and
  //   the app's second request round) nor for the basemap: MapLibre's "idle" would.
  let fillsShown = false;
  const onPlacesFrame = () => {
    const source = map.getSource(PLACES_SOURCE) as GeoJSONSource | undefined;
    const data = source?.serialize().data as FeatureCollection | undefined;
    if (!data?.features?.length || !map.isSourceLoaded(PLACES_SOURCE)) return;
    if (!fillsShown) {
      fillsShown = true;
      performance.mark("atlas:places-fills");
    }
    if (!map.getSource(LABELS_SOURCE) || !map.isSourceLoaded(LABELS_SOURCE) || map.isMoving()) return;
    map.off("render", onPlacesFrame);
    performance.mark("atlas:places-drawn");
    start.settlePlaces();
  };
  map.on("render", onPlacesFrame);
  return start;
}

/**
 * Puts the places on the map from the page's startup answer (MapPlaces), as soon as both the map has
 * loaded and the answer is in: our layers with that data, or, when MapView has added them first
 * while the app had no places yet, the data into its sources. The places are drawn while React still
 * renders the app; when the app's own data comes, MapView finds the sources hold the same features
 * (sameFeatures) and leaves them. Only for a URL whose first drawing follows from the places alone
 * (layers/startup-places.ts), and never over places the app has given already.
 *
 * The projects' source is chosen as the app chooses it (useProjects): vector tiles when the startup answer's
 * project count is over the page's threshold, GeoJSON otherwise. MapView restyles only when that choice changes
 * after it has mounted, so overlays built here with another source would stay without projects.
 */
function drawStartupPlaces(start: MapStart): void {
  const map = start.map;
  if (!map) return start.settlePlaces();
  const state = parseUrlState(window.location.search);
  const queries = startupQueries(scriptFor(state.lang), asOfDateTime(state.asOf));
  const op = queries.mapPlaces;
  const key = queryKey(op.query, op.variables);
  const answer = cached<MapPlacesQuery>(key) ?? prefetched<MapPlacesQuery>(key);
  if (!answer) return start.settlePlaces();
  const countOp = queries.projectCount;
  const countKey = queryKey(countOp.query, countOp.variables);
  // without a project count (none asked, or it failed) the app draws GeoJSON projects until it has one, as here
  const count = Promise.resolve(cached<ProjectCountQuery>(countKey) ?? prefetched<ProjectCountQuery>(countKey)).catch(
    () => undefined,
  );
  void Promise.all([answer, count]).then(
    ([data, countData]) => {
      const first = data?.places ? startupPlaces(data.places, state) : null;
      if (!first) return start.settlePlaces();
      const threshold = (configInPage() ?? DEFAULT_CONFIG).projectTileThreshold;
      const projectMode = projectSourceMode(countData?.projects.totalCount, threshold);
      start.whenLoaded(() => {
        const places = map.getSource(PLACES_SOURCE) as GeoJSONSource | undefined;
        const labels = map.getSource(LABELS_SOURCE) as GeoJSONSource | undefined;
        if (!places) {
          const overlays = buildOverlays({
            basemap: start.basemap,
            places: first.places,
            labels: first.labels,
            choroplethColor: first.choroplethColor,
            projectMode,
            projectTileUrl: projectTileUrl(),
            projectCategories: state.pcats,
          });
          for (const [id, source] of Object.entries(overlays.sources)) map.addSource(id, source);
          for (const layer of overlays.layers) map.addLayer(layer);
        } else if (
          places.type === "geojson" &&
          labels?.type === "geojson" &&
          !start.given.get(PLACES_SOURCE)?.features.length
        ) {
          // the labels first, as buildOverlays orders the sources
          labels.setData(first.labels);
          places.setData(first.places);
          map.setPaintProperty(LAYER.adminFill, "fill-color", first.choroplethColor);
        } else {
          return start.settlePlaces();
        }
        start.given.set(PLACES_SOURCE, first.places);
        start.given.set(LABELS_SOURCE, first.labels);
        performance.mark("atlas:startup-places-given");
      });
    },
    () => start.settlePlaces(),
  );
}

let started: MapStart | null = null;

/** The app mounts once the places are drawn from the startup answer, and this long after navigation (ms) at the latest. */
export const APP_AT_THE_LATEST_MS = 1500;

/**
 * Resolves when the app may mount (main.ts): once the places from the page's startup answer are drawn and
 * settled (MapStart.placesOnScreen), at once when they will not be (no startup answer, a URL whose first drawing
 * needs the app, no WebGL, no map started), and APP_AT_THE_LATEST_MS after navigation at the latest. Until then
 * the HTML's frame (client/app-shell.ts) shows the header and the panes, and the main thread is the map's: the
 * app's first render took it while the first frames with the places waited (BENCHMARKS.md, Client).
 */
export function appMayMount(start: MapStart | null): Promise<void> {
  if (!start) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, APP_AT_THE_LATEST_MS - performance.now()));
    void start.placesOnScreen.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Creates the page's map now, into `host` (the map area of the HTML's frame), for MapView to
 * adopt. Does nothing without a host, or when a map has been started already.
 */
export function startMap(host: Element | null): MapStart | null {
  if (!host || started) return null;
  // the HTML's frame draws the sidebar already: on a narrow screen, the bottom sheet's height is known
  const sheet = document.querySelector(".sidebar")?.getBoundingClientRect().height ?? 0;
  const paddings = fitPaddings(window.matchMedia(MOBILE_QUERY).matches, sheet, detailInUrl(window.location.search));
  started = createMap({ host, basemap: null, padding: initialPadding(paddings) });
  drawStartupPlaces(started);
  return started;
}

/**
 * The started map, handed over once and moved into `options.host` (the same size as where it
 * started: the HTML's frame and the app draw the map area in the same box); after that, or
 * without one, a new map there.
 */
export function takeMap(options: MapOptions): MapStart {
  const start = started;
  started = null;
  if (!start) return createMap(options);
  options.host.appendChild(start.element);
  return start;
}

/** Whether the URL opens a detail panel (task, place or project): on a narrow screen it leaves less of the map. */
function detailInUrl(search: string): boolean {
  const q = new URLSearchParams(search);
  return Boolean(q.get("task") || q.get("place") || q.get("project"));
}
