/** The atlas: header, sidebar (browse, indicators, list, or a place/task panel) and the map. */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { StyleSpecification } from "maplibre-gl";
import { clearQueryCache } from "./api/query-cache.ts";
import type { MapPlace, MapProject } from "./api/types.ts";
import { AuthSlot } from "./features/auth/auth-slot.tsx";
import { useSession } from "./features/auth/use-session.ts";
import { Console, sectionsFor } from "./features/console/console.tsx";
import { ProjectPanel } from "./features/project/project-panel.tsx";
import { ProjectsPanel } from "./features/project/projects-panel.tsx";
import {
  canReport,
  canUploadObligations,
  hasReviewQueue,
  seesPlannerMeasures,
} from "./features/reporting/permissions.ts";
import { LiveNotice } from "./features/live/live-notice.tsx";
import { useReportEvents, type LiveReportEvent } from "./features/live/use-report-events.ts";
import { geometryBbox, projectFeatures, projectGroup } from "./map/layers/projects.ts";
import { configInPage, DEFAULT_CONFIG, loadConfig, type AtlasConfig } from "./config.ts";
import { BrowsePanel, sectionOptions } from "./features/browse/browse-panel.tsx";
import { Header } from "./features/header/header.tsx";
import { ListView } from "./features/list/list-view.tsx";
import { PlacePanel } from "./features/place/place-panel.tsx";
import { TaskPanel } from "./features/task/task-panel.tsx";
import { useAssessment } from "./features/assessment/use-assessment.ts";
import { useLookups, useTaskFilter, useTasks } from "./features/browse/use-tasks.ts";
import { useIndicators } from "./features/indicators/use-indicators.ts";
import { usePlaceDetail } from "./features/place/use-place-detail.ts";
import { useProjectDetail, useProjects } from "./features/project/use-projects.ts";
import { useTaskDetail } from "./features/task/use-task-detail.ts";
import { useFilteredSummaries, useMapPlaces, usePlaceIndicatorValues } from "./map/use-map-data.ts";
import { LeaderLanding } from "./features/obligations/leader-landing.tsx";
import { TimeSlider } from "./features/time/time-slider.tsx";
import { pickName, scriptFor, translator, type MessageKey } from "./i18n/index.ts";
import { LanguageProvider, useLoadedLanguage } from "./i18n/context.tsx";
import type { Basemap } from "./map/layers/basemap.ts";
import {
  choroplethColorExpression,
  classBreaks,
  indicatorIdOf,
  latestValue,
  legendClasses,
  measureKind,
  summaryValue,
  formatMeasureValue,
} from "./map/layers/choropleth.ts";
import type { LngLat } from "./map/layers/draw.ts";
import { ADMIN_KINDS, LOW_PRECISION, labelFeatures, placeFeatures, placeGroup } from "./map/layers/places.ts";
import { MapView, type DrawMode, type FitRequest, type HoverInfo } from "./map/map-view.tsx";
import { MOBILE_QUERY, TAIYUAN_BOUNDS } from "./map/map-start.ts";
import { fitPaddings } from "./map/fit.ts";
import { focusPlaceIds, taskFitBbox, unionBbox } from "./map/interactions.ts";
import { useOverlayBoxes } from "./map/use-overlay-boxes.ts";
import { Legend } from "./map/legend.tsx";
import { citywideItems } from "./map/layers/citywide.ts";
import { useUrlState } from "./state/use-url-state.ts";
import { asOfDateTime, hasTaskFilter, type BasemapId, type MeasureId, type Tab } from "./state/url-state.ts";
import { ErrorNotice, Notice } from "./ui/common.tsx";
import { Deferred, lazyExport } from "./ui/lazy.tsx";

/** The panels mount when the places are on screen, and this long after navigation (ms) at the latest. */
const PANELS_AT_THE_LATEST_MS = 1500;

// loaded when first shown (ui/lazy.tsx): signed-in work and the charts
const ReportForm = lazyExport(() => import("./features/reporting/report-form.tsx"), "ReportForm");
const ReviewQueue = lazyExport(() => import("./features/reporting/review-queue.tsx"), "ReviewQueue");
const ObligationsUpload = lazyExport(() => import("./features/reporting/obligations-upload.tsx"), "ObligationsUpload");
const AssessmentView = lazyExport(() => import("./features/assessment/assessment-view.tsx"), "AssessmentView");
const IndicatorsPanel = lazyExport(() => import("./features/indicators/indicators-panel.tsx"), "IndicatorsPanel");

