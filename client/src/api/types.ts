/** Result types of the operations in operations.ts, after the contract (server/src/graphql/contract.graphql). */
import type { Geometry, Point } from "geojson";

export type Script = "HANS" | "HANT";
export type TaskKind = "REFORM" | "MATTER" | "PROJECT_PROGRAM" | "RESEARCH" | "PILOT" | "SAFEGUARD";
export type TaskStatus = "NOT_STARTED" | "IN_PROGRESS" | "AT_RISK" | "DELAYED" | "COMPLETED";
export type PlaceKind =
  | "CITY" | "DISTRICT" | "COUNTY" | "COUNTY_CITY" | "NEW_DISTRICT" | "DEVELOPMENT_ZONE"
  | "BONDED_ZONE" | "SCENIC_AREA" | "HERITAGE_SITE" | "WATER_SOURCE" | "OTHER" | "EXTERNAL";
export type GeoPrecision = "EXACT" | "NEAR" | "ADM3" | "ADM2" | "APPROXIMATE";
export type PlaceRole = "SUBJECT" | "PILOT" | "LEAD" | "APPLIES" | "MENTION";
export type ObligationReason = "DIRECT" | "CONTAINED" | "LEAD" | "APPLIES_TO_ALL" | "CITYWIDE";
export type ReviewState = "SUBMITTED" | "APPROVED" | "RETURNED";

export const TASK_KINDS: TaskKind[] = ["REFORM", "MATTER", "PROJECT_PROGRAM", "RESEARCH", "PILOT", "SAFEGUARD"];
export const TASK_STATUSES: TaskStatus[] = ["NOT_STARTED", "IN_PROGRESS", "AT_RISK", "DELAYED", "COMPLETED"];

export interface StatusSummary {
  total: number;
  notStarted: number;
  inProgress: number;
  atRisk: number;
  delayed: number;
  completed: number;
  meanProgress: number | null;
  reported: number;
  /** past their due year and not completed (absent from older servers) */
  overdue?: number;
}

export interface MapPlace {
  id: string;
  code: string | null;
  name: string;
  nameEn: string;
  kind: PlaceKind;
  precision: GeoPrecision;
  geometry: Geometry;
  centroid: Point;
  bbox: number[];
  areaKm2: number | null;
  source: string;
  parent: { id: string } | null;
  statusSummary: StatusSummary;
}

export interface DepartmentRef {
  id: string;
  name: string;
  nameEn: string;
}

export interface SectionRef {
  id: string;
  ref: string;
  heading: string;
  headingEn: string;
  children: { id: string; ref: string; heading: string; headingEn: string; tasks: { id: string }[] }[];
  tasks: { id: string }[];
}

export interface TaskSummary {
  id: string;
  kind: TaskKind;
  number: number;
  ref: string;
  title: string;
  titleEn: string;
  section: { id: string };
  leadDepartments: DepartmentRef[];
  status: TaskStatus;
  progress: number | null;
  places: { role: PlaceRole; place: { id: string } }[];
}

export interface Span {
  start: number;
  end: number;
  text?: string;
}

export interface IndicatorSummary {
  id: string;
  name: string;
  nameEn: string;
  unit: string;
  comparator: "AT_LEAST" | "AT_MOST" | "REACH" | "REDUCE_BY";
  target: number;
  stretchTarget: number | null;
  baseYear: number | null;
  targetYear: number;
  latest: { year: number; value: number; source: string } | null;
  attainment: number | null;
}

export interface TaskDetail {
  id: string;
  kind: TaskKind;
  number: number;
  ref: string;
  title: string;
  titleEn: string;
  text: string;
  source: Span;
  dueYear: number;
  section: { id: string; ref: string; heading: string; headingEn: string };
  status: TaskStatus;
  progress: number | null;
  leadDepartments: DepartmentRef[];
  places: {
    role: PlaceRole;
    curated: boolean;
    evidence: Span | null;
    place: { id: string; name: string; nameEn: string; kind: PlaceKind; precision: GeoPrecision; bbox: number[] };
  }[];
  indicators: IndicatorSummary[];
  projects?: ProjectRef[];
  /** v2: every place's own share of the task, with its own status */
  obligations?: { id: string; status: TaskStatus; progress: number | null; place: { id: string; name: string; nameEn: string; kind: PlaceKind } }[];
}

