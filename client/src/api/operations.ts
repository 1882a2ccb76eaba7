/**
 * Every operation the client sends that more than one feature uses. Each is a `graphql()` document:
 * its result and variable types are generated from the schema (`npm run codegen`, client/src/api/gql),
 * and gql / useQuery infer them from the document.
 */
import { gql } from "./client.ts";
import { graphql } from "./gql/index.ts";
import type { MapProjectsQuery, TasksQuery } from "./gql/graphql.ts";
import type { MapProject, ProjectFilterInput, Script, TaskFilterInput, TaskSummary } from "./types.ts";

/** Simplification tolerance for boundaries on the overview map (degrees, ~100 m). */
export const MAP_TOLERANCE = 0.001;

export const MAP_PLACES = graphql(`
  query MapPlaces($script: Script!, $asOf: DateTime, $tolerance: Float) {
    places {
      id code name(script: $script) nameEn kind precision source areaKm2 bbox
      geometry(tolerance: $tolerance) centroid
      parent { id }
      statusSummary(asOf: $asOf) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue }
    }
  }
`);

/**
 * The places' summaries counting only the tasks a filter selects: the choropleth of a filtered task list.
 * Asked only while a filter is on; the unfiltered summaries come with MapPlaces (the page's startup request).
 */
export const FILTERED_SUMMARIES = graphql(`
  query FilteredSummaries($asOf: DateTime, $filter: TaskFilter) {
    places { id statusSummary(asOf: $asOf, filter: $filter) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue } }
  }
`);

export const PLACE_INDICATOR_VALUES = graphql(`
  query PlaceIndicatorValues($indicatorId: ID!) {
    places { id indicatorValues(indicatorId: $indicatorId) { year value } }
  }
`);

export const LOOKUPS = graphql(`
  query Lookups($script: Script!) {
    departments { id name(script: $script) nameEn }
    plan {
      id docNumber title(script: $script) titleEn
      sections { id ref heading(script: $script) headingEn parent { id } tasks { id }
        children { id ref heading(script: $script) headingEn tasks { id } } }
    }
  }
`);

export const TASKS = graphql(`
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
`);

/** All tasks matching a filter, following the connection's pages (the plan has ~80 tasks). */
export async function fetchAllTasks(
  vars: { script: Script; filter: TaskFilterInput; asOf?: string },
  signal?: AbortSignal,
): Promise<{ totalCount: number; nodes: TaskSummary[] }> {
  const nodes: TaskSummary[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let page = 0; page < 20; page++) {
    const data: TasksQuery = await gql(TASKS, { ...vars, first: 50, after }, { signal });
    totalCount = data.tasks.totalCount;
    nodes.push(...data.tasks.nodes);
    if (!data.tasks.pageInfo.hasNextPage || !data.tasks.pageInfo.endCursor) break;
    after = data.tasks.pageInfo.endCursor;
  }
  return { totalCount, nodes };
}

export const TASK_DETAIL = graphql(`
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
`);

/** Report history, asked beside the task (Task.reports is in the schema the client is built against: no introspection at run time). */
export const TASK_REPORTS = graphql(`
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
`);

export const PLACE_DETAIL = graphql(`
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
`);

export const INDICATORS = graphql(`
  query Indicators($script: Script!) {
    indicators {
      id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear
      latest { year value source } attainment
    }
  }
`);

// ---------------------------------------------------------------- projects

/** How many projects there are at all: decides GeoJSON clustering or vector tiles. */
export const PROJECT_COUNT = graphql(`
  query ProjectCount { projects(first: 1) { totalCount } }
`);

export const MAP_PROJECTS = graphql(`
  query MapProjects($script: Script!, $filter: ProjectFilter, $asOf: DateTime, $first: Int, $after: String) {
    projects(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id name(script: $script) nameEn category precision positionSource geometry status(asOf: $asOf) }
    }
  }
`);

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
    const data: MapProjectsQuery = await gql(MAP_PROJECTS, { ...vars, first: 100, after }, { signal });
    totalCount = data.projects.totalCount;
    nodes.push(...data.projects.nodes);
    if (!data.projects.pageInfo.hasNextPage || !data.projects.pageInfo.endCursor) break;
    after = data.projects.pageInfo.endCursor;
  }
  return { totalCount, nodes };
}

export const PROJECT_DETAIL = graphql(`
  query ProjectDetail($id: ID!, $script: Script!, $asOf: DateTime) {
    project(id: $id) {
      id name(script: $script) nameEn category precision positionSource geometry
      status(asOf: $asOf) progress(asOf: $asOf) startYear endYear investmentCny reference
      source { start end text(script: $script) }
      tasks { id ref kind title(script: $script) titleEn }
      places { id name(script: $script) nameEn kind }
    }
  }
`);

// ---------------------------------------------------------------- session and reporting

/** The signed-in user, with what the UI needs to mirror the server's permissions. */
export const SESSION_USER = graphql(`
  fragment SessionUser on User {
    id username displayName role
    department { id name(script: $script) nameEn }
    places { id name(script: $script) nameEn obligations { task { id } } }
  }
`);

export const ME = graphql(`
  query Me($script: Script!) { me { ...SessionUser } }
`);

export const LOGIN = graphql(`
  mutation Login($username: String!, $password: String!, $script: Script!) {
    login(username: $username, password: $password) { user { ...SessionUser } }
  }
`);

export const LOGOUT = graphql(`
  mutation Logout { logout }
`);

export const REPORT_PROGRESS = graphql(`
  mutation ReportProgress($input: ReportProgressInput!) {
    reportProgress(input: $input) { id review }
  }
`);

export const REVIEW_REPORT = graphql(`
  mutation ReviewReport($id: ID!, $decision: ReviewDecision!, $note: String) {
    reviewReport(id: $id, decision: $decision, note: $note) { id review }
  }
`);

export const REVIEW_QUEUE = graphql(`
  query ReviewQueue($script: Script!) {
    reviewQueue(first: 50) {
      id status progress note createdAt
      author { id displayName }
      place { id name(script: $script) nameEn }
      task { id ref kind title(script: $script) titleEn leadDepartments { id } }
    }
  }
`);

export const IMPORT_REPORTS = graphql(`
  mutation ImportReports($content: String!, $placeId: ID, $dryRun: Boolean!) {
    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {
      dryRun filed refused unchanged
      rows { row taskId status progress problem }
    }
  }
`);
