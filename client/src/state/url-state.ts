/**
 * Everything a view depends on lives in the URL, so any view can be shared
 * and survives a reload. parseUrlState and serializeUrlState are inverses
 * for every state they produce (the round trip is tested).
 */
import type { ProjectCategory, TaskKind, TaskStatus } from "../api/types.ts";
import { PROJECT_CATEGORIES, TASK_KINDS, TASK_STATUSES } from "../api/types.ts";
import { LANGS, type Lang } from "../i18n/index.ts";

export type Tab = "browse" | "projects" | "indicators" | "list" | "review" | "mine" | "assessment" | "console";
export const TABS: Tab[] = ["browse", "projects", "indicators", "list", "review", "mine", "assessment", "console"];

export type BasemapId = "none" | "positron" | "osm";
export const BASEMAPS: BasemapId[] = ["none", "positron", "osm"];

/** "obligations" | "onTrack" | "delayed" | "progress" | "overdue" | "unreported" | "indicator:<id>" */
export type MeasureId =
  "obligations" | "onTrack" | "delayed" | "progress" | "overdue" | "unreported" | `indicator:${string}`;

export interface UrlState {
  lang: Lang;
  place: string | null;
  task: string | null;
  project: string | null;
  tab: Tab;
  measure: MeasureId;
  /** YYYY-MM-DD; null = now */
  asOf: string | null;
  citywide: boolean;
  q: string;
  kinds: TaskKind[];
  statuses: TaskStatus[];
  depts: string[];
  sections: string[];
  /** the drawn filter area: an open ring of [lng, lat] (first vertex not repeated) */
  within: [number, number][] | null;
  /** null = the configured default */
  basemap: BasemapId | null;
  /** project filters (text and area are shared with the tasks: q, within) */
  pcats: ProjectCategory[];
  pstatuses: TaskStatus[];
  /** active in that year */
  pyear: number | null;
  /** the planners' console: the open section (null = its first) */
  csec: string | null;
}

export const DEFAULT_STATE: UrlState = {
  lang: "zh-Hans",
  place: null,
  task: null,
  project: null,
  tab: "browse",
  measure: "obligations",
  asOf: null,
  citywide: false,
  q: "",
  kinds: [],
  statuses: [],
  depts: [],
  sections: [],
  within: null,
  basemap: null,
  pcats: [],
  pstatuses: [],
  pyear: null,
  csec: null,
};

const SLUG = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,120}$/;
/** The asOf parameter's form (YYYY-MM-DD); it must also be a real date. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

function list(value: string | null): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => SLUG.test(s)),
    ),
  ];
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function isMeasure(value: string): value is MeasureId {
  return (
    ["obligations", "onTrack", "delayed", "progress", "overdue", "unreported"].includes(value) ||
    /^indicator:[A-Za-z0-9._-]+$/.test(value)
  );
}

/** Round a coordinate to 5 decimals (~1 m), enough for a drawn filter. */
export function roundCoord(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

/** "lng,lat;lng,lat;…" → ring; null unless at least three valid vertices. */
export function parseRing(value: string | null): [number, number][] | null {
  if (!value) return null;
  const ring: [number, number][] = [];
  for (const pair of value.split(";")) {
    const [a, b] = pair.split(",").map(Number);
    if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 180 || Math.abs(b) > 90) return null;
    ring.push([roundCoord(a), roundCoord(b)]);
  }
  if (ring.length > 1) {
    const [f, l] = [ring[0], ring[ring.length - 1]];
    if (f[0] === l[0] && f[1] === l[1]) ring.pop();
  }
  return ring.length >= 3 ? ring : null;
}

export function formatRing(ring: [number, number][]): string {
  return ring.map(([x, y]) => `${roundCoord(x)},${roundCoord(y)}`).join(";");
}

/** Read a state from a query string ("?place=gujiao&lang=en"); unknown or malformed values fall back to defaults. */
/** The URL's asOf date (YYYY-MM-DD) → the end of that day in Taiyuan (UTC+8), as the API's DateTime. */
export function asOfDateTime(date: string | null): string | undefined {
  return date ? `${date}T23:59:59+08:00` : undefined;
}

