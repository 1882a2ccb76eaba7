/** Every operation the client sends, with its variables and result types. */
import type { Polygon } from "geojson";
import { gql } from "./client.ts";
import type {
  DepartmentRef, IndicatorSummary, MapPlace, PlaceDetail, Script, SectionRef, TaskDetail, TaskKind,
  TaskReports, TaskStatus, TaskSummary,
} from "./types.ts";

/** Simplification tolerance for boundaries on the overview map (degrees, ~100 m). */
export const MAP_TOLERANCE = 0.001;

export const MAP_PLACES = /* GraphQL */ `
  query MapPlaces($script: Script!, $asOf: DateTime, $tolerance: Float) {
    places {
      id code name(script: $script) nameEn kind precision source areaKm2 bbox
      geometry(tolerance: $tolerance) centroid
      parent { id }
      statusSummary(asOf: $asOf) { total notStarted inProgress atRisk delayed completed meanProgress reported }
    }
  }
`;
export interface MapPlacesData {
  places: MapPlace[];
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
          id status progress note createdAt review
          author { displayName }
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
