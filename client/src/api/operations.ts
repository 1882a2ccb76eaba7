/** Every operation the client sends, with its variables and result types. */
import type { Polygon } from "geojson";
import { gql } from "./client.ts";
import type {
  DepartmentRef, IndicatorSummary, MapPlace, MapProject, PlaceDetail, ProjectCategory, ProjectDetail, ReportImportResult,
  ReviewQueueItem, Script, SectionRef, SessionUser, TaskDetail, TaskKind, TaskReports, TaskStatus, TaskSummary,
} from "./types.ts";

/** Simplification tolerance for boundaries on the overview map (degrees, ~100 m). */
export const MAP_TOLERANCE = 0.001;

export const MAP_PLACES = /* GraphQL */ `
  query MapPlaces($script: Script!, $asOf: DateTime, $tolerance: Float) {
    places {
      id code name(script: $script) nameEn kind precision source areaKm2 bbox
      geometry(tolerance: $tolerance) centroid
      parent { id }
      statusSummary(asOf: $asOf) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue }
    }
  }
`;
export interface MapPlacesData {
  places: MapPlace[];
}

/**
 * The places' summaries counting only the tasks a filter selects: the choropleth of a filtered task list.
 * Asked only while a filter is on; the unfiltered summaries come with MapPlaces (the page's startup request).
 */
export const FILTERED_SUMMARIES = /* GraphQL */ `
  query FilteredSummaries($asOf: DateTime, $filter: TaskFilter) {
    places { id statusSummary(asOf: $asOf, filter: $filter) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue } }
  }
`;
export interface FilteredSummariesData {
  places: Pick<MapPlace, "id" | "statusSummary">[];
}

export const PLACE_INDICATOR_VALUES = /* GraphQL */ `
  query PlaceIndicatorValues($indicatorId: ID!) {
    places { id indicatorValues(indicatorId: $indicatorId) { year value } }
  }
`;
export interface PlaceIndicatorValuesData {
  places: { id: string; indicatorValues: { year: number; value: number }[] }[];
}

export const LOOKUPS = /* GraphQL */ `
  query Lookups($script: Script!) {
    departments { id name(script: $script) nameEn }
    plan {
      id docNumber title(script: $script) titleEn
      sections { id ref heading(script: $script) headingEn parent { id } tasks { id }
        children { id ref heading(script: $script) headingEn tasks { id } } }
    }
  }
`;
export interface LookupsData {
  departments: DepartmentRef[];
  plan: {
    id: string;
    docNumber: string;
    title: string;
    titleEn: string;
    sections: (SectionRef & { parent: { id: string } | null })[];
  } | null;
}

export interface TaskFilterInput {
  kinds?: TaskKind[];
  sectionIds?: string[];
  leadDepartmentIds?: string[];
  statuses?: TaskStatus[];
  asOf?: string;
  text?: string;
  spatial?: { within?: Polygon; bbox?: number[]; placeIds?: string[] };
}

export const TASKS = /* GraphQL */ `
  query Tasks($script: Script!, $filter: TaskFilter, $asOf: DateTime, $first: Int, $after: String) {
    tasks(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id kind number ref title(script: $script) titleEn
        section { id }
        leadDepartments { id name(script: $script) nameEn }
        status(asOf: $asOf) progress(asOf: $asOf)
        places { role place { id } }
      }
    }
  }
`;
interface TasksPage {
  tasks: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: TaskSummary[] };
}

/** All tasks matching a filter, following the connection's pages (the plan has ~80 tasks). */
export async function fetchAllTasks(
  vars: { script: Script; filter: TaskFilterInput; asOf?: string },
  signal?: AbortSignal,
): Promise<{ totalCount: number; nodes: TaskSummary[] }> {
  const nodes: TaskSummary[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let page = 0; page < 20; page++) {
    const data: TasksPage = await gql<TasksPage>(TASKS, { ...vars, first: 50, after }, { signal });
    totalCount = data.tasks.totalCount;
    nodes.push(...data.tasks.nodes);
    if (!data.tasks.pageInfo.hasNextPage || !data.tasks.pageInfo.endCursor) break;
    after = data.tasks.pageInfo.endCursor;
  }
  return { totalCount, nodes };
}