export function parseUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const place = p.get("place");
  const task = p.get("task");
  const project = p.get("project");
  const pyear = Number(p.get("pyear"));
  const measure = p.get("measure");
  const asOf = p.get("asOf");
  return {
    lang: oneOf(p.get("lang"), LANGS) ?? DEFAULT_STATE.lang,
    place: place && SLUG.test(place) ? place : null,
    task: task && SLUG.test(task) ? task : null,
    project: project && SLUG.test(project) ? project : null,
    tab: oneOf(p.get("tab"), TABS) ?? DEFAULT_STATE.tab,
    measure: measure && isMeasure(measure) ? measure : DEFAULT_STATE.measure,
    asOf: asOf && DATE.test(asOf) && !Number.isNaN(Date.parse(asOf)) ? asOf : null,
    citywide: p.get("citywide") === "1",
    q: (p.get("q") ?? "").slice(0, 200),
    kinds: list(p.get("kinds")).filter((k): k is TaskKind => (TASK_KINDS as string[]).includes(k)),
    statuses: list(p.get("statuses")).filter((k): k is TaskStatus => (TASK_STATUSES as string[]).includes(k)),
    depts: list(p.get("depts")),
    sections: list(p.get("sections")),
    within: parseRing(p.get("within")),
    basemap: oneOf(p.get("basemap"), BASEMAPS),
    pcats: list(p.get("pcats")).filter((k): k is ProjectCategory => (PROJECT_CATEGORIES as string[]).includes(k)),
    pstatuses: list(p.get("pstatuses")).filter((k): k is TaskStatus => (TASK_STATUSES as string[]).includes(k)),
    pyear: Number.isInteger(pyear) && pyear >= 1900 && pyear <= 2100 ? pyear : null,
    csec: /^[a-z][a-z-]{0,39}$/.test(p.get("csec") ?? "") ? p.get("csec") : null,
  };
}

/** Write a state as a query string, leaving defaults out, in a stable order ("" when all default). */
export function serializeUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  if (s.lang !== DEFAULT_STATE.lang) p.set("lang", s.lang);
  if (s.place) p.set("place", s.place);
  if (s.task) p.set("task", s.task);
  if (s.project) p.set("project", s.project);
  if (s.tab !== DEFAULT_STATE.tab) p.set("tab", s.tab);
  if (s.measure !== DEFAULT_STATE.measure) p.set("measure", s.measure);
  if (s.asOf) p.set("asOf", s.asOf);
  if (s.citywide) p.set("citywide", "1");
  if (s.q) p.set("q", s.q);
  if (s.kinds.length) p.set("kinds", s.kinds.join(","));
  if (s.statuses.length) p.set("statuses", s.statuses.join(","));
  if (s.depts.length) p.set("depts", s.depts.join(","));
  if (s.sections.length) p.set("sections", s.sections.join(","));
  if (s.within) p.set("within", formatRing(s.within));
  if (s.basemap) p.set("basemap", s.basemap);
  if (s.pcats.length) p.set("pcats", s.pcats.join(","));
  if (s.pstatuses.length) p.set("pstatuses", s.pstatuses.join(","));
  if (s.pyear) p.set("pyear", String(s.pyear));
  if (s.csec) p.set("csec", s.csec);
  const str = p.toString().replace(/%2C/g, ",").replace(/%3B/g, ";").replace(/%3A/g, ":");
  return str ? `?${str}` : "";
}

/** Whether any task filter is set (the map then emphasises the filtered tasks' places). */
export function hasTaskFilter(s: UrlState): boolean {
  return Boolean(s.q || s.kinds.length || s.statuses.length || s.depts.length || s.sections.length || s.within);
}

/** Whether any project filter is set (text and area count too: they are shared). */
export function hasProjectFilter(s: UrlState): boolean {
  return Boolean(s.q || s.pcats.length || s.pstatuses.length || s.pyear || s.within);
}

/** Which state changes deserve their own history entry (opening a panel, switching tab); the rest replace. */
export function isNavigation(prev: UrlState, next: UrlState): boolean {
  return (
    prev.place !== next.place ||
    prev.task !== next.task ||
    prev.project !== next.project ||
    prev.tab !== next.tab ||
    prev.lang !== next.lang ||
    prev.csec !== next.csec
  );
}
