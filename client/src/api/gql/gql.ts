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
    "\n  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {\n    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }\n  }\n": typeof types.FinalizeAssessmentDocument,
    "\n  query Assessment($year: Int!, $script: Script!) {\n    assessment(year: $year) {\n      place { id name(script: $script) nameEn }\n      year obligations due met metLate delayed notReported score finalizedAt note\n      finalizedBy { id displayName }\n    }\n  }\n": typeof types.AssessmentDocument,
    "\n  query ConsoleIndicatorValues($script: Script!, $review: ReviewState) {\n    indicators { id name(script: $script) nameEn unit }\n    places { id name(script: $script) nameEn kind }\n    indicatorValueRecords(review: $review, first: 100) {\n      id year value source recordedAt review reviewNote\n      indicator { id name(script: $script) nameEn unit }\n      place { id name(script: $script) nameEn }\n      recordedBy { id displayName }\n    }\n  }\n": typeof types.ConsoleIndicatorValuesDocument,
    "\n  mutation ConsoleRecordValue($input: IndicatorValueInput!) {\n    recordIndicatorValue(input: $input) { id review }\n  }\n": typeof types.ConsoleRecordValueDocument,
    "\n  mutation ConsoleReviewValue($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewIndicatorValue(id: $id, decision: $decision, note: $note) { id review }\n  }\n": typeof types.ConsoleReviewValueDocument,
    "\n  query ConsoleLinkCandidates($script: Script!) {\n    linkCandidates(first: 100) {\n      totalCount\n      nodes {\n        role\n        task { id ref title(script: $script) titleEn text(script: $script) source { start } }\n        place { id name(script: $script) nameEn }\n        evidence { start end text(script: $script) }\n      }\n    }\n  }\n": typeof types.ConsoleLinkCandidatesDocument,
    "\n  query ConsoleTasks($script: Script!, $after: String) {\n    tasks(first: 100, after: $after) { nodes { id ref title(script: $script) titleEn } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.ConsoleTasksDocument,
    "\n  query ConsoleTaskLinks($id: ID!, $script: Script!) {\n    task(id: $id) {\n      id\n      places { role curated note place { id name(script: $script) nameEn } evidence { text(script: $script) } }\n    }\n    places { id kind name(script: $script) nameEn }\n  }\n": typeof types.ConsoleTaskLinksDocument,
    "\n  mutation ConsoleLink($input: LinkTaskToPlaceInput!) {\n    linkTaskToPlace(input: $input) { role curated note }\n  }\n": typeof types.ConsoleLinkDocument,
    "\n  mutation ConsoleUnlink($taskId: ID!, $placeId: ID!, $note: String) {\n    unlinkTaskFromPlace(taskId: $taskId, placeId: $placeId, note: $note)\n  }\n": typeof types.ConsoleUnlinkDocument,
    "\n  query ConsoleGeocode($address: String!, $script: Script!) {\n    geocode(address: $address) { alias precision positionSource citywide place { id name(script: $script) nameEn centroid } }\n  }\n": typeof types.ConsoleGeocodeDocument,
    "\n  query ConsolePlaceAt($lng: Float!, $lat: Float!, $script: Script!) {\n    placesAt(lng: $lng, lat: $lat) { id name(script: $script) nameEn kind }\n  }\n": typeof types.ConsolePlaceAtDocument,
    "\n  query ConsoleProject($id: ID!, $script: Script!) {\n    project(id: $id) {\n      id name(script: $script) nameEn category precision positionSource startYear endYear investmentCny reference\n      tasks { id } places { id name(script: $script) nameEn }\n    }\n  }\n": typeof types.ConsoleProjectDocument,
    "\n  mutation ConsoleUpsertProject($input: ProjectInput!, $script: Script!) {\n    upsertProject(input: $input) { id name(script: $script) precision positionSource places { id name(script: $script) nameEn } }\n  }\n": typeof types.ConsoleUpsertProjectDocument,
    "\n  mutation ConsoleImportProjects($format: ImportFormat!, $content: String!, $dryRun: Boolean!, $script: Script!) {\n    importProjects(format: $format, content: $content, dryRun: $dryRun) {\n      dryRun created updated\n      rows { row line id name action precision positionSource lng lat place { id name(script: $script) nameEn } problems { field message } }\n    }\n  }\n": typeof types.ConsoleImportProjectsDocument,
    "\n  query ConsoleTargetPlaces($script: Script!) {\n    places { id kind name(script: $script) nameEn }\n  }\n": typeof types.ConsoleTargetPlacesDocument,
    "\n  query ConsoleObligations($id: ID!, $script: Script!) {\n    place(id: $id) {\n      id\n      obligations(includeContained: false) {\n        id dueYear\n        task { id ref title(script: $script) titleEn }\n        targets { year progress }\n      }\n    }\n  }\n": typeof types.ConsoleObligationsDocument,
    "\n  mutation ConsoleSetTargets($taskId: ID!, $placeId: ID!, $targets: [YearTargetInput!]!) {\n    setObligationTargets(taskId: $taskId, placeId: $placeId, targets: $targets) { id dueYear targets { year progress } }\n  }\n": typeof types.ConsoleSetTargetsDocument,
    "\n  query ConsoleUsers($script: Script!) {\n    users { id username displayName role disabled places { id name(script: $script) nameEn } department { id name(script: $script) nameEn } }\n    places { id kind name(script: $script) nameEn }\n    departments { id name(script: $script) nameEn }\n  }\n": typeof types.ConsoleUsersDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username }\n  }\n": typeof types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) { id disabled role }\n  }\n": typeof types.ConsoleUpdateUserDocument,
    "\n  query IndicatorChartValues($script: Script!) {\n    places(filter: { kinds: [CITY, DISTRICT, COUNTY_CITY, COUNTY] }) { id name(script: $script) nameEn kind }\n    indicators {\n      id\n      values { year value source place { id name(script: $script) nameEn kind } }\n    }\n  }\n": typeof types.IndicatorChartValuesDocument,
    "\n  query MyObligations($script: Script!, $placeIds: [ID!]!, $after: String, $afterBehind: String, $behindOnly: Boolean!) {\n    all: obligations(filter: { placeIds: $placeIds }, first: 100, after: $after) @skip(if: $behindOnly) {\n      nodes { id dueYear status progress task { id ref title(script: $script) titleEn } place { id name(script: $script) nameEn } reports(first: 1) { nodes { id review } } } pageInfo { hasNextPage endCursor }\n    }\n    behind: obligations(filter: { placeIds: $placeIds, behindTarget: true }, first: 100, after: $afterBehind) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.MyObligationsDocument,
    "\n  mutation ObligationsUploadImport($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem problemCode problemField problemValue problemPlaceId problemDepartmentId problemLimit }\n    }\n  }\n": typeof types.ObligationsUploadImportDocument,
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
    "\n  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {\n    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }\n  }\n": types.FinalizeAssessmentDocument,
    "\n  query Assessment($year: Int!, $script: Script!) {\n    assessment(year: $year) {\n      place { id name(script: $script) nameEn }\n      year obligations due met metLate delayed notReported score finalizedAt note\n      finalizedBy { id displayName }\n    }\n  }\n": types.AssessmentDocument,
    "\n  query ConsoleIndicatorValues($script: Script!, $review: ReviewState) {\n    indicators { id name(script: $script) nameEn unit }\n    places { id name(script: $script) nameEn kind }\n    indicatorValueRecords(review: $review, first: 100) {\n      id year value source recordedAt review reviewNote\n      indicator { id name(script: $script) nameEn unit }\n      place { id name(script: $script) nameEn }\n      recordedBy { id displayName }\n    }\n  }\n": types.ConsoleIndicatorValuesDocument,
    "\n  mutation ConsoleRecordValue($input: IndicatorValueInput!) {\n    recordIndicatorValue(input: $input) { id review }\n  }\n": types.ConsoleRecordValueDocument,
    "\n  mutation ConsoleReviewValue($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewIndicatorValue(id: $id, decision: $decision, note: $note) { id review }\n  }\n": types.ConsoleReviewValueDocument,
    "\n  query ConsoleLinkCandidates($script: Script!) {\n    linkCandidates(first: 100) {\n      totalCount\n      nodes {\n        role\n        task { id ref title(script: $script) titleEn text(script: $script) source { start } }\n        place { id name(script: $script) nameEn }\n        evidence { start end text(script: $script) }\n      }\n    }\n  }\n": types.ConsoleLinkCandidatesDocument,
    "\n  query ConsoleTasks($script: Script!, $after: String) {\n    tasks(first: 100, after: $after) { nodes { id ref title(script: $script) titleEn } pageInfo { hasNextPage endCursor } }\n  }\n": types.ConsoleTasksDocument,
    "\n  query ConsoleTaskLinks($id: ID!, $script: Script!) {\n    task(id: $id) {\n      id\n      places { role curated note place { id name(script: $script) nameEn } evidence { text(script: $script) } }\n    }\n    places { id kind name(script: $script) nameEn }\n  }\n": types.ConsoleTaskLinksDocument,
    "\n  mutation ConsoleLink($input: LinkTaskToPlaceInput!) {\n    linkTaskToPlace(input: $input) { role curated note }\n  }\n": types.ConsoleLinkDocument,
    "\n  mutation ConsoleUnlink($taskId: ID!, $placeId: ID!, $note: String) {\n    unlinkTaskFromPlace(taskId: $taskId, placeId: $placeId, note: $note)\n  }\n": types.ConsoleUnlinkDocument,
    "\n  query ConsoleGeocode($address: String!, $script: Script!) {\n    geocode(address: $address) { alias precision positionSource citywide place { id name(script: $script) nameEn centroid } }\n  }\n": types.ConsoleGeocodeDocument,
    "\n  query ConsolePlaceAt($lng: Float!, $lat: Float!, $script: Script!) {\n    placesAt(lng: $lng, lat: $lat) { id name(script: $script) nameEn kind }\n  }\n": types.ConsolePlaceAtDocument,
    "\n  query ConsoleProject($id: ID!, $script: Script!) {\n    project(id: $id) {\n      id name(script: $script) nameEn category precision positionSource startYear endYear investmentCny reference\n      tasks { id } places { id name(script: $script) nameEn }\n    }\n  }\n": types.ConsoleProjectDocument,
    "\n  mutation ConsoleUpsertProject($input: ProjectInput!, $script: Script!) {\n    upsertProject(input: $input) { id name(script: $script) precision positionSource places { id name(script: $script) nameEn } }\n  }\n": types.ConsoleUpsertProjectDocument,
    "\n  mutation ConsoleImportProjects($format: ImportFormat!, $content: String!, $dryRun: Boolean!, $script: Script!) {\n    importProjects(format: $format, content: $content, dryRun: $dryRun) {\n      dryRun created updated\n      rows { row line id name action precision positionSource lng lat place { id name(script: $script) nameEn } problems { field message } }\n    }\n  }\n": types.ConsoleImportProjectsDocument,
    "\n  query ConsoleTargetPlaces($script: Script!) {\n    places { id kind name(script: $script) nameEn }\n  }\n": types.ConsoleTargetPlacesDocument,
    "\n  query ConsoleObligations($id: ID!, $script: Script!) {\n    place(id: $id) {\n      id\n      obligations(includeContained: false) {\n        id dueYear\n        task { id ref title(script: $script) titleEn }\n        targets { year progress }\n      }\n    }\n  }\n": types.ConsoleObligationsDocument,
    "\n  mutation ConsoleSetTargets($taskId: ID!, $placeId: ID!, $targets: [YearTargetInput!]!) {\n    setObligationTargets(taskId: $taskId, placeId: $placeId, targets: $targets) { id dueYear targets { year progress } }\n  }\n": types.ConsoleSetTargetsDocument,
    "\n  query ConsoleUsers($script: Script!) {\n    users { id username displayName role disabled places { id name(script: $script) nameEn } department { id name(script: $script) nameEn } }\n    places { id kind name(script: $script) nameEn }\n    departments { id name(script: $script) nameEn }\n  }\n": types.ConsoleUsersDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username }\n  }\n": types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) { id disabled role }\n  }\n": types.ConsoleUpdateUserDocument,
    "\n  query IndicatorChartValues($script: Script!) {\n    places(filter: { kinds: [CITY, DISTRICT, COUNTY_CITY, COUNTY] }) { id name(script: $script) nameEn kind }\n    indicators {\n      id\n      values { year value source place { id name(script: $script) nameEn kind } }\n    }\n  }\n": types.IndicatorChartValuesDocument,
    "\n  query MyObligations($script: Script!, $placeIds: [ID!]!, $after: String, $afterBehind: String, $behindOnly: Boolean!) {\n    all: obligations(filter: { placeIds: $placeIds }, first: 100, after: $after) @skip(if: $behindOnly) {\n      nodes { id dueYear status progress task { id ref title(script: $script) titleEn } place { id name(script: $script) nameEn } reports(first: 1) { nodes { id review } } } pageInfo { hasNextPage endCursor }\n    }\n    behind: obligations(filter: { placeIds: $placeIds, behindTarget: true }, first: 100, after: $afterBehind) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": types.MyObligationsDocument,
    "\n  mutation ObligationsUploadImport($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem problemCode problemField problemValue problemPlaceId problemDepartmentId problemLimit }\n    }\n  }\n": types.ObligationsUploadImportDocument,
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
export function graphql(source: "\n  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {\n    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }\n  }\n"): typeof import('./graphql').FinalizeAssessmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Assessment($year: Int!, $script: Script!) {\n    assessment(year: $year) {\n      place { id name(script: $script) nameEn }\n      year obligations due met metLate delayed notReported score finalizedAt note\n      finalizedBy { id displayName }\n    }\n  }\n"): typeof import('./graphql').AssessmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleIndicatorValues($script: Script!, $review: ReviewState) {\n    indicators { id name(script: $script) nameEn unit }\n    places { id name(script: $script) nameEn kind }\n    indicatorValueRecords(review: $review, first: 100) {\n      id year value source recordedAt review reviewNote\n      indicator { id name(script: $script) nameEn unit }\n      place { id name(script: $script) nameEn }\n      recordedBy { id displayName }\n    }\n  }\n"): typeof import('./graphql').ConsoleIndicatorValuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRecordValue($input: IndicatorValueInput!) {\n    recordIndicatorValue(input: $input) { id review }\n  }\n"): typeof import('./graphql').ConsoleRecordValueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleReviewValue($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewIndicatorValue(id: $id, decision: $decision, note: $note) { id review }\n  }\n"): typeof import('./graphql').ConsoleReviewValueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleLinkCandidates($script: Script!) {\n    linkCandidates(first: 100) {\n      totalCount\n      nodes {\n        role\n        task { id ref title(script: $script) titleEn text(script: $script) source { start } }\n        place { id name(script: $script) nameEn }\n        evidence { start end text(script: $script) }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleLinkCandidatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTasks($script: Script!, $after: String) {\n    tasks(first: 100, after: $after) { nodes { id ref title(script: $script) titleEn } pageInfo { hasNextPage endCursor } }\n  }\n"): typeof import('./graphql').ConsoleTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTaskLinks($id: ID!, $script: Script!) {\n    task(id: $id) {\n      id\n      places { role curated note place { id name(script: $script) nameEn } evidence { text(script: $script) } }\n    }\n    places { id kind name(script: $script) nameEn }\n  }\n"): typeof import('./graphql').ConsoleTaskLinksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLink($input: LinkTaskToPlaceInput!) {\n    linkTaskToPlace(input: $input) { role curated note }\n  }\n"): typeof import('./graphql').ConsoleLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUnlink($taskId: ID!, $placeId: ID!, $note: String) {\n    unlinkTaskFromPlace(taskId: $taskId, placeId: $placeId, note: $note)\n  }\n"): typeof import('./graphql').ConsoleUnlinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleGeocode($address: String!, $script: Script!) {\n    geocode(address: $address) { alias precision positionSource citywide place { id name(script: $script) nameEn centroid } }\n  }\n"): typeof import('./graphql').ConsoleGeocodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePlaceAt($lng: Float!, $lat: Float!, $script: Script!) {\n    placesAt(lng: $lng, lat: $lat) { id name(script: $script) nameEn kind }\n  }\n"): typeof import('./graphql').ConsolePlaceAtDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProject($id: ID!, $script: Script!) {\n    project(id: $id) {\n      id name(script: $script) nameEn category precision positionSource startYear endYear investmentCny reference\n      tasks { id } places { id name(script: $script) nameEn }\n    }\n  }\n"): typeof import('./graphql').ConsoleProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpsertProject($input: ProjectInput!, $script: Script!) {\n    upsertProject(input: $input) { id name(script: $script) precision positionSource places { id name(script: $script) nameEn } }\n  }\n"): typeof import('./graphql').ConsoleUpsertProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleImportProjects($format: ImportFormat!, $content: String!, $dryRun: Boolean!, $script: Script!) {\n    importProjects(format: $format, content: $content, dryRun: $dryRun) {\n      dryRun created updated\n      rows { row line id name action precision positionSource lng lat place { id name(script: $script) nameEn } problems { field message } }\n    }\n  }\n"): typeof import('./graphql').ConsoleImportProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTargetPlaces($script: Script!) {\n    places { id kind name(script: $script) nameEn }\n  }\n"): typeof import('./graphql').ConsoleTargetPlacesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleObligations($id: ID!, $script: Script!) {\n    place(id: $id) {\n      id\n      obligations(includeContained: false) {\n        id dueYear\n        task { id ref title(script: $script) titleEn }\n        targets { year progress }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleObligationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetTargets($taskId: ID!, $placeId: ID!, $targets: [YearTargetInput!]!) {\n    setObligationTargets(taskId: $taskId, placeId: $placeId, targets: $targets) { id dueYear targets { year progress } }\n  }\n"): typeof import('./graphql').ConsoleSetTargetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUsers($script: Script!) {\n    users { id username displayName role disabled places { id name(script: $script) nameEn } department { id name(script: $script) nameEn } }\n    places { id kind name(script: $script) nameEn }\n    departments { id name(script: $script) nameEn }\n  }\n"): typeof import('./graphql').ConsoleUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username }\n  }\n"): typeof import('./graphql').ConsoleCreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) { id disabled role }\n  }\n"): typeof import('./graphql').ConsoleUpdateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorChartValues($script: Script!) {\n    places(filter: { kinds: [CITY, DISTRICT, COUNTY_CITY, COUNTY] }) { id name(script: $script) nameEn kind }\n    indicators {\n      id\n      values { year value source place { id name(script: $script) nameEn kind } }\n    }\n  }\n"): typeof import('./graphql').IndicatorChartValuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyObligations($script: Script!, $placeIds: [ID!]!, $after: String, $afterBehind: String, $behindOnly: Boolean!) {\n    all: obligations(filter: { placeIds: $placeIds }, first: 100, after: $after) @skip(if: $behindOnly) {\n      nodes { id dueYear status progress task { id ref title(script: $script) titleEn } place { id name(script: $script) nameEn } reports(first: 1) { nodes { id review } } } pageInfo { hasNextPage endCursor }\n    }\n    behind: obligations(filter: { placeIds: $placeIds, behindTarget: true }, first: 100, after: $afterBehind) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"): typeof import('./graphql').MyObligationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ObligationsUploadImport($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem problemCode problemField problemValue problemPlaceId problemDepartmentId problemLimit }\n    }\n  }\n"): typeof import('./graphql').ObligationsUploadImportDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
