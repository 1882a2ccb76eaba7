/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MapPlaces($script: Script!, $asOf: DateTime, $tolerance: Float) {\n    places {\n      id code name(script: $script) nameEn kind precision source areaKm2 bbox\n      geometry(tolerance: $tolerance) centroid\n      parent { id }\n      statusSummary(asOf: $asOf) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue }\n    }\n  }\n": typeof types.MapPlacesDocument,
    "\n  query FilteredSummaries($asOf: DateTime, $filter: TaskFilter) {\n    places { id statusSummary(asOf: $asOf, filter: $filter) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue } }\n  }\n": typeof types.FilteredSummariesDocument,
    "\n  query PlaceIndicatorValues($indicatorId: ID!) {\n    places { id indicatorValues(indicatorId: $indicatorId) { year value } }\n  }\n": typeof types.PlaceIndicatorValuesDocument,
    "\n  query Lookups($script: Script!) {\n    departments { id name(script: $script) nameEn }\n    plan {\n      id docNumber title(script: $script) titleEn\n      sections { id ref heading(script: $script) headingEn parent { id } tasks { id }\n        children { id ref heading(script: $script) headingEn tasks { id } } }\n    }\n  }\n": typeof types.LookupsDocument,
    "\n  query Tasks($script: Script!, $filter: TaskFilter, $asOf: DateTime, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id kind number ref title(script: $script) titleEn\n        section { id }\n        leadDepartments { id name(script: $script) nameEn }\n        status(asOf: $asOf) progress(asOf: $asOf)\n        places { role place { id } }\n      }\n    }\n  }\n": typeof types.TasksDocument,
    "\n  query TaskDetail($id: ID!, $script: Script!, $asOf: DateTime) {\n    task(id: $id) {\n      id kind number ref title(script: $script) titleEn text(script: $script) dueYear\n      source { start end }\n      section { id ref heading(script: $script) headingEn }\n      status(asOf: $asOf) progress(asOf: $asOf)\n      leadDepartments { id name(script: $script) nameEn }\n      places {\n        role curated\n        evidence { start end text(script: $script) }\n        place { id name(script: $script) nameEn kind precision bbox }\n      }\n      indicators {\n        id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear\n        latest { year value source } attainment\n      }\n      projects { id name(script: $script) nameEn category precision status(asOf: $asOf) }\n      obligations { id status(asOf: $asOf) progress(asOf: $asOf) place { id name(script: $script) nameEn kind } }\n    }\n  }\n": typeof types.TaskDetailDocument,
    "\n  query TaskReports($id: ID!, $script: Script!) {\n    task(id: $id) {\n      id\n      reports(first: 20) {\n        totalCount\n        nodes {\n          id status progress note createdAt asOf review reviewNote\n          author { id displayName }\n          reviewedBy { displayName }\n          place { id name(script: $script) nameEn }\n        }\n      }\n    }\n  }\n": typeof types.TaskReportsDocument,
    "\n  query PlaceDetail($id: ID!, $script: Script!, $asOf: DateTime, $includeCitywide: Boolean) {\n    place(id: $id) {\n      id code name(script: $script) nameEn kind precision source areaKm2 bbox\n      parent { id name(script: $script) nameEn }\n      containedIn { id name(script: $script) nameEn kind }\n      statusSummary(asOf: $asOf, includeCitywide: $includeCitywide) {\n        total notStarted inProgress atRisk delayed completed meanProgress reported\n      }\n      obligations(includeCitywide: $includeCitywide) {\n        reasons\n        via { role place { id name(script: $script) nameEn } }\n        task {\n          id kind number ref title(script: $script) titleEn\n          status(asOf: $asOf) progress(asOf: $asOf)\n          leadDepartments { id name(script: $script) nameEn }\n        }\n      }\n      projects(first: 100) { totalCount nodes { id name(script: $script) nameEn category precision status(asOf: $asOf) } }\n    }\n  }\n": typeof types.PlaceDetailDocument,
    "\n  query Indicators($script: Script!) {\n    indicators {\n      id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear\n      latest { year value source } attainment\n    }\n  }\n": typeof types.IndicatorsDocument,
    "\n  query ProjectCount { projects(first: 1) { totalCount } }\n": typeof types.ProjectCountDocument,
    "\n  query MapProjects($script: Script!, $filter: ProjectFilter, $asOf: DateTime, $first: Int, $after: String) {\n    projects(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name(script: $script) nameEn category precision positionSource geometry status(asOf: $asOf) }\n    }\n  }\n": typeof types.MapProjectsDocument,
    "\n  query ProjectDetail($id: ID!, $script: Script!, $asOf: DateTime) {\n    project(id: $id) {\n      id name(script: $script) nameEn category precision positionSource geometry\n      status(asOf: $asOf) progress(asOf: $asOf) startYear endYear investmentCny reference\n      source { start end text(script: $script) }\n      tasks { id ref kind title(script: $script) titleEn }\n      places { id name(script: $script) nameEn kind }\n    }\n  }\n": typeof types.ProjectDetailDocument,
    "\n  fragment SessionUser on User {\n    id username displayName role\n    department { id name(script: $script) nameEn }\n    places { id name(script: $script) nameEn obligations { task { id } } }\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  query Me($script: Script!) { me { ...SessionUser } }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!, $script: Script!) {\n    login(username: $username, password: $password) { user { ...SessionUser } }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout { logout }\n": typeof types.LogoutDocument,
    "\n  mutation ReportProgress($input: ReportProgressInput!) {\n    reportProgress(input: $input) { id review }\n  }\n": typeof types.ReportProgressDocument,
    "\n  mutation ReviewReport($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewReport(id: $id, decision: $decision, note: $note) { id review }\n  }\n": typeof types.ReviewReportDocument,
    "\n  query ReviewQueue($script: Script!) {\n    reviewQueue(first: 50) {\n      id status progress note createdAt\n      author { id displayName }\n      place { id name(script: $script) nameEn }\n      task { id ref kind title(script: $script) titleEn leadDepartments { id } }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  mutation ImportReports($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem }\n    }\n  }\n": typeof types.ImportReportsDocument,
    "\n  query Assessment($year: Int!, $script: Script!) {\n    assessment(year: $year) {\n      place { id name(script: $script) nameEn }\n      year obligations due met metLate delayed notReported score finalizedAt note\n      finalizedBy { id displayName }\n    }\n  }\n": typeof types.AssessmentDocument,
    "\n  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {\n    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }\n  }\n": typeof types.FinalizeAssessmentDocument,
    "\n  query MyObligations($script: Script!, $placeIds: [ID!]!, $after: String, $afterBehind: String, $behindOnly: Boolean!) {\n    all: obligations(filter: { placeIds: $placeIds }, first: 100, after: $after) @skip(if: $behindOnly) {\n      nodes { id dueYear status progress task { id ref title(script: $script) titleEn } place { id name(script: $script) nameEn } reports(first: 1) { nodes { id review } } } pageInfo { hasNextPage endCursor }\n    }\n    behind: obligations(filter: { placeIds: $placeIds, behindTarget: true }, first: 100, after: $afterBehind) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.MyObligationsDocument,
};
const documents: Documents = {
    "\n  query MapPlaces($script: Script!, $asOf: DateTime, $tolerance: Float) {\n    places {\n      id code name(script: $script) nameEn kind precision source areaKm2 bbox\n      geometry(tolerance: $tolerance) centroid\n      parent { id }\n      statusSummary(asOf: $asOf) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue }\n    }\n  }\n": types.MapPlacesDocument,
    "\n  query FilteredSummaries($asOf: DateTime, $filter: TaskFilter) {\n    places { id statusSummary(asOf: $asOf, filter: $filter) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue } }\n  }\n": types.FilteredSummariesDocument,
    "\n  query PlaceIndicatorValues($indicatorId: ID!) {\n    places { id indicatorValues(indicatorId: $indicatorId) { year value } }\n  }\n": types.PlaceIndicatorValuesDocument,
    "\n  query Lookups($script: Script!) {\n    departments { id name(script: $script) nameEn }\n    plan {\n      id docNumber title(script: $script) titleEn\n      sections { id ref heading(script: $script) headingEn parent { id } tasks { id }\n        children { id ref heading(script: $script) headingEn tasks { id } } }\n    }\n  }\n": types.LookupsDocument,
    "\n  query Tasks($script: Script!, $filter: TaskFilter, $asOf: DateTime, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id kind number ref title(script: $script) titleEn\n        section { id }\n        leadDepartments { id name(script: $script) nameEn }\n        status(asOf: $asOf) progress(asOf: $asOf)\n        places { role place { id } }\n      }\n    }\n  }\n": types.TasksDocument,
    "\n  query TaskDetail($id: ID!, $script: Script!, $asOf: DateTime) {\n    task(id: $id) {\n      id kind number ref title(script: $script) titleEn text(script: $script) dueYear\n      source { start end }\n      section { id ref heading(script: $script) headingEn }\n      status(asOf: $asOf) progress(asOf: $asOf)\n      leadDepartments { id name(script: $script) nameEn }\n      places {\n        role curated\n        evidence { start end text(script: $script) }\n        place { id name(script: $script) nameEn kind precision bbox }\n      }\n      indicators {\n        id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear\n        latest { year value source } attainment\n      }\n      projects { id name(script: $script) nameEn category precision status(asOf: $asOf) }\n      obligations { id status(asOf: $asOf) progress(asOf: $asOf) place { id name(script: $script) nameEn kind } }\n    }\n  }\n": types.TaskDetailDocument,
    "\n  query TaskReports($id: ID!, $script: Script!) {\n    task(id: $id) {\n      id\n      reports(first: 20) {\n        totalCount\n        nodes {\n          id status progress note createdAt asOf review reviewNote\n          author { id displayName }\n          reviewedBy { displayName }\n          place { id name(script: $script) nameEn }\n        }\n      }\n    }\n  }\n": types.TaskReportsDocument,
    "\n  query PlaceDetail($id: ID!, $script: Script!, $asOf: DateTime, $includeCitywide: Boolean) {\n    place(id: $id) {\n      id code name(script: $script) nameEn kind precision source areaKm2 bbox\n      parent { id name(script: $script) nameEn }\n      containedIn { id name(script: $script) nameEn kind }\n      statusSummary(asOf: $asOf, includeCitywide: $includeCitywide) {\n        total notStarted inProgress atRisk delayed completed meanProgress reported\n      }\n      obligations(includeCitywide: $includeCitywide) {\n        reasons\n        via { role place { id name(script: $script) nameEn } }\n        task {\n          id kind number ref title(script: $script) titleEn\n          status(asOf: $asOf) progress(asOf: $asOf)\n          leadDepartments { id name(script: $script) nameEn }\n        }\n      }\n      projects(first: 100) { totalCount nodes { id name(script: $script) nameEn category precision status(asOf: $asOf) } }\n    }\n  }\n": types.PlaceDetailDocument,
    "\n  query Indicators($script: Script!) {\n    indicators {\n      id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear\n      latest { year value source } attainment\n    }\n  }\n": types.IndicatorsDocument,
    "\n  query ProjectCount { projects(first: 1) { totalCount } }\n": types.ProjectCountDocument,
    "\n  query MapProjects($script: Script!, $filter: ProjectFilter, $asOf: DateTime, $first: Int, $after: String) {\n    projects(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name(script: $script) nameEn category precision positionSource geometry status(asOf: $asOf) }\n    }\n  }\n": types.MapProjectsDocument,
    "\n  query ProjectDetail($id: ID!, $script: Script!, $asOf: DateTime) {\n    project(id: $id) {\n      id name(script: $script) nameEn category precision positionSource geometry\n      status(asOf: $asOf) progress(asOf: $asOf) startYear endYear investmentCny reference\n      source { start end text(script: $script) }\n      tasks { id ref kind title(script: $script) titleEn }\n      places { id name(script: $script) nameEn kind }\n    }\n  }\n": types.ProjectDetailDocument,
    "\n  fragment SessionUser on User {\n    id username displayName role\n    department { id name(script: $script) nameEn }\n    places { id name(script: $script) nameEn obligations { task { id } } }\n  }\n": types.SessionUserFragmentDoc,
    "\n  query Me($script: Script!) { me { ...SessionUser } }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!, $script: Script!) {\n    login(username: $username, password: $password) { user { ...SessionUser } }\n  }\n": types.LoginDocument,
    "\n  mutation Logout { logout }\n": types.LogoutDocument,
    "\n  mutation ReportProgress($input: ReportProgressInput!) {\n    reportProgress(input: $input) { id review }\n  }\n": types.ReportProgressDocument,
    "\n  mutation ReviewReport($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewReport(id: $id, decision: $decision, note: $note) { id review }\n  }\n": types.ReviewReportDocument,
    "\n  query ReviewQueue($script: Script!) {\n    reviewQueue(first: 50) {\n      id status progress note createdAt\n      author { id displayName }\n      place { id name(script: $script) nameEn }\n      task { id ref kind title(script: $script) titleEn leadDepartments { id } }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  mutation ImportReports($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem }\n    }\n  }\n": types.ImportReportsDocument,
    "\n  query Assessment($year: Int!, $script: Script!) {\n    assessment(year: $year) {\n      place { id name(script: $script) nameEn }\n      year obligations due met metLate delayed notReported score finalizedAt note\n      finalizedBy { id displayName }\n    }\n  }\n": types.AssessmentDocument,
    "\n  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {\n    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }\n  }\n": types.FinalizeAssessmentDocument,
    "\n  query MyObligations($script: Script!, $placeIds: [ID!]!, $after: String, $afterBehind: String, $behindOnly: Boolean!) {\n    all: obligations(filter: { placeIds: $placeIds }, first: 100, after: $after) @skip(if: $behindOnly) {\n      nodes { id dueYear status progress task { id ref title(script: $script) titleEn } place { id name(script: $script) nameEn } reports(first: 1) { nodes { id review } } } pageInfo { hasNextPage endCursor }\n    }\n    behind: obligations(filter: { placeIds: $placeIds, behindTarget: true }, first: 100, after: $afterBehind) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": types.MyObligationsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MapPlaces($script: Script!, $asOf: DateTime, $tolerance: Float) {\n    places {\n      id code name(script: $script) nameEn kind precision source areaKm2 bbox\n      geometry(tolerance: $tolerance) centroid\n      parent { id }\n      statusSummary(asOf: $asOf) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue }\n    }\n  }\n"): typeof import('./graphql').MapPlacesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilteredSummaries($asOf: DateTime, $filter: TaskFilter) {\n    places { id statusSummary(asOf: $asOf, filter: $filter) { total notStarted inProgress atRisk delayed completed meanProgress reported overdue } }\n  }\n"): typeof import('./graphql').FilteredSummariesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaceIndicatorValues($indicatorId: ID!) {\n    places { id indicatorValues(indicatorId: $indicatorId) { year value } }\n  }\n"): typeof import('./graphql').PlaceIndicatorValuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Lookups($script: Script!) {\n    departments { id name(script: $script) nameEn }\n    plan {\n      id docNumber title(script: $script) titleEn\n      sections { id ref heading(script: $script) headingEn parent { id } tasks { id }\n        children { id ref heading(script: $script) headingEn tasks { id } } }\n    }\n  }\n"): typeof import('./graphql').LookupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tasks($script: Script!, $filter: TaskFilter, $asOf: DateTime, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id kind number ref title(script: $script) titleEn\n        section { id }\n        leadDepartments { id name(script: $script) nameEn }\n        status(asOf: $asOf) progress(asOf: $asOf)\n        places { role place { id } }\n      }\n    }\n  }\n"): typeof import('./graphql').TasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskDetail($id: ID!, $script: Script!, $asOf: DateTime) {\n    task(id: $id) {\n      id kind number ref title(script: $script) titleEn text(script: $script) dueYear\n      source { start end }\n      section { id ref heading(script: $script) headingEn }\n      status(asOf: $asOf) progress(asOf: $asOf)\n      leadDepartments { id name(script: $script) nameEn }\n      places {\n        role curated\n        evidence { start end text(script: $script) }\n        place { id name(script: $script) nameEn kind precision bbox }\n      }\n      indicators {\n        id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear\n        latest { year value source } attainment\n      }\n      projects { id name(script: $script) nameEn category precision status(asOf: $asOf) }\n      obligations { id status(asOf: $asOf) progress(asOf: $asOf) place { id name(script: $script) nameEn kind } }\n    }\n  }\n"): typeof import('./graphql').TaskDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskReports($id: ID!, $script: Script!) {\n    task(id: $id) {\n      id\n      reports(first: 20) {\n        totalCount\n        nodes {\n          id status progress note createdAt asOf review reviewNote\n          author { id displayName }\n          reviewedBy { displayName }\n          place { id name(script: $script) nameEn }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TaskReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaceDetail($id: ID!, $script: Script!, $asOf: DateTime, $includeCitywide: Boolean) {\n    place(id: $id) {\n      id code name(script: $script) nameEn kind precision source areaKm2 bbox\n      parent { id name(script: $script) nameEn }\n      containedIn { id name(script: $script) nameEn kind }\n      statusSummary(asOf: $asOf, includeCitywide: $includeCitywide) {\n        total notStarted inProgress atRisk delayed completed meanProgress reported\n      }\n      obligations(includeCitywide: $includeCitywide) {\n        reasons\n        via { role place { id name(script: $script) nameEn } }\n        task {\n          id kind number ref title(script: $script) titleEn\n          status(asOf: $asOf) progress(asOf: $asOf)\n          leadDepartments { id name(script: $script) nameEn }\n        }\n      }\n      projects(first: 100) { totalCount nodes { id name(script: $script) nameEn category precision status(asOf: $asOf) } }\n    }\n  }\n"): typeof import('./graphql').PlaceDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Indicators($script: Script!) {\n    indicators {\n      id name(script: $script) nameEn unit comparator target stretchTarget baseYear targetYear\n      latest { year value source } attainment\n    }\n  }\n"): typeof import('./graphql').IndicatorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectCount { projects(first: 1) { totalCount } }\n"): typeof import('./graphql').ProjectCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MapProjects($script: Script!, $filter: ProjectFilter, $asOf: DateTime, $first: Int, $after: String) {\n    projects(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name(script: $script) nameEn category precision positionSource geometry status(asOf: $asOf) }\n    }\n  }\n"): typeof import('./graphql').MapProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectDetail($id: ID!, $script: Script!, $asOf: DateTime) {\n    project(id: $id) {\n      id name(script: $script) nameEn category precision positionSource geometry\n      status(asOf: $asOf) progress(asOf: $asOf) startYear endYear investmentCny reference\n      source { start end text(script: $script) }\n      tasks { id ref kind title(script: $script) titleEn }\n      places { id name(script: $script) nameEn kind }\n    }\n  }\n"): typeof import('./graphql').ProjectDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id username displayName role\n    department { id name(script: $script) nameEn }\n    places { id name(script: $script) nameEn obligations { task { id } } }\n  }\n"): typeof import('./graphql').SessionUserFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me($script: Script!) { me { ...SessionUser } }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!, $script: Script!) {\n    login(username: $username, password: $password) { user { ...SessionUser } }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout { logout }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportProgress($input: ReportProgressInput!) {\n    reportProgress(input: $input) { id review }\n  }\n"): typeof import('./graphql').ReportProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewReport($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewReport(id: $id, decision: $decision, note: $note) { id review }\n  }\n"): typeof import('./graphql').ReviewReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($script: Script!) {\n    reviewQueue(first: 50) {\n      id status progress note createdAt\n      author { id displayName }\n      place { id name(script: $script) nameEn }\n      task { id ref kind title(script: $script) titleEn leadDepartments { id } }\n    }\n  }\n"): typeof import('./graphql').ReviewQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportReports($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem }\n    }\n  }\n"): typeof import('./graphql').ImportReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Assessment($year: Int!, $script: Script!) {\n    assessment(year: $year) {\n      place { id name(script: $script) nameEn }\n      year obligations due met metLate delayed notReported score finalizedAt note\n      finalizedBy { id displayName }\n    }\n  }\n"): typeof import('./graphql').AssessmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {\n    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }\n  }\n"): typeof import('./graphql').FinalizeAssessmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyObligations($script: Script!, $placeIds: [ID!]!, $after: String, $afterBehind: String, $behindOnly: Boolean!) {\n    all: obligations(filter: { placeIds: $placeIds }, first: 100, after: $after) @skip(if: $behindOnly) {\n      nodes { id dueYear status progress task { id ref title(script: $script) titleEn } place { id name(script: $script) nameEn } reports(first: 1) { nodes { id review } } } pageInfo { hasNextPage endCursor }\n    }\n    behind: obligations(filter: { placeIds: $placeIds, behindTarget: true }, first: 100, after: $afterBehind) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"): typeof import('./graphql').MyObligationsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