export interface TaskReports {
  totalCount: number;
  nodes: {
    id: string;
    status: TaskStatus;
    progress: number | null;
    note: string;
    createdAt: string;
    /** v2: the date the report describes */
    asOf?: string;
    review: ReviewState;
    author: { id: string; displayName: string } | null;
    place: { id: string; name: string; nameEn: string } | null;
    reviewedBy?: { displayName: string } | null;
    reviewNote?: string | null;
  }[];
}

export interface ObligationRow {
  reasons: ObligationReason[];
  via: { role: PlaceRole; place: { id: string; name: string; nameEn: string } }[];
  task: {
    id: string;
    kind: TaskKind;
    number: number;
    ref: string;
    title: string;
    titleEn: string;
    status: TaskStatus;
    progress: number | null;
    leadDepartments: DepartmentRef[];
  };
}

export interface PlaceDetail {
  id: string;
  code: string | null;
  name: string;
  nameEn: string;
  kind: PlaceKind;
  precision: GeoPrecision;
  source: string;
  areaKm2: number | null;
  bbox: number[];
  parent: { id: string; name: string; nameEn: string } | null;
  containedIn: { id: string; name: string; nameEn: string; kind: PlaceKind }[];
  statusSummary: StatusSummary;
  obligations: ObligationRow[];
  projects?: { totalCount: number; nodes: ProjectRef[] };
}

export type ProjectCategory = "INDUSTRIAL_TRANSFORMATION" | "ECOLOGICAL_RESTORATION" | "URBAN_RURAL_INTEGRATION" | "LIVELIHOOD";
export type Role = "PLANNER" | "AREA_LEADER" | "DEPARTMENT" | "VIEWER";

export const PROJECT_CATEGORIES: ProjectCategory[] = ["INDUSTRIAL_TRANSFORMATION", "ECOLOGICAL_RESTORATION", "URBAN_RURAL_INTEGRATION", "LIVELIHOOD"];

/** A project as the map draws it. */
export interface MapProject {
  id: string;
  name: string;
  nameEn: string | null;
  category: ProjectCategory | null;
  precision: GeoPrecision;
  positionSource: string;
  geometry: Geometry | null;
  status: TaskStatus;
}

export interface ProjectRef {
  id: string;
  name: string;
  nameEn: string | null;
  category: ProjectCategory | null;
  precision: GeoPrecision;
  status: TaskStatus;
}

export interface ProjectDetail extends MapProject {
  progress: number | null;
  startYear: number | null;
  endYear: number | null;
  investmentCny: number | null;
  reference: string | null;
  source: { start: number; end: number; text: string } | null;
  tasks: { id: string; ref: string; kind: TaskKind; title: string; titleEn: string }[];
  places: { id: string; name: string; nameEn: string; kind: PlaceKind }[];
}

/** The signed-in user, with what the UI needs to mirror the server's permissions. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  department: { id: string; name: string; nameEn: string } | null;
  places: { id: string; name: string; nameEn: string; obligations: { task: { id: string } }[] }[];
}

export interface ReviewQueueItem {
  id: string;
  status: TaskStatus;
  progress: number | null;
  note: string;
  createdAt: string;
  author: { id: string; displayName: string } | null;
  place: { id: string; name: string; nameEn: string } | null;
  task: { id: string; ref: string; kind: TaskKind; title: string; titleEn: string; leadDepartments: { id: string }[] };
}

export interface ReportImportResult {
  dryRun: boolean;
  filed: number;
  refused: number;
  unchanged: number;
  rows: { row: number; taskId: string | null; status: TaskStatus | null; progress: number | null; problem: string | null }[];
}
