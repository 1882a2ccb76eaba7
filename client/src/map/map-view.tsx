/**
 * Owns the maplibregl.Map: adopts it from map-start.ts (which creates it before
 * the app has rendered), keeps its sources and paint in step with props,
 * reports hover/click, and runs the drawing tools.
 *
 * The map is created from the base style alone (background and basemap), so
 * it loads and draws its first frame without waiting for the GeoJSON worker;
 * our data layers (places, projects, labels, the drawn filter) are added on
 * top once it has loaded, and after every style switch on "style.load", with
 * whatever data has arrived by then; later data goes in with setData.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import maplibregl, { type ExpressionSpecification, type MapGeoJSONFeature, type Map as MlMap } from "maplibre-gl";
import type { FeatureCollection } from "geojson";
import type { Basemap } from "./layers/basemap.ts";
import { DRAW_SOURCE, drawFeatures, rectangleFromCorners, ringOf, type LngLat } from "./layers/draw.ts";
import { INTERACTIVE_LAYERS, LABELS_SOURCE, LAYER, PLACES_SOURCE } from "./layers/places.ts";
import {
  closeRing,
  dimPaint,
  drawKey,
  fitBoundsFor,
  highlightFilters,
  hoverLineFilter,
  pickFeature,
  pickOrder,
  polygonClick,
  rectangleDrag,
} from "./interactions.ts";
import {
  PROJECT_INTERACTIVE_LAYERS,
  PROJECT_LAYER,
  PROJECT_POINTS_SOURCE,
  PROJECT_SHAPES_SOURCE,
  PROJECT_TILES_SOURCE,
  projectTileTemplate,
  selectedProjectFilter,
  tileClusterExpansionZoom,
  type ProjectSourceMode,
} from "./layers/projects.ts";
import type { ProjectCategory } from "../api/types.ts";
import { buildBaseStyle, buildOverlays } from "./style.ts";
import { initialPadding, projectTileUrl, takeMap } from "./map-start.ts";
import { sameFeatures } from "./layers/startup-places.ts";

export type DrawMode = "rectangle" | "polygon" | null;

export interface HoverInfo {
  kind: "place" | "project";
  id: string;
  x: number;
  y: number;
}

export interface FitRequest {
  bbox: [number, number, number, number];
  /** change to refit to the same bbox */
  key: string;
  /** false: jump (a refit nobody asked for, as the overlays settle); otherwise animated unless motion is reduced */
  animate?: boolean;
}

export interface MapViewProps {
  label: string;
  basemap: Basemap | null;
  places: FeatureCollection;
  labels: FeatureCollection;
  choroplethColor: ExpressionSpecification | string;
  /** strong highlight: the selected task's places, a hovered list row */
  focusIds: string[];
  /** the places of the filtered tasks; null when no filter is active */
  matchIds: string[] | null;
  selectedId: string | null;
  /** the applied drawn filter, an open ring */
  within: LngLat[] | null;
  fit: FitRequest | null;
  /** candidate paddings (overlays sit in different corners); the fit uses whichever shows the bounds largest */
  fitPadding: maplibregl.PaddingOptions[];
  drawMode: DrawMode;
  initialBounds: [number, number, number, number];
  projectMode: ProjectSourceMode;
  projectPoints: FeatureCollection;
  projectShapes: FeatureCollection;
  projectCategories: readonly ProjectCategory[];
  selectedProjectId: string | null;
  onHover: (h: HoverInfo | null) => void;
  onSelect: (id: string) => void;
  onSelectProject: (id: string) => void;
  onDrawComplete: (ring: LngLat[]) => void;
  onDrawCancel: () => void;
  onBasemapError: () => void;
  onError: (message: string) => void;
  /**
   * once, when the map has drawn its first frame and the places are on screen, or will not be drawn from the page's
   * startup answer (MapStart.placesOnScreen)
   */
  onPlacesShown?: () => void;
  /** when a person moves the map (drag, wheel, keys, pinch), not a fit */
  onUserMove?: () => void;
}

declare global {
  interface Window {
    /** For tests and the curious: the live map and whether it has settled once. */
    __atlas?: { map: MlMap; idle: boolean; loaded: boolean };
  }
}