function useMediaQuery(q: string): boolean {
  const [m, setM] = useState(() => window.matchMedia(q).matches);
  useEffect(() => {
    const mq = window.matchMedia(q);
    const on = () => setM(mq.matches);
    mq.addEventListener("change", on);
    return () => mq.removeEventListener("change", on);
  }, [q]);
  return m;
}

/** Resolve a basemap id to what the style needs, fetching a vector style's JSON; null = offline. */
function useBasemap(id: BasemapId, config: AtlasConfig, onUnreachable: () => void): Basemap | null {
  const [bm, setBm] = useState<Basemap | null>(null);
  const cb = useRef(onUnreachable);
  cb.current = onUnreachable;
  useEffect(() => {
    const entry = id === "none" ? undefined : config.basemaps[id];
    if (!entry) {
      setBm(null);
      return;
    }
    if (entry.kind === "raster") {
      setBm({ kind: "raster", tiles: [entry.url], attribution: entry.attribution });
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 8000);
    fetch(entry.url, { signal: ctrl.signal })
      .then((r) => (r.ok ? (r.json() as Promise<StyleSpecification>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((style) => setBm({ kind: "vector", style, attribution: entry.attribution }))
      .catch(() => {
        setBm(null);
        cb.current();
      })
      .finally(() => clearTimeout(timer));
    return () => ctrl.abort();
  }, [id, config]);
  return bm;
}

export function App() {
  const [state, update] = useUrlState();
  const lang = useLoadedLanguage(state.lang);
  const t = useMemo(() => translator(lang), [lang]);
  const script = scriptFor(lang);
  const asOf = asOfDateTime(state.asOf);
  const isMobile = useMediaQuery(MOBILE_QUERY);

  // the server writes its settings into the page; only a page served elsewhere (Vite's dev server) fetches them
  const [config, setConfig] = useState<AtlasConfig>(() => configInPage() ?? DEFAULT_CONFIG);
  useEffect(() => {
    // the usual answer is what the state holds already: keep the same object, no render
    loadConfig().then((next) => setConfig((prev) => (JSON.stringify(next) === JSON.stringify(prev) ? prev : next)));
  }, []);
  const [basemapNotice, setBasemapNotice] = useState(false);
  const basemapId: BasemapId = basemapNotice ? "none" : (state.basemap ?? config.basemap);
  const basemap = useBasemap(basemapId, config, () => setBasemapNotice(true));

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t("app.title");
  }, [lang, t]);

  const session = useSession(script);
  const { user } = session;

  // ---------------------------------------------------------------- data (each feature's own hooks)
  // the startup queries (places, lookups, indicators, project count) are those the HTML asked for while it was parsed
  const { query: mapPlaces, places, placeById } = useMapPlaces(script, asOf);
  const lookups = useLookups(script);
  const indicators = useIndicators(script);
  const indicatorId = indicatorIdOf(state.measure);
  const indicatorValues = usePlaceIndicatorValues(indicatorId);

  const filter = useTaskFilter(state, asOf);
  const tasks = useTasks(script, filter, asOf);
  const { detail: taskDetail, reports: taskReports, task: currentTask } = useTaskDetail(state.task, script, asOf);
  const placeDetail = usePlaceDetail(
    state.place,
    script,
    asOf,
    state.citywide,
    Boolean(state.task) || Boolean(state.project),
  );

  // Projects: GeoJSON (clustered in the browser) up to the threshold, vector tiles beyond it.
  const {
    count: projectCount,
    mode: projectMode,
    list: projects,
  } = useProjects(script, state, asOf, config.projectTileThreshold);
  const projectDetail = useProjectDetail(state.project, script, asOf, Boolean(state.task));

  const filterActive = hasTaskFilter(state);
  const summaryOf = useFilteredSummaries(asOf, filter, filterActive);

  // The assessment view (signed in): its data only when the tab is open; while it is, the map shows its scores.
  const [assessmentYear, setAssessmentYear] = useState(2015);
  const assessing = state.tab === "assessment" && Boolean(user) && !(state.task || state.place || state.project);
  const assessmentQuery = useAssessment(assessmentYear, script, state.tab === "assessment" && Boolean(user));

  // ---------------------------------------------------------------- measure
  const kind = assessing ? "score" : measureKind(state.measure);
  const activeIndicator = indicators.data?.indicators.find((i) => i.id === indicatorId) ?? null;
  const unit = activeIndicator?.unit ?? "";
  const values = useMemo(() => {
    const out = new Map<string, number | null>();
    if (kind === "score") {
      for (const r of assessmentQuery.data?.assessment ?? []) out.set(r.place.id, r.score);
    } else if (kind === "indicator") {
      const year = state.asOf ? Number(state.asOf.slice(0, 4)) : 9999;
      for (const p of indicatorValues.data?.places ?? []) out.set(p.id, latestValue(p.indicatorValues, year));
    } else {
      for (const p of places) out.set(p.id, summaryValue(kind, summaryOf(p)));
    }
    return out;
  }, [kind, places, indicatorValues.data, state.asOf, summaryOf, assessmentQuery.data]);
  const adminPlaces = useMemo(() => places.filter((p) => ADMIN_KINDS.includes(p.kind)), [places]);
  const breaks = useMemo(() => {
    const vs = adminPlaces.map((p) => values.get(p.id)).filter((v): v is number => typeof v === "number");
    return classBreaks(kind, vs);
  }, [adminPlaces, values, kind]);
  const choroplethColor = useMemo(() => choroplethColorExpression(kind, breaks), [kind, breaks]);
  const measureLabel =
    kind === "score"
      ? t("assessment.mapTitle", { year: assessmentYear })
      : kind === "indicator"
        ? t("measure.indicator", {
            name: activeIndicator ? pickName(lang, activeIndicator.name, activeIndicator.nameEn) : (indicatorId ?? ""),
          })
        : t(`measure.${kind}` as MessageKey);
  const adminValues = adminPlaces.map((p) => values.get(p.id));
  const coverage = useMemo(() => {
    const s = adminPlaces.reduce(
      (acc, p) => ({ reported: acc.reported + summaryOf(p).reported, total: acc.total + summaryOf(p).total }),
      { reported: 0, total: 0 },
    );
    return s;
  }, [adminPlaces, summaryOf]);

  const label = useCallback((p: MapPlace) => pickName(lang, p.name, p.nameEn), [lang]);
  const featureData = useMemo(() => placeFeatures(places, label, values), [places, label, values]);
  const projectLabel = useCallback((p: MapProject) => pickName(lang, p.name, p.nameEn), [lang]);
  const projectList = projects.data?.nodes;
  const projectData = useMemo(() => projectFeatures(projectList ?? [], projectLabel), [projectList, projectLabel]);
  const projectById = useMemo(() => new Map((projectList ?? []).map((p) => [p.id, p])), [projectList]);
  const labelData = useMemo(() => labelFeatures(places, label), [places, label]);
  const citywide = useMemo(
    () => citywideItems(places, projectList ?? [], label, projectLabel),
    [places, projectList, label, projectLabel],
  );

  // ---------------------------------------------------------------- highlights
  const [hoverTask, setHoverTask] = useState<string | null>(null);
  const [hoverPlace, setHoverPlace] = useState<string | null>(null);
  const taskList = tasks.data?.nodes;
  const taskPlaces = useMemo(
    () => new Map((taskList ?? []).map((tk) => [tk.id, tk.places.map((p) => p.place.id)])),
    [taskList],
  );
  const focusIds = useMemo(
    () => focusPlaceIds({ hoverPlace, hoverTask, taskPlaces, currentTask, kindOf: (id) => placeById.get(id)?.kind }),
    [hoverPlace, hoverTask, taskPlaces, currentTask, placeById],
  );
  const matchIds = useMemo(() => {
    if (!filterActive || !taskList) return null;
    return [...new Set(taskList.flatMap((tk) => tk.places.map((p) => p.place.id)))];
  }, [filterActive, taskList]);

  // ---------------------------------------------------------------- fitting
  const [fit, setFit] = useState<FitRequest | null>(null);
  const fitTo = useCallback((bbox: [number, number, number, number] | null, key: string) => {
    if (bbox) setFit({ bbox, key: `${key}:${Date.now()}` });
  }, []);
  const fittedTask = useRef<string | null>(null);
  useEffect(() => {
    if (!currentTask || fittedTask.current === currentTask.id) return;
    fittedTask.current = currentTask.id;
    fitTo(taskFitBbox(currentTask.places), currentTask.id);
  }, [currentTask, fitTo]);
  useEffect(() => {
    if (!state.task) fittedTask.current = null;
  }, [state.task]);
  const skipPlaceFit = useRef(false);
  const fittedPlace = useRef<string | null>(null);
  useEffect(() => {
    if (!state.place || state.task) {
      fittedPlace.current = null;
      return;
    }
    const p = placeById.get(state.place);
    if (!p || fittedPlace.current === p.id) return;
    fittedPlace.current = p.id;
    if (skipPlaceFit.current) {
      skipPlaceFit.current = false;
      return;
    }
    fitTo(p.bbox as [number, number, number, number], p.id);
  }, [state.place, state.task, placeById, fitTo]);

  const skipProjectFit = useRef(false);
  const fittedProject = useRef<string | null>(null);
  const currentProject =
    projectDetail.data?.project && projectDetail.data.project.id === state.project ? projectDetail.data.project : null;
  useEffect(() => {
    if (!currentProject || state.task) {
      if (!state.project) fittedProject.current = null;
      return;
    }
    if (fittedProject.current === currentProject.id) return;
    fittedProject.current = currentProject.id;
    if (skipProjectFit.current) {
      skipProjectFit.current = false;
      return;
    }
    // a stand-in for the whole city or a county says nothing about where to look: keep the view
    if (
      projectGroup(currentProject) === "area" ||
      currentProject.precision === "NEAR" ||
      currentProject.precision === "EXACT"
    ) {
      fitTo(currentProject.geometry ? geometryBbox(currentProject.geometry) : null, currentProject.id);
    }
  }, [currentProject, state.project, state.task, fitTo]);

  const detailOpen = Boolean(state.task || state.place || state.project);
  // ---------------------------------------------------------------- actions
  const openPlace = useCallback(
    (id: string, fromMap = false) => {
      skipPlaceFit.current = fromMap;
      update({ place: id, task: null, project: null });
    },
    [update],
  );
  const openTask = useCallback((id: string) => update({ task: id }), [update]);
  const openProject = useCallback(
    (id: string, fromMap = false) => {
      skipProjectFit.current = fromMap;
      update({ project: id, task: null });
    },
    [update],
  );
  const closeDetail = useCallback(() => {
    if (state.task && (state.place || state.project)) update({ task: null });
    else if (state.project && state.place) update({ project: null });
    else update({ task: null, place: null, project: null });
  }, [state.task, state.place, state.project, update]);
  // After a report is filed or reviewed, what the server shows may have changed everywhere.
  const refreshReports = useCallback(() => {
    clearQueryCache();
    taskReports.retry();
    taskDetail.retry();
    placeDetail.retry();
    mapPlaces.retry();
  }, [taskReports, taskDetail, placeDetail, mapPlaces]);
  // a report filed or reviewed elsewhere: the same refresh as after one's own, and a notice of what changed
  const [liveVersion, setLiveVersion] = useState(0);
  const [liveMessage, setLiveMessage] = useState<{ text: string; at: number } | null>(null);
  const onReportEvent = useCallback(
    (e: LiveReportEvent) => {
      refreshReports();
      setLiveVersion((v) => v + 1);
      const place = pickName(lang, e.obligation.place.name, e.obligation.place.nameEn);
      setLiveMessage({ text: t(`live.${e.kind}`, { place, task: e.obligation.task.ref }), at: Date.now() });
    },
    [refreshReports, lang, t],
  );
  useReportEvents(user, script, onReportEvent);
  const plannerMeasures = seesPlannerMeasures(user);
  const [drawMode, setDrawMode] = useState<DrawMode>(null);
  const onDrawComplete = useCallback(
    (ring: LngLat[]) => {
      setDrawMode(null);
      update({ within: ring, tab: "browse", task: null, place: null });
    },
    [update],
  );
  const onDrawCancel = useCallback(() => setDrawMode(null), []);
  const filterToView = useCallback(() => {
    const map = window.__atlas?.map;
    if (!map) return;
    const b = map.getBounds();
    update({
      within: [
        [b.getWest(), b.getSouth()],
        [b.getEast(), b.getSouth()],
        [b.getEast(), b.getNorth()],
        [b.getWest(), b.getNorth()],
      ],
    });
  }, [update]);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  // The map draws the places before the panels (the sidebar's content, the legend, the time slider) mount: until
  // the data arrives they show little more than their controls, and rendering and laying them out first made the
  // map's first frames wait for them. They mount once the places are on screen from the page's startup answer
  // (or right after the first frame when the URL's first drawing needs the app), at once if the map cannot be
  // created, and 1.5 s after navigation at the latest.
  const [panelsMounted, setPanelsMounted] = useState(false);
  const mountPanels = useCallback(() => setPanelsMounted(true), []);
  useEffect(() => {
    const timer = setTimeout(mountPanels, Math.max(0, PANELS_AT_THE_LATEST_MS - performance.now()));
    return () => clearTimeout(timer);
  }, [mountPanels]);
  const showPanels = panelsMounted || mapError !== null;
  const setMeasure = useCallback((m: MeasureId) => update({ measure: m }), [update]);
  const setTab = (tab: Tab) =>
    update({ tab, task: null, place: null, project: null, csec: tab === "console" ? state.csec : null });
  const tabs: Tab[] = [
    ...(user?.role === "AREA_LEADER" ? ["mine" as const] : []),
    "browse",
    "projects",
    "indicators",
    "list",
    ...(hasReviewQueue(user) ? ["review" as const] : []),
    ...(user ? ["assessment" as const] : []),
    ...(sectionsFor(user).length ? ["console" as const] : []),
  ];
  // a tab the user no longer has (signed out from "mine" or "assessment") shows, and is labelled as, browse
  const shownTab: Tab = tabs.includes(state.tab) ? state.tab : "browse";

  // Fits go to the part of the map the overlays (cards, tools, the bottom sheet) leave free, measured, not assumed.
  const mapAreaRef = useRef<HTMLElement>(null);
  const overlayLayout = `${showPanels}:${isMobile}:${detailOpen}:${Boolean(state.within)}`;
  const overlays = useOverlayBoxes(mapAreaRef, overlayLayout);
  const fitPadding = useMemo(
    () => (overlays ? fitPaddings(overlays.frame, overlays.obstacles) : [{ top: 40, bottom: 40, left: 40, right: 40 }]),
    [overlays],
  );
  // The home view: until someone moves the map or opens something, the plan's places fill the free area, refitted
  // (without animation) as the overlays settle. The first view, made before any overlay existed, only guessed. The
  // boxes must be those of the panels' layout: in the render that mounts the panels they are still those measured
  // without them, and a fit to those moves the map only for the next measurement to move it back, each time asking
  // for new tiles.
  const userMoved = useRef(false);
  const onUserMove = useCallback(() => (userMoved.current = true), []);
  const homeBbox = useMemo(() => unionBbox(adminPlaces.map((p) => p.bbox)) ?? TAIYUAN_BOUNDS, [adminPlaces]);
  const leftHome = useRef(false);
  useEffect(() => {
    if (detailOpen) leftHome.current = true;
    if (!overlays || overlays.layout !== overlayLayout || !showPanels || userMoved.current || leftHome.current) return;
    setFit({ bbox: homeBbox, key: `home:${JSON.stringify(fitPadding)}:${homeBbox.join()}`, animate: false });
  }, [overlays, overlayLayout, showPanels, fitPadding, homeBbox, detailOpen]);

  // A leader's landing: on signing in (or arriving signed in at the default view), an area leader's own
  // obligations open and the map goes to their places; an address that asks for something else is left as it is.
  const landedFor = useRef<string | null>(null);
  const defaultView = state.tab === "browse" && !detailOpen;
  useEffect(() => {
    if (!user || user.role !== "AREA_LEADER" || landedFor.current === user.id || !places.length) return;
    landedFor.current = user.id;
    if (!defaultView) return;
    update({ tab: "mine" });
    const bbox = unionBbox(user.places.map((p) => placeById.get(p.id)?.bbox ?? []));
    if (bbox) {
      leftHome.current = true;
      fitTo(bbox, `landing:${user.id}`);
    }
  }, [user, places.length, placeById, defaultView, update, fitTo]);
  // the landing's "this year": the time slider's year, else today's, within the plan's years
  const landingYear = Math.min(
    2015,
    Math.max(2013, state.asOf ? Number(state.asOf.slice(0, 4)) : new Date().getFullYear()),
  );

  // ---------------------------------------------------------------- render
  const hovered = hover?.kind === "place" ? placeById.get(hover.id) : undefined;
  const hoveredProject = hover?.kind === "project" ? projectById.get(hover.id) : undefined;
  const hoveredValue = hovered ? values.get(hovered.id) : undefined;

  return (
    <LanguageProvider lang={lang}>
      <div
        className={`app${detailOpen ? " detail-open" : ""}${shownTab === "console" && !detailOpen ? " console-open" : ""}`}
      >
        <a className="skip-link" href="#sidebar-content">
          {t("app.skipToList")}
        </a>
        <Header onLang={(l) => update({ lang: l })} auth={<AuthSlot session={session} />} />
        <LiveNotice message={liveMessage} />
        <div className="body">
          <aside className="sidebar" aria-label={t("tabs.label")}>
            {!detailOpen && (
              <div className="tabs" role="tablist" aria-label={t("tabs.label")}>
                {tabs.map((tab) => (
                  <button
                    key={tab}
                    type="button"
                    role="tab"
                    id={`tab-${tab}`}
                    aria-selected={shownTab === tab}
                    aria-controls="sidebar-content"
                    className={`tab${shownTab === tab ? " active" : ""}`}
                    onClick={() => setTab(tab)}
                  >
                    {t(`tab.${tab}`)}
                  </button>
                ))}
              </div>
            )}
            <div
              className="sidebar-content"
              id="sidebar-content"
              tabIndex={-1}
              role={detailOpen ? undefined : "tabpanel"}
              aria-labelledby={detailOpen ? undefined : `tab-${shownTab}`}
            >
              {!showPanels ? null : state.task ? (
                <TaskPanel
                  id={state.task}
                  task={taskDetail.data?.task}
                  reports={taskReports.data?.task?.id === state.task ? taskReports.data?.task?.reports : undefined}
                  loading={taskDetail.loading}
                  error={taskDetail.error}
                  retry={taskDetail.retry}
                  onClose={closeDetail}
                  onOpenPlace={(id) => openPlace(id)}
                  onHoverPlace={setHoverPlace}
                  onShowIndicator={(id) => update({ measure: `indicator:${id}` })}
                  onOpenProject={(id) => openProject(id)}
                  reportSlot={
                    !currentTask ? null : !user ? (
                      <p className="muted small report-hint">{t("report.signInToReport")}</p>
                    ) : canReport(user, currentTask) ? (
                      <Deferred>
                        <ReportForm
                          key={`${currentTask.id}:${user.id}`}
                          taskId={currentTask.id}
                          user={user}
                          onFiled={refreshReports}
                        />
                      </Deferred>
                    ) : (
                      <p className="muted small report-hint">{t("report.notAllowed")}</p>
                    )
                  }
                />
              ) : state.project ? (
                <ProjectPanel
                  id={state.project}
                  project={projectDetail.data?.project}
                  loading={projectDetail.loading}
                  error={projectDetail.error}
                  retry={projectDetail.retry}
                  onClose={closeDetail}
                  onOpenTask={openTask}
                  onOpenPlace={(id) => openPlace(id)}
                />
              ) : state.place ? (
                <PlacePanel
                  id={state.place}
                  place={placeDetail.data?.place}
                  loading={placeDetail.loading}
                  error={placeDetail.error}
                  retry={placeDetail.retry}
                  includeCitywide={state.citywide}
                  onToggleCitywide={(on) => update({ citywide: on })}
                  onClose={closeDetail}
                  onOpenTask={openTask}
                  onOpenPlace={(id) => openPlace(id)}
                  onHoverTask={setHoverTask}
                  onOpenProject={(id) => openProject(id)}
                  uploadSlot={
                    canUploadObligations(user, state.place) ? (
                      <Deferred>
                        <ObligationsUpload
                          key={state.place}
                          placeId={state.place}
                          placeName={
                            placeDetail.data?.place
                              ? pickName(lang, placeDetail.data.place.name, placeDetail.data.place.nameEn)
                              : undefined
                          }
                          onFiled={refreshReports}
                        />
                      </Deferred>
                    ) : null
                  }
                />
              ) : state.tab === "mine" && user?.role === "AREA_LEADER" ? (
                <LeaderLanding key={liveVersion} user={user} script={script} year={landingYear} onOpenTask={openTask} />
              ) : state.tab === "assessment" && user ? (
                <Deferred>
                  <AssessmentView
                    year={assessmentYear}
                    onYear={setAssessmentYear}
                    query={assessmentQuery}
                    user={user}
                    script={script}
                    onOpenPlace={(id) => openPlace(id)}
                    onHoverPlace={setHoverPlace}
                  />
                </Deferred>
              ) : state.tab === "console" && user && sectionsFor(user).length ? (
                <Console
                  key={user.id}
                  user={user}
                  lang={lang}
                  script={script}
                  t={t}
                  onOpenTask={openTask}
                  section={state.csec}
                  onSection={(csec) => update({ csec })}
                />
              ) : state.tab === "review" && user && hasReviewQueue(user) ? (
                <Deferred>
                  <ReviewQueue key={liveVersion} user={user} script={script} onOpenTask={openTask} />
                </Deferred>
              ) : state.tab === "projects" ? (
                <ProjectsPanel
                  state={state}
                  update={update}
                  projects={projectList}
                  totalCount={
                    projectMode === "tiles" ? projectCount.data?.projects.totalCount : projects.data?.totalCount
                  }
                  tiles={projectMode === "tiles"}
                  loading={projects.loading || projectCount.loading}
                  error={projects.error ?? projectCount.error}
                  retry={projects.error ? projects.retry : projectCount.retry}
                  drawMode={drawMode}
                  setDrawMode={setDrawMode}
                  onOpen={(id) => openProject(id)}
                />
              ) : state.tab === "indicators" ? (
                <Deferred>
                  <IndicatorsPanel
                    indicators={indicators.data?.indicators}
                    loading={indicators.loading}
                    error={indicators.error}
                    retry={indicators.retry}
                    activeId={indicatorId}
                    onShow={(id) => setMeasure(indicatorId === id ? "obligations" : `indicator:${id}`)}
                  />
                </Deferred>
              ) : state.tab === "list" ? (
                <>
                  {mapPlaces.error && <ErrorNotice error={mapPlaces.error} retry={mapPlaces.retry} />}
                  {!mapPlaces.data && mapPlaces.loading && <Notice kind="loading">{t("map.loading")}</Notice>}
                  <ListView
                    places={places}
                    values={values}
                    measureKind={kind}
                    measureLabel={measureLabel}
                    unit={unit}
                    onOpen={(id) => openPlace(id)}
                    onHover={setHoverPlace}
                  />
                </>
              ) : (
                <BrowsePanel
                  state={state}
                  update={update}
                  tasks={taskList}
                  totalCount={tasks.data?.totalCount}
                  loading={tasks.loading}
                  error={tasks.error}
                  retry={tasks.retry}
                  departments={lookups.data?.departments ?? []}
                  sections={sectionOptions(lookups.data?.plan ?? null, lang)}
                  drawMode={drawMode}
                  setDrawMode={setDrawMode}
                  onFilterToView={filterToView}
                  onOpenTask={openTask}
                  onHoverTask={setHoverTask}
                />
              )}
            </div>
          </aside>

          <main className="map-area" ref={mapAreaRef}>
            {mapError ? (
              <Notice kind="error">{t("map.webglError", { message: mapError })}</Notice>
            ) : (
              <MapView
                label={t("map.label")}
                basemap={basemap}
                places={featureData}
                labels={labelData}
                choroplethColor={choroplethColor}
                focusIds={focusIds}
                matchIds={matchIds}
                selectedId={state.place}
                within={state.within}
                fit={fit}
                fitPadding={fitPadding}
                drawMode={drawMode}
                initialBounds={TAIYUAN_BOUNDS}
                projectMode={projectMode}
                projectPoints={projectData.points}
                projectShapes={projectData.shapes}
                projectCategories={state.pcats}
                selectedProjectId={state.project}
                onHover={setHover}
                onSelect={(id) => openPlace(id, true)}
                onSelectProject={(id) => openProject(id, true)}
                onDrawComplete={onDrawComplete}
                onDrawCancel={onDrawCancel}
                onBasemapError={() => setBasemapNotice(true)}
                onError={setMapError}
                onPlacesShown={mountPanels}
                onUserMove={onUserMove}
              />
            )}
            <div className="map-status">
              {mapPlaces.error && <ErrorNotice error={mapPlaces.error} retry={mapPlaces.retry} />}
              {mapPlaces.loading && <Notice kind="loading">{t("map.loading")}</Notice>}
              {basemapNotice && (
                <Notice
                  kind="info"
                  action={
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setBasemapNotice(false)}
                      aria-label={t("app.close")}
                    >
                      ✕
                    </button>
                  }
                >
                  {t("map.basemapUnreachable")}
                </Notice>
              )}
              {drawMode && (
                <Notice kind="info">{t(drawMode === "rectangle" ? "draw.hintRectangle" : "draw.hintPolygon")}</Notice>
              )}
            </div>
            <div className="map-tools" role="toolbar" aria-label={t("filter.spatial")}>
              <button
                type="button"
                className={`tool${drawMode === "rectangle" ? " active" : ""}`}
                aria-pressed={drawMode === "rectangle"}
                title={t("draw.rectangle")}
                aria-label={t("draw.rectangle")}
                onClick={() => setDrawMode(drawMode === "rectangle" ? null : "rectangle")}
              >
                ▭
              </button>
              <button
                type="button"
                className={`tool${drawMode === "polygon" ? " active" : ""}`}
                aria-pressed={drawMode === "polygon"}
                title={t("draw.polygon")}
                aria-label={t("draw.polygon")}
                onClick={() => setDrawMode(drawMode === "polygon" ? null : "polygon")}
              >
                ⬠
              </button>
              {state.within && (
                <button
                  type="button"
                  className="tool"
                  title={t("draw.clear")}
                  aria-label={t("draw.clear")}
                  onClick={() => update({ within: null })}
                >
                  ✕
                </button>
              )}
              <button
                type="button"
                className="tool"
                title={t("map.fitAll")}
                aria-label={t("map.fitAll")}
                onClick={() => fitTo(unionBbox(adminPlaces.map((p) => p.bbox)) ?? TAIYUAN_BOUNDS, "all")}
              >
                ⌂
              </button>
            </div>
            {hover && hoveredProject && (
              <div className="tooltip tooltip-project" style={{ left: hover.x, top: hover.y }} role="tooltip">
                <strong>{projectLabel(hoveredProject)}</strong>
                <span className="muted">
                  {" "}
                  · {hoveredProject.category ? t(`category.${hoveredProject.category}`) : t("project.noCategory")}
                </span>
                <div className={LOW_PRECISION.includes(hoveredProject.precision) ? "approx small" : "muted small"}>
                  {LOW_PRECISION.includes(hoveredProject.precision)
                    ? t("map.positionApprox", {
                        source: `${t(`precision.${hoveredProject.precision}`)} — ${hoveredProject.positionSource}`,
                      })
                    : t("map.positionSurveyed", { source: hoveredProject.positionSource })}
                </div>
              </div>
            )}
            {hover && hovered && (
              <div className="tooltip" style={{ left: hover.x, top: hover.y }} role="tooltip">
                <strong>{label(hovered)}</strong>
                <span className="muted"> · {t(`placeKind.${hovered.kind}`)}</span>
                {ADMIN_KINDS.includes(hovered.kind) && (
                  <div>
                    {measureLabel}:{" "}
                    <b>{hoveredValue == null ? t("app.noData") : formatMeasureValue(kind, hoveredValue, unit)}</b>
                    {kind === "progress" && ` (${summaryOf(hovered).reported}/${summaryOf(hovered).total})`}
                  </div>
                )}
                {!ADMIN_KINDS.includes(hovered.kind) && summaryOf(hovered).total > 0 && (
                  <div>
                    {t("measure.obligations")}: <b>{summaryOf(hovered).total}</b>
                  </div>
                )}
                {placeGroup(hovered) !== "admin" && (
                  <div className={LOW_PRECISION.includes(hovered.precision) ? "approx small" : "muted small"}>
                    {LOW_PRECISION.includes(hovered.precision)
                      ? t("map.positionApprox", {
                          source: `${t(`precision.${hovered.precision}`)} — ${hovered.source}`,
                        })
                      : t("map.positionSurveyed", { source: hovered.source })}
                  </div>
                )}
              </div>
            )}
            {showPanels && (
              <div className="map-bottom">
                <Legend
                  measure={state.measure}
                  onMeasure={setMeasure}
                  indicators={indicators.data?.indicators ?? []}
                  title={measureLabel}
                  classes={adminValues.length ? legendClasses(kind, breaks, unit) : []}
                  hasNoData={adminValues.some((v) => v == null)}
                  allNoData={adminValues.length > 0 && adminValues.every((v) => v == null)}
                  coverage={kind === "progress" ? coverage : null}
                  basemapId={basemapId}
                  basemaps={Object.keys(config.basemaps) as BasemapId[]}
                  onBasemap={(id) => {
                    setBasemapNotice(false);
                    update({ basemap: id });
                  }}
                  highlight={focusIds.length > 0}
                  collapsedByDefault={isMobile}
                  plannerMeasures={plannerMeasures}
                  citywide={citywide}
                  onOpenCitywide={(c) => (c.kind === "place" ? openPlace(c.id, true) : openProject(c.id, true))}
                />
                <TimeSlider asOf={state.asOf} onChange={(d) => update({ asOf: d })} />
              </div>
            )}
          </main>
        </div>
      </div>
    </LanguageProvider>
  );
}