export const TASK_DETAIL = /* GraphQL */ `
  query TaskDetail($id: ID!, $script: Script!, $asOf: DateTime) {
    task(id: $id) {
      id kind number ref title(script: $script) titleEn text(script: $script) dueYear
      source { start end }
      section { id ref heading(script: $script) headingEn }
      status(asOf: $asOf) progress(asOf: $asOf)
      leadDepartments { id name(script: $script) nameEn }
      places {
        role curated
        evidence { start end text(script: $script) }
        place { id name(script: $script) nameEn kind precision bbox }
      }
      indicators {
        id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear
        latest { year value source } attainment
      }
      projects { id name(script: $script) nameEn category precision status(asOf: $asOf) }
      obligations { id status(asOf: $asOf) progress(asOf: $asOf) place { id name(script: $script) nameEn kind } }
    }
  }
`;
export interface TaskDetailData {
  task: TaskDetail | null;
}

/** Report history, asked separately so a server without reporting still shows the task. */
export const TASK_REPORTS = /* GraphQL */ `
  query TaskReports($id: ID!, $script: Script!) {
    task(id: $id) {
      id
      reports(first: 20) {
        totalCount
        nodes {
          id status progress note createdAt asOf review reviewNote
          author { id displayName }
          reviewedBy { displayName }
          place { id name(script: $script) nameEn }
        }
      }
    }
  }
`;
export interface TaskReportsData {
  task: { id: string; reports: TaskReports } | null;
}

export const PLACE_DETAIL = /* GraphQL */ `
  query PlaceDetail($id: ID!, $script: Script!, $asOf: DateTime, $includeCitywide: Boolean) {
    place(id: $id) {
      id code name(script: $script) nameEn kind precision source areaKm2 bbox
      parent { id name(script: $script) nameEn }
      containedIn { id name(script: $script) nameEn kind }
      statusSummary(asOf: $asOf, includeCitywide: $includeCitywide) {
        total notStarted inProgress atRisk delayed completed meanProgress reported
      }
      obligations(includeCitywide: $includeCitywide) {
        reasons
        via { role place { id name(script: $script) nameEn } }
        task {
          id kind number ref title(script: $script) titleEn
          status(asOf: $asOf) progress(asOf: $asOf)
          leadDepartments { id name(script: $script) nameEn }
        }
      }
      projects(first: 100) { totalCount nodes { id name(script: $script) nameEn category precision status(asOf: $asOf) } }
    }
  }
`;
export interface PlaceDetailData {
  place: PlaceDetail | null;
}

export const INDICATORS = /* GraphQL */ `
  query Indicators($script: Script!) {
    indicators {
      id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear
      latest { year value source } attainment
    }
  }
`;
export interface IndicatorsData {
  indicators: IndicatorSummary[];
}

/**
 * Which optional parts of the contract this server implements yet (the
 * reporting issue adds Task.reports); asked once, so a partial server never
 * turns into an error on screen.
 */
export const TASK_FIELDS = /* GraphQL */ `
  query TaskFields { __type(name: "Task") { fields { name } } }
`;
export interface TaskFieldsData {
  __type: { fields: { name: string }[] } | null;
}

// ---------------------------------------------------------------- projects

export interface ProjectFilterInput {
  categories?: ProjectCategory[];
  statuses?: TaskStatus[];
  year?: number;
  text?: string;
  taskIds?: string[];
  spatial?: { within?: Polygon };
}

/** How many projects there are at all: decides GeoJSON clustering or vector tiles. */
export const PROJECT_COUNT = /* GraphQL */ `
  query ProjectCount { projects(first: 1) { totalCount } }
`;
export interface ProjectCountData {
  projects: { totalCount: number };
}