/** What the map is created or restyled with: the background and the basemap, none of our data layers. */
function baseStyleOf(p: MapViewProps) {
  return buildBaseStyle({ basemap: p.basemap });
}

/** The GeoJSON data a source holds, per source id: what was last handed to MapLibre. */
type GivenData = Map<string, FeatureCollection>;

/**
 * Adds our sources and layers (with the current data) above a loaded base
 * style, unless they are there already; records the data each source was given.
 */
function addOverlays(map: MlMap, p: MapViewProps, given: GivenData): void {
  if (map.getSource(PLACES_SOURCE)) return;
  const overlays = buildOverlays({
    basemap: p.basemap,
    places: p.places,
    labels: p.labels,
    choroplethColor: p.choroplethColor,
    projectMode: p.projectMode,
    projectPoints: p.projectPoints,
    projectShapes: p.projectShapes,
    projectTileUrl: projectTileUrl(),
    projectCategories: p.projectCategories,
  });
  for (const [id, source] of Object.entries(overlays.sources)) map.addSource(id, source);
  for (const layer of overlays.layers) map.addLayer(layer);
  given.clear();
  given.set(PLACES_SOURCE, p.places);
  given.set(LABELS_SOURCE, p.labels);
  if (p.projectMode === "geojson") {
    given.set(PROJECT_POINTS_SOURCE, p.projectPoints);
    given.set(PROJECT_SHAPES_SOURCE, p.projectShapes);
  }
}

/** setData on a GeoJSON source of ours, unless it is missing (style switching, tiles mode) or already holds exactly this data. */
function giveData(map: MlMap, given: GivenData, id: string, data: FeatureCollection): void {
  const source = map.getSource(id) as maplibregl.GeoJSONSource | undefined;
  if (!source || source.type !== "geojson" || given.get(id) === data) return;
  // the same features built anew (or drawn from the startup answer by map-start.ts): nothing for the worker to redo
  if (sameFeatures(given.get(id), data)) {
    given.set(id, data);
    return;
  }
  source.setData(data);
  given.set(id, data);
}

