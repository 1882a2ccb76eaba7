/**
 * The client's view types: each is derived from the result types GraphQL Code Generator writes
 * from the schema and the operations (client/src/api/gql, `npm run codegen`), never written out again.
 */
import type {
  GeoPrecision,
  ImportReportsMutation,
  IndicatorsQuery,
  LookupsQuery,
  MapPlacesQuery,
  MapProjectsQuery,
  ObligationReason,
  PlaceDetailQuery,
  PlaceKind,
  PlaceRole,
  ProjectCategory,
  ProjectDetailQuery,
  ProjectFilter,
  ReviewQueueQuery,
  ReviewState,
  Role,
  Script,
  SessionUserFragment,
  TaskDetailQuery,
  TaskFilter,
  TaskKind,
  TaskReportsQuery,
  TaskStatus,
  TasksQuery,
} from "./gql/graphql.ts";

export type {
  GeoPrecision,
  ObligationReason,
  PlaceKind,
  PlaceRole,
  ProjectCategory,
  ReviewState,
  Role,
  Script,
  TaskKind,
  TaskStatus,
};

export const TASK_KINDS: TaskKind[] = ["REFORM", "MATTER", "PROJECT_PROGRAM", "RESEARCH", "PILOT", "SAFEGUARD"];
export const TASK_STATUSES: TaskStatus[] = ["NOT_STARTED", "IN_PROGRESS", "AT_RISK", "DELAYED", "COMPLETED"];
export const PROJECT_CATEGORIES: ProjectCategory[] = [
  "INDUSTRIAL_TRANSFORMATION",
  "ECOLOGICAL_RESTORATION",
  "URBAN_RURAL_INTEGRATION",
  "LIVELIHOOD",
];

export type TaskFilterInput = TaskFilter;
export type ProjectFilterInput = ProjectFilter;

/** A place as the map draws it (MapPlaces). */
export type MapPlace = MapPlacesQuery["places"][number];
/** A place's counts of tasks by status; `overdue` is only asked for the map. */
export type StatusSummary = Omit<MapPlace["statusSummary"], "overdue"> & { overdue?: number };

export type LookupsPlan = NonNullable<LookupsQuery["plan"]>;
export type DepartmentRef = LookupsQuery["departments"][number];
export type SectionRef = LookupsPlan["sections"][number];

export type TaskSummary = TasksQuery["tasks"]["nodes"][number];

export type IndicatorSummary = IndicatorsQuery["indicators"][number];

export type TaskDetail = NonNullable<TaskDetailQuery["task"]>;
export type TaskReports = NonNullable<TaskReportsQuery["task"]>["reports"];

export type PlaceDetail = NonNullable<PlaceDetailQuery["place"]>;
export type ObligationRow = PlaceDetail["obligations"][number];

/** A project as the map draws it (MapProjects). */
export type MapProject = MapProjectsQuery["projects"]["nodes"][number];
/** A project as a list shows it (a task's, a place's). */
export type ProjectRef = PlaceDetail["projects"]["nodes"][number];
export type ProjectDetail = NonNullable<ProjectDetailQuery["project"]>;

/** The signed-in user, with what the UI needs to mirror the server's permissions. */
export type SessionUser = SessionUserFragment;

export type ReviewQueueItem = ReviewQueueQuery["reviewQueue"][number];
export type ReportImportResult = ImportReportsMutation["importReports"];