export const MAP_PROJECTS = /* GraphQL */ `
  query MapProjects($script: Script!, $filter: ProjectFilter, $asOf: DateTime, $first: Int, $after: String) {
    projects(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id name(script: $script) nameEn category precision positionSource geometry status(asOf: $asOf) }
    }
  }
`;
interface ProjectsPage {
  projects: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: MapProject[] };
}

/** Every project matching a filter, 100 a page; only used below the vector-tile threshold. */
export async function fetchAllProjects(
  vars: { script: Script; filter: ProjectFilterInput; asOf?: string },
  signal?: AbortSignal,
  maxPages = 250,
): Promise<{ totalCount: number; nodes: MapProject[] }> {
  const nodes: MapProject[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let page = 0; page < maxPages; page++) {
    const data: ProjectsPage = await gql<ProjectsPage>(MAP_PROJECTS, { ...vars, first: 100, after }, { signal });
    totalCount = data.projects.totalCount;
    nodes.push(...data.projects.nodes);
    if (!data.projects.pageInfo.hasNextPage || !data.projects.pageInfo.endCursor) break;
    after = data.projects.pageInfo.endCursor;
  }
  return { totalCount, nodes };
}

export const PROJECT_DETAIL = /* GraphQL */ `
  query ProjectDetail($id: ID!, $script: Script!, $asOf: DateTime) {
    project(id: $id) {
      id name(script: $script) nameEn category precision positionSource geometry
      status(asOf: $asOf) progress(asOf: $asOf) startYear endYear investmentCny reference
      source { start end text(script: $script) }
      tasks { id ref kind title(script: $script) titleEn }
      places { id name(script: $script) nameEn kind }
    }
  }
`;
export interface ProjectDetailData {
  project: ProjectDetail | null;
}

// ---------------------------------------------------------------- session and reporting

const USER_FIELDS = /* GraphQL */ `
  id username displayName role
  department { id name(script: $script) nameEn }
  places { id name(script: $script) nameEn obligations { task { id } } }
`;

export const ME = /* GraphQL */ `
  query Me($script: Script!) { me { ${USER_FIELDS} } }
`;
export interface MeData {
  me: SessionUser | null;
}

export const LOGIN = /* GraphQL */ `
  mutation Login($username: String!, $password: String!, $script: Script!) {
    login(username: $username, password: $password) { user { ${USER_FIELDS} } }
  }
`;
export interface LoginData {
  login: { user: SessionUser };
}

export const LOGOUT = /* GraphQL */ `
  mutation Logout { logout }
`;

export interface ReportProgressInput {
  taskId: string;
  placeId?: string;
  projectId?: string;
  status: TaskStatus;
  progress?: number;
  note: string;
  /** the date the report describes, "YYYY-MM-DD" (default today) */
  asOf?: string;
}

export const REPORT_PROGRESS = /* GraphQL */ `
  mutation ReportProgress($input: ReportProgressInput!) {
    reportProgress(input: $input) { id review }
  }
`;

export const REVIEW_REPORT = /* GraphQL */ `
  mutation ReviewReport($id: ID!, $decision: ReviewDecision!, $note: String) {
    reviewReport(id: $id, decision: $decision, note: $note) { id review }
  }
`;

export const REVIEW_QUEUE = /* GraphQL */ `
  query ReviewQueue($script: Script!) {
    reviewQueue(first: 50) {
      id status progress note createdAt
      author { id displayName }
      place { id name(script: $script) nameEn }
      task { id ref kind title(script: $script) titleEn leadDepartments { id } }
    }
  }
`;
export interface ReviewQueueData {
  reviewQueue: ReviewQueueItem[];
}

export const IMPORT_REPORTS = /* GraphQL */ `
  mutation ImportReports($content: String!, $placeId: ID, $dryRun: Boolean!) {
    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {
      dryRun filed refused unchanged
      rows { row taskId status progress problem }
    }
  }
`;
export interface ImportReportsData {
  importReports: ReportImportResult;
}