function reducedMotion(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [styleVersion, setStyleVersion] = useState(0);
  const hoveredRef = useRef<{ source: string; id: string } | null>(null);
  const basemapErrors = useRef(0);
  const givenRef = useRef<GivenData>(new Map());
  const [firstFrame, setFirstFrame] = useState(false);
  /** the basemap the map's style was created with */
  const builtWith = useRef<Basemap | null>(null);

  // Adopt the map (created before the app rendered, or now), in the commit that mounts its container.
  useLayoutEffect(() => {
    if (!container.current) return;
    const p = propsRef.current;
    const start = takeMap({
      host: container.current,
      basemap: p.basemap,
      padding: initialPadding(p.fitPadding),
      bounds: p.initialBounds,
    });
    const map = start.map;
    if (!map) {
      start.element.remove();
      p.onError(start.error ?? "the map could not be created");
      return;
    }
    builtWith.current = start.basemap;
    mapRef.current = map;
    // one record of what our sources hold, shared with map-start.ts, which may give the places from the startup answer
    givenRef.current = start.given;
    const state = { map, idle: false, loaded: false };
    window.__atlas = state;
    // the first frame is drawn: now our layers, with the data that has arrived so far
    start.whenLoaded(() => {
      if (mapRef.current !== map) return;
      addOverlays(map, propsRef.current, givenRef.current);
      state.loaded = true;
      setStyleVersion((v) => v + 1);
    });
    start.whenFirstFrame(() => {
      if (mapRef.current !== map) return;
      setFirstFrame(true);
      void start.placesOnScreen.then(() => {
        if (mapRef.current === map) propsRef.current.onPlacesShown?.();
      });
    });
    // A style switch (basemap, project source) replaces everything: put our layers back on the new base style.
    // Before the first load, the load callback above adds them.
    map.on("style.load", () => {
      if (!state.loaded) return;
      addOverlays(map, propsRef.current, givenRef.current);
      setStyleVersion((v) => v + 1);
    });
    // only a person's moves carry the DOM event that caused them
    map.on("movestart", (e: { originalEvent?: Event }) => {
      if (e.originalEvent) propsRef.current.onUserMove?.();
    });
    // "atlas:places-drawn" (the places and their labels on screen) is marked by map-start.ts's createMap
    map.on("idle", () => {
      state.idle = true;
    });
    map.on("error", (e: { error?: Error; sourceId?: string }) => {
      if (e.sourceId?.startsWith("bm-")) {
        basemapErrors.current++;
        if (basemapErrors.current === 3) propsRef.current.onBasemapError();
        return;
      }
      console.warn("map:", e.error?.message ?? e);
    });
    // no ResizeObserver of ours: MapLibre tracks its container's size (trackResize), and the container fills ours
    return () => {
      map.remove();
      start.element.remove();
      mapRef.current = null;
      if (window.__atlas === state) delete window.__atlas;
    };
  }, []);

  // The zoom buttons and the scale bar join the map after its first frame, with the panels: the scale bar measures
  // the container as it is added, which costs a layout of the whole page.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !firstFrame) return;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
  }, [firstFrame]);

  // Basemap or project-source switch: a new base style; our layers go back on at "style.load" with the current
  // data, and dynamic props are re-applied after.
  const firstBasemap = useRef(true);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    // the map was created with a base style: the first run restyles only if the basemap has changed since
    if (firstBasemap.current) {
      firstBasemap.current = false;
      if (props.basemap === builtWith.current) return;
    }
    basemapErrors.current = 0;
    givenRef.current.clear();
    map.setStyle(baseStyleOf(propsRef.current), { diff: false });
  }, [props.basemap, props.projectMode]);

  // Tile mode: the server filters categories (before clustering), so a category change is a new tile URL.
  const tileCategories = props.projectCategories.join(",");
  useEffect(() => {
    const map = mapRef.current;
    const source = map?.getSource(PROJECT_TILES_SOURCE) as maplibregl.VectorTileSource | undefined;
    if (!source || source.type !== "vector") return;
    const url = projectTileTemplate(projectTileUrl(), propsRef.current.projectCategories);
    if (source.tiles?.[0] !== url) source.setTiles([url]);
  }, [tileCategories, styleVersion]);

  const ready = styleVersion > 0;

  // Data, handed over in the same commit that shows it elsewhere (the loading notice goes with it).
  useLayoutEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    // the labels first, as buildOverlays orders the sources
    giveData(map, givenRef.current, LABELS_SOURCE, props.labels);
    giveData(map, givenRef.current, PLACES_SOURCE, props.places);
  }, [props.places, props.labels, ready, styleVersion]);

  useLayoutEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    giveData(map, givenRef.current, PROJECT_POINTS_SOURCE, props.projectPoints);
    giveData(map, givenRef.current, PROJECT_SHAPES_SOURCE, props.projectShapes);
  }, [props.projectPoints, props.projectShapes, ready, styleVersion]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !map.getLayer(PROJECT_LAYER.selected)) return;
    map.setFilter(PROJECT_LAYER.selected, selectedProjectFilter(props.selectedProjectId));
  }, [props.selectedProjectId, ready, styleVersion]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !map.getLayer(LAYER.adminFill)) return;
    map.setPaintProperty(LAYER.adminFill, "fill-color", props.choroplethColor);
  }, [props.choroplethColor, ready, styleVersion]);

  // Highlights.
  const focusKey = props.focusIds.join(",");
  const matchKey = props.matchIds ? props.matchIds.join(",") : "-";
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !map.getLayer(LAYER.focusFill)) return;
    for (const [layer, filter] of Object.entries(highlightFilters(props.focusIds, props.selectedId, props.matchIds)))
      map.setFilter(layer, filter);
    for (const { layer, property, value } of dimPaint(props.matchIds)) map.setPaintProperty(layer, property, value);
  }, [focusKey, matchKey, props.selectedId, ready, styleVersion]);

  // Fit.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !props.fit) return;
    const { bounds, padding: best } = fitBoundsFor(
      props.fit.bbox,
      props.fitPadding,
      (b, padding) => map.cameraForBounds(b, { padding })?.zoom,
    );
    map.fitBounds(bounds, {
      padding: best,
      maxZoom: 12.5,
      animate: props.fit.animate !== false && !reducedMotion(),
      duration: 700,
    });
  }, [props.fit?.key]);

  // Hover and click: projects above places; a click on a cluster zooms in until it splits.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const setHover = (next: { source: string; id: string } | null) => {
      const prev = hoveredRef.current;
      if (prev?.source === next?.source && prev?.id === next?.id) return;
      if (prev) map.setFeatureState(prev, { hover: false });
      hoveredRef.current = next;
      if (next) map.setFeatureState(next, { hover: true });
      if (prev?.source === PLACES_SOURCE || next?.source === PLACES_SOURCE) {
        map.setFilter(LAYER.hoverLine, hoverLineFilter(next?.source === PLACES_SOURCE ? next.id : null));
      }
    };
    // a place's own point wins over a project geocoded onto it (the place panel lists its projects);
    // otherwise projects, being smaller and on top, come before the places' areas
    const placePoints = [LAYER.pointSurveyed, LAYER.pointLow] as string[];
    const order = pickOrder(placePoints, PROJECT_INTERACTIVE_LAYERS, INTERACTIVE_LAYERS);
    const layers = () => order.filter((l) => map.getLayer(l));
    const box = (pt: maplibregl.Point): [maplibregl.PointLike, maplibregl.PointLike] => [
      [pt.x - 4, pt.y - 4],
      [pt.x + 4, pt.y + 4],
    ];
    const pick = (pt: maplibregl.Point): MapGeoJSONFeature | undefined => {
      return pickFeature(map.queryRenderedFeatures(box(pt), { layers: layers() }), order);
    };
    const cluster = (pt: maplibregl.Point): MapGeoJSONFeature | undefined =>
      map.getLayer(PROJECT_LAYER.cluster)
        ? map.queryRenderedFeatures(box(pt), { layers: [PROJECT_LAYER.cluster] })[0]
        : undefined;
    const isProject = (f: MapGeoJSONFeature) => PROJECT_INTERACTIVE_LAYERS.includes(f.layer.id);
    const onMove = (e: maplibregl.MapMouseEvent) => {
      if (propsRef.current.drawMode) return;
      if (cluster(e.point)) {
        setHover(null);
        map.getCanvas().style.cursor = "zoom-in";
        propsRef.current.onHover(null);
        return;
      }
      const f = pick(e.point);
      const id = f ? String(f.properties.id) : null;
      // hover state needs feature ids: the places and the project shapes have them (promoteId), clustered points do not
      const hoverable = f && (f.source === PLACES_SOURCE || f.source === PROJECT_SHAPES_SOURCE);
      setHover(f && id && hoverable ? { source: f.source, id } : null);
      map.getCanvas().style.cursor = id ? "pointer" : "";
      propsRef.current.onHover(
        f && id ? { kind: isProject(f) ? "project" : "place", id, x: e.point.x, y: e.point.y } : null,
      );
    };
    const onLeave = () => {
      setHover(null);
      propsRef.current.onHover(null);
    };
    const onClick = (e: maplibregl.MapMouseEvent) => {
      if (propsRef.current.drawMode) return;
      const c = cluster(e.point);
      if (c) {
        const center = (c.geometry as GeoJSON.Point).coordinates as [number, number];
        const zoomTo = (zoom: number) =>
          map.easeTo({
            center,
            zoom: Math.min(zoom + 0.01, map.getMaxZoom()),
            animate: !reducedMotion(),
            duration: 500,
          });
        const src = map.getSource(c.source);
        if (src instanceof maplibregl.GeoJSONSource)
          src.getClusterExpansionZoom(Number(c.properties.cluster_id)).then(zoomTo, () => undefined);
        else zoomTo(tileClusterExpansionZoom(map.getZoom())); // the server's clusters: a grid that splits as the cells shrink
        return;
      }
      const f = pick(e.point);
      if (!f) return;
      if (isProject(f)) propsRef.current.onSelectProject(String(f.properties.id));
      else propsRef.current.onSelect(String(f.properties.id));
    };
    map.on("mousemove", onMove);
    map.on("mouseout", onLeave);
    map.on("click", onClick);
    return () => {
      map.off("mousemove", onMove);
      map.off("mouseout", onLeave);
      map.off("click", onClick);
      hoveredRef.current = null;
    };
  }, [ready, styleVersion]);

  // The applied drawn filter, when not drawing.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || props.drawMode) return;
    const src = map.getSource(DRAW_SOURCE) as maplibregl.GeoJSONSource | undefined;
    src?.setData(drawFeatures(props.within ?? [], true));
  }, [props.within, props.drawMode, ready, styleVersion]);

  // Drawing.
  useEffect(() => {
    const map = mapRef.current;
    const mode = props.drawMode;
    if (!map || !ready || !mode) return;
    const src = () => map.getSource(DRAW_SOURCE) as maplibregl.GeoJSONSource | undefined;
    const canvas = map.getCanvas();
    canvas.style.cursor = "crosshair";
    const ll = (e: maplibregl.MapMouseEvent): LngLat => [e.lngLat.lng, e.lngLat.lat];
    let ring: LngLat[] = [];
    let start: LngLat | null = null;
    const wasDragPan = map.dragPan.isEnabled();
    const wasDblZoom = map.doubleClickZoom.isEnabled();
    const finish = (r: LngLat[]) => {
      src()?.setData(drawFeatures([], true));
      propsRef.current.onDrawComplete(r);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        src()?.setData(drawFeatures([], true));
        propsRef.current.onDrawCancel();
      } else {
        const next = drawKey(e.key, mode, ring);
        if (next && "done" in next) finish(next.done);
      }
    };
    window.addEventListener("keydown", onKey);

    if (mode === "rectangle") {
      map.dragPan.disable();
      const down = (e: maplibregl.MapMouseEvent) => {
        e.preventDefault();
        start = ll(e);
      };
      const move = (e: maplibregl.MapMouseEvent) => {
        if (!start) return;
        src()?.setData(drawFeatures(ringOf(rectangleFromCorners(start, ll(e))), false));
      };
      const up = (e: maplibregl.MapMouseEvent) => {
        if (!start) return;
        const a = start;
        start = null;
        const pa = map.project(a);
        const done = rectangleDrag(a, ll(e), pa.x - e.point.x, pa.y - e.point.y);
        if (done) finish(done); // else a click, not a box
      };
      map.on("mousedown", down);
      map.on("mousemove", move);
      map.on("mouseup", up);
      return () => {
        map.off("mousedown", down);
        map.off("mousemove", move);
        map.off("mouseup", up);
        window.removeEventListener("keydown", onKey);
        if (wasDragPan) map.dragPan.enable();
        canvas.style.cursor = "";
      };
    }

    map.doubleClickZoom.disable();
    const click = (e: maplibregl.MapMouseEvent) => {
      const first = ring.length ? map.project(ring[0]) : null;
      const next = polygonClick(ring, ll(e), first ? Math.hypot(first.x - e.point.x, first.y - e.point.y) : null);
      if (next.done) {
        finish(next.done);
        return;
      }
      ring = next.ring;
      src()?.setData(drawFeatures(ring, false));
    };
    const move = (e: maplibregl.MapMouseEvent) => {
      if (ring.length) src()?.setData(drawFeatures(ring, false, ll(e)));
    };
    const dbl = (e: maplibregl.MapMouseEvent) => {
      e.preventDefault();
      const done = closeRing(ring);
      if (done) finish(done);
    };
    map.on("click", click);
    map.on("mousemove", move);
    map.on("dblclick", dbl);
    return () => {
      map.off("click", click);
      map.off("mousemove", move);
      map.off("dblclick", dbl);
      window.removeEventListener("keydown", onKey);
      if (wasDblZoom) setTimeout(() => map.doubleClickZoom.enable(), 0);
      canvas.style.cursor = "";
    };
  }, [props.drawMode, ready, styleVersion]);

  return <div ref={container} className="map-canvas" role="region" aria-label={props.label} />;
}
