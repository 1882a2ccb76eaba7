/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO 8601 calendar date, "2014-05-01" */
  Date: { input: string; output: string; }
  /** An instant as an ISO 8601 string with offset, e.g. 2014-06-30T00:00:00+08:00 (a bare date means midnight UTC). */
  DateTime: { input: string; output: string; }
  /** An RFC 7946 Geometry object (Point, Polygon, MultiPolygon, ...), WGS84 [lng, lat]. */
  GeoJSON: { input: GeoJSON.Geometry; output: GeoJSON.Geometry; }
};

/** v2. One area's record for one plan year. An obligation is due in a year when it has a target for that year (or falls due that year); it is met when its approved progress as of 31 December of that year reaches the target. */
export type AreaAssessment = {
  __typename?: 'AreaAssessment';
  /** due, not met, with status DELAYED or AT_RISK at the year's end */
  delayed: Scalars['Int']['output'];
  due: Scalars['Int']['output'];
  /** Null until a planner finalizes it; then the figures above are those frozen at that moment. */
  finalizedAt: Maybe<Scalars['DateTime']['output']>;
  finalizedBy: Maybe<User>;
  met: Scalars['Int']['output'];
  /** reached after 31 December of the year (as known now): due, not met by the year's end, met by the approved reports known now */
  metLate: Scalars['Int']['output'];
  /** due, with no approved report dated by the year's end */
  notReported: Scalars['Int']['output'];
  note: Maybe<Scalars['String']['output']>;
  /** all obligations of the place (contained zones' included) */
  obligations: Scalars['Int']['output'];
  place: Place;
  /** met / due; null when nothing is due. */
  score: Maybe<Scalars['Float']['output']>;
  year: Scalars['Int']['output'];
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Bearer token; also set as an HttpOnly cookie for the web client. */
  token: Scalars['String']['output'];
  user: User;
};

export type Comparator =
  | 'AT_LEAST'
  | 'AT_MOST'
  | 'REACH'
  | 'REDUCE_BY';

export type CreateUserInput = {
  /** DEPARTMENT: the department they report for. */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  displayName: Scalars['String']['input'];
  /** At least 10 characters. */
  password: Scalars['String']['input'];
  /** AREA_LEADER: the places they answer for. */
  placeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  role: Role;
  /** 3-40 characters: lower-case letters, digits, . _ - */
  username: Scalars['String']['input'];
};

/** A lead unit named by the plan (牵头部门/牵头单位): a city bureau, a district government, a zone committee. */
export type Department = {
  __typename?: 'Department';
  /** Stable slug: "city-land-resources-bureau". */
  id: Scalars['ID']['output'];
  /** The place whose government this is (古交市政府 -> Gujiao), if any. */
  jurisdiction: Maybe<Place>;
  /** As printed: 市国土局. */
  name: Scalars['String']['output'];
  nameEn: Scalars['String']['output'];
  /** Tasks it leads. */
  tasks: Array<Task>;
};


/** A lead unit named by the plan (牵头部门/牵头单位): a city bureau, a district government, a zone committee. */
export type DepartmentNameArgs = {
  script?: InputMaybe<Script>;
};

/** How exactly a place's geometry is known, after the AidData geocoding precision codes. */
export type GeoPrecision =
  | 'ADM2'
  | 'ADM3'
  | 'APPROXIMATE'
  | 'EXACT'
  | 'NEAR';

/** Where a project would be placed, before it is saved. */
export type GeocodeResult = {
  __typename?: 'GeocodeResult';
  /** The alias of the gazetteer that matched, as spelled there. */
  alias: Scalars['String']['output'];
  /** Known only to lie somewhere in the city (ADM2): such a project is listed (city-wide), not drawn at a point. */
  citywide: Scalars['Boolean']['output'];
  /** The gazetteer place matched (its centroid is where the project would be drawn, unless citywide). */
  place: Place;
  /** The positionSource a project placed here would have. */
  positionSource: Scalars['String']['output'];
  /** The precision a project placed here would have. */
  precision: GeoPrecision;
};

/** What an import does with one row. */
export type ImportAction =
  | 'CREATE'
  | 'REFUSED'
  | 'UNCHANGED'
  | 'UPDATE';

export type ImportFormat =
  | 'CSV'
  | 'GEOJSON';

export type ImportProblem = {
  __typename?: 'ImportProblem';
  /** The column (CSV) or property (GeoJSON) the problem is about, e.g. task_ids, place, lng; null: the row as a whole. */
  field: Maybe<Scalars['String']['output']>;
  /** What is wrong and what was expected. */
  message: Scalars['String']['output'];
  /** 1-based data row or feature index. */
  row: Scalars['Int']['output'];
};

export type ImportResult = {
  __typename?: 'ImportResult';
  created: Scalars['Int']['output'];
  dryRun: Scalars['Boolean']['output'];
  refused: Array<ImportProblem>;
  /** Every row in file order, accepted or refused. */
  rows: Array<ImportRow>;
  updated: Scalars['Int']['output'];
};

/** One row (CSV) or feature (GeoJSON) of an import: what it becomes, where, and how precisely; or why it is refused. */
export type ImportRow = {
  __typename?: 'ImportRow';
  action: ImportAction;
  /** The project id (given, or generated from the row's content). */
  id: Maybe<Scalars['ID']['output']>;
  lat: Maybe<Scalars['Float']['output']>;
  /** CSV: the file line the row starts on (the header is line 1). */
  line: Maybe<Scalars['Int']['output']>;
  /** Given point coordinates, when the position is a point. */
  lng: Maybe<Scalars['Float']['output']>;
  /** The name, in traditional script as stored. */
  name: Maybe<Scalars['String']['output']>;
  /** The gazetteer place a row given by place name is placed at. */
  place: Maybe<Place>;
  positionSource: Maybe<Scalars['String']['output']>;
  precision: Maybe<GeoPrecision>;
  problems: Array<ImportProblem>;
  /** 1-based data row or feature index. */
  row: Scalars['Int']['output'];
};

/** A quantified target of the plan (三、主要目标). */
export type Indicator = {
  __typename?: 'Indicator';
  /** How far the latest value is toward the target (1.0 = met); null without a value. */
  attainment: Maybe<Scalars['Float']['output']>;
  /** For REDUCE_BY: the year the reduction is measured against (2010). */
  baseYear: Maybe<Scalars['Int']['output']>;
  comparator: Comparator;
  /** Stable slug: "forest-coverage". */
  id: Scalars['ID']['output'];
  /** Latest value at the scope place (or placeId). */
  latest: Maybe<IndicatorValue>;
  name: Scalars['String']['output'];
  nameEn: Scalars['String']['output'];
  /** Where the target applies (the city). */
  scope: Place;
  source: SourceSpan;
  /** 力争: the level the plan strives for beyond the target. */
  stretchTarget: Maybe<Scalars['Float']['output']>;
  target: Scalars['Float']['output'];
  targetYear: Scalars['Int']['output'];
  tasks: Array<Task>;
  /** "%", "CNY" ... */
  unit: Scalars['String']['output'];
  values: Array<IndicatorValue>;
};


/** A quantified target of the plan (三、主要目标). */
export type IndicatorAttainmentArgs = {
  placeId?: InputMaybe<Scalars['ID']['input']>;
};


/** A quantified target of the plan (三、主要目标). */
export type IndicatorLatestArgs = {
  placeId?: InputMaybe<Scalars['ID']['input']>;
};


/** A quantified target of the plan (三、主要目标). */
export type IndicatorNameArgs = {
  script?: InputMaybe<Script>;
};


/** A quantified target of the plan (三、主要目标). */
export type IndicatorValuesArgs = {
  fromYear?: InputMaybe<Scalars['Int']['input']>;
  placeId?: InputMaybe<Scalars['ID']['input']>;
  toYear?: InputMaybe<Scalars['Int']['input']>;
};

/** A recorded figure of an indicator for a place and year, with its source. */
export type IndicatorValue = {
  __typename?: 'IndicatorValue';
  /** The recording (a correction is a newer recording). */
  id: Scalars['ID']['output'];
  indicator: Indicator;
  place: Place;
  recordedAt: Scalars['DateTime']['output'];
  /** Null for anonymous users and viewers. */
  recordedBy: Maybe<User>;
  /** Figures recorded by area leaders and department users are SUBMITTED until a planner approves or returns them; a planner's own are APPROVED. Only APPROVED figures count. */
  review: ReviewState;
  reviewNote: Maybe<Scalars['String']['output']>;
  reviewedAt: Maybe<Scalars['DateTime']['output']>;
  /** Null for anonymous users and viewers. */
  reviewedBy: Maybe<User>;
  /** Where the figure comes from (yearbook, bulletin, report). */
  source: Scalars['String']['output'];
  value: Scalars['Float']['output'];
  year: Scalars['Int']['output'];
};

export type IndicatorValueInput = {
  indicatorId: Scalars['ID']['input'];
  placeId: Scalars['ID']['input'];
  source: Scalars['String']['input'];
  value: Scalars['Float']['input'];
  year: Scalars['Int']['input'];
};

/** A page of the linker's uncertain matches (Query.linkCandidates). */
export type LinkCandidateConnection = {
  __typename?: 'LinkCandidateConnection';
  nodes: Array<TaskPlace>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type LinkTaskToPlaceInput = {
  note?: InputMaybe<Scalars['String']['input']>;
  placeId: Scalars['ID']['input'];
  role: PlaceRole;
  taskId: Scalars['ID']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Planners only. Passwords are at least 10 characters; usernames are unique. */
  createUser: User;
  /** v2. Planners: freeze one area's assessment for a year; later reports do not change a finalized assessment. Finalizing twice is a CONFLICT. */
  finalizeAssessment: AreaAssessment;
  /** Planners: import many projects at once (CSV or GeoJSON text). dryRun reports what would change and what is refused, row by row, and writes nothing. */
  importProjects: ImportResult;
  /** Upload a filled-in obligations CSV (from /export/obligations/<placeId>.csv: task_id, new_status, new_progress, note, and optionally as_of: the date each row describes, default today). dryRun (default) reports row by row what would be filed and what is refused, writing nothing; otherwise every valid row is filed in one transaction (with allOrNothing: nothing at all if any row is refused). A row filed before (same author, place, task, status, progress, note and date) is skipped, so uploading a file twice files nothing new. */
  importReports: ReportImportResult;
  /** Planners only. Curated links survive re-import. */
  linkTaskToPlace: TaskPlace;
  /** Exchange credentials for a bearer token (also set as an HttpOnly cookie for the web client). */
  login: AuthPayload;
  /** Revokes the current session's token and clears the cookie. */
  logout: Scalars['Boolean']['output'];
  /** Planners, and area leaders for their own places. */
  recordIndicatorValue: IndicatorValue;
  /** Area leaders may report only on obligations of their own places (placeId is then required); department users only on tasks their department leads; planners on any. v2: a report is about one obligation and describes the state on input.asOf. */
  reportProgress: ProgressReport;
  /** Planners approve or return a SUBMITTED indicator figure (recorded by an area leader or a department user); only APPROVED figures count. Reviewing twice is a CONFLICT. */
  reviewIndicatorValue: IndicatorValue;
  /** Planners, or the lead department for its own tasks, accept or send back a submitted report. Only APPROVED reports change a task's status and progress. */
  reviewReport: ProgressReport;
  /** v2. Planners: the progress an obligation is expected to reach by the end of each plan year (the county's annual targets). */
  setObligationTargets: Obligation;
  /** Planners only. The removal survives re-import. */
  unlinkTaskFromPlace: Scalars['Boolean']['output'];
  /** Planners only: change an account (name, role, places or department, password, disabled). A planner cannot disable or demote themselves; the last enabled planner stays one. */
  updateUser: User;
  /** Planners: add or change a concrete project; a position may be given as coordinates or as a place name to geocode. */
  upsertProject: Project;
};


export type MutationCreateUserArgs = {
  input: CreateUserInput;
};


export type MutationFinalizeAssessmentArgs = {
  note?: InputMaybe<Scalars['String']['input']>;
  placeId: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};


export type MutationImportProjectsArgs = {
  content: Scalars['String']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  format: ImportFormat;
};


export type MutationImportReportsArgs = {
  allOrNothing?: InputMaybe<Scalars['Boolean']['input']>;
  content: Scalars['String']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  placeId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationLinkTaskToPlaceArgs = {
  input: LinkTaskToPlaceInput;
};


export type MutationLoginArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationRecordIndicatorValueArgs = {
  input: IndicatorValueInput;
};


export type MutationReportProgressArgs = {
  input: ReportProgressInput;
};


export type MutationReviewIndicatorValueArgs = {
  decision: ReviewDecision;
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationReviewReportArgs = {
  decision: ReviewDecision;
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSetObligationTargetsArgs = {
  placeId: Scalars['ID']['input'];
  targets: Array<YearTargetInput>;
  taskId: Scalars['ID']['input'];
};


export type MutationUnlinkTaskFromPlaceArgs = {
  note?: InputMaybe<Scalars['String']['input']>;
  placeId: Scalars['ID']['input'];
  taskId: Scalars['ID']['input'];
};


export type MutationUpdateUserArgs = {
  id: Scalars['ID']['input'];
  input: UpdateUserInput;
};


export type MutationUpsertProjectArgs = {
  input: ProjectInput;
};

export type NearInput = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
  /** Greater than 0 and at most 200 000. */
  radiusMeters: Scalars['Float']['input'];
};

/** A task this place must carry out, each task once, with every reason. */
export type Obligation = {
  __typename?: 'Obligation';
  /** v2: the plan year it falls due: the last year with a target, else the task's dueYear. */
  dueYear: Scalars['Int']['output'];
  /** v2: "<taskId>@<placeId>", e.g. "reform-14@gujiao" */
  id: Scalars['ID']['output'];
  place: Place;
  /** v2: 0-100 from the same report; null when none. */
  progress: Maybe<Scalars['Float']['output']>;
  reasons: Array<ObligationReason>;
  /** v2: reports on this obligation, newest first; anonymous users and viewers see only APPROVED ones. */
  reports: ProgressReportConnection;
  /** v2: this place's own status: from its latest APPROVED report whose asOf is on or before asOf (default: now); NOT_STARTED when none. Another place's reports never change it. */
  status: TaskStatus;
  /** v2: expected progress by the end of each year (set by planners); empty = only the task's dueYear, at 100. */
  targets: Array<YearTarget>;
  task: Task;
  /** The links that make it one (empty for LEAD and APPLIES_TO_ALL). */
  via: Array<TaskPlace>;
};


/** A task this place must carry out, each task once, with every reason. */
export type ObligationProgressArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


/** A task this place must carry out, each task once, with every reason. */
export type ObligationReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A task this place must carry out, each task once, with every reason. */
export type ObligationStatusArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};

/** v2 */
export type ObligationConnection = {
  __typename?: 'ObligationConnection';
  nodes: Array<Obligation>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

/** v2 */
export type ObligationFilter = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only obligations whose target for its year is not met as of asOf. */
  behindTarget?: InputMaybe<Scalars['Boolean']['input']>;
  dueYear?: InputMaybe<Scalars['Int']['input']>;
  /** a county's obligations include those of zones inside it */
  includeContained?: InputMaybe<Scalars['Boolean']['input']>;
  kinds?: InputMaybe<Array<TaskKind>>;
  placeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  statuses?: InputMaybe<Array<TaskStatus>>;
  taskIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Why a task counts as an obligation of a place. */
export type ObligationReason =
  | 'APPLIES_TO_ALL'
  | 'CITYWIDE'
  | 'CONTAINED'
  | 'DIRECT'
  | 'LEAD';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas. */
export type Place = {
  __typename?: 'Place';
  /** The forms the plan uses, in both scripts: 古交, 古交市 ... */
  aliases: Array<Scalars['String']['output']>;
  /** Area on the ellipsoid in km²; null for points. */
  areaKm2: Maybe<Scalars['Float']['output']>;
  /** [west, south, east, north] */
  bbox: Array<Scalars['Float']['output']>;
  /** A point guaranteed to lie inside the geometry. */
  centroid: Scalars['GeoJSON']['output'];
  children: Array<Place>;
  /** GB/T 2260 code where one exists. */
  code: Maybe<Scalars['String']['output']>;
  /** Places whose geometry contains this one (computed spatially), largest first. */
  containedIn: Array<Place>;
  /** GeoJSON geometry; tolerance (degrees) simplifies it for display. */
  geometry: Scalars['GeoJSON']['output'];
  /** Stable slug: "gujiao", "fendong-new-district", "wusu-bonded-zone". */
  id: Scalars['ID']['output'];
  indicatorValues: Array<IndicatorValue>;
  kind: PlaceKind;
  name: Scalars['String']['output'];
  nameEn: Scalars['String']['output'];
  /** What this place must do under the plan, each task once, with why. */
  obligations: Array<Obligation>;
  /** Administrative parent. */
  parent: Maybe<Place>;
  precision: GeoPrecision;
  /** Projects lying in this place (and places inside it). */
  projects: ProjectConnection;
  /** Provenance and licence of the geometry, and how sure the position is. */
  source: Scalars['String']['output'];
  /** Share of its obligations by status, for choropleths. */
  statusSummary: StatusSummary;
  tasks: Array<TaskPlace>;
};


/** A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas. */
export type PlaceGeometryArgs = {
  tolerance?: InputMaybe<Scalars['Float']['input']>;
};


/** A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas. */
export type PlaceIndicatorValuesArgs = {
  indicatorId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


/** A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas. */
export type PlaceNameArgs = {
  script?: InputMaybe<Script>;
};


/** A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas. */
export type PlaceObligationsArgs = {
  includeCitywide?: InputMaybe<Scalars['Boolean']['input']>;
  includeContained?: InputMaybe<Scalars['Boolean']['input']>;
  kinds?: InputMaybe<Array<TaskKind>>;
};


/** A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas. */
export type PlaceProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas. */
export type PlaceStatusSummaryArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  filter?: InputMaybe<TaskFilter>;
  includeCitywide?: InputMaybe<Scalars['Boolean']['input']>;
};


/** A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas. */
export type PlaceTasksArgs = {
  filter?: InputMaybe<TaskFilter>;
};

export type PlaceFilter = {
  /** [west, south, east, north] */
  bbox?: InputMaybe<Array<Scalars['Float']['input']>>;
  kinds?: InputMaybe<Array<PlaceKind>>;
  near?: InputMaybe<NearInput>;
  /** Part of a name or alias, either script, or English. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** A Polygon/MultiPolygon the place's geometry intersects. */
  within?: InputMaybe<Scalars['GeoJSON']['input']>;
};

export type PlaceKind =
  | 'BONDED_ZONE'
  | 'CITY'
  | 'COUNTY'
  | 'COUNTY_CITY'
  | 'DEVELOPMENT_ZONE'
  | 'DISTRICT'
  | 'EXTERNAL'
  | 'HERITAGE_SITE'
  | 'NEW_DISTRICT'
  | 'OTHER'
  | 'SCENIC_AREA'
  | 'WATER_SOURCE';

/** Why a task is linked to a place. */
export type PlaceRole =
  | 'APPLIES'
  | 'LEAD'
  | 'MENTION'
  | 'PILOT'
  | 'SUBJECT';

/** A plan document turned into data. The seeded one is Taiyuan's 2013-2015 implementation plan. */
export type Plan = {
  __typename?: 'Plan';
  /** The document number as printed, e.g. 并政发〔2013〕30号. */
  docNumber: Scalars['String']['output'];
  /** Stable slug, e.g. "taiyuan-2013-30". */
  id: Scalars['ID']['output'];
  indicators: Array<Indicator>;
  /** Date of issue, YYYY-MM-DD. */
  issuedOn: Scalars['String']['output'];
  issuer: Scalars['String']['output'];
  periodEnd: Scalars['Int']['output'];
  periodStart: Scalars['Int']['output'];
  /** Passages of the source that could not be read cleanly, and how each was resolved. */
  repairs: Array<TextRepair>;
  sections: Array<Section>;
  /** The normalised source text; every SourceSpan points into it. */
  sourceText: Scalars['String']['output'];
  tasks: TaskConnection;
  title: Scalars['String']['output'];
  titleEn: Scalars['String']['output'];
};


/** A plan document turned into data. The seeded one is Taiyuan's 2013-2015 implementation plan. */
export type PlanIssuerArgs = {
  script?: InputMaybe<Script>;
};


/** A plan document turned into data. The seeded one is Taiyuan's 2013-2015 implementation plan. */
export type PlanSourceTextArgs = {
  script?: InputMaybe<Script>;
};


/** A plan document turned into data. The seeded one is Taiyuan's 2013-2015 implementation plan. */
export type PlanTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A plan document turned into data. The seeded one is Taiyuan's 2013-2015 implementation plan. */
export type PlanTitleArgs = {
  script?: InputMaybe<Script>;
};

/** A progress report on a task (or one of its places or projects). Append-only; only APPROVED reports count. */
export type ProgressReport = {
  __typename?: 'ProgressReport';
  /** v2: the date the report describes. */
  asOf: Scalars['Date']['output'];
  /** v2: null for anonymous users and viewers. */
  author: Maybe<User>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  note: Scalars['String']['output'];
  /** The area reported for; null = whole task. */
  place: Maybe<Place>;
  /** 0-100 */
  progress: Maybe<Scalars['Float']['output']>;
  /** When the report is on one project. */
  project: Maybe<Project>;
  review: ReviewState;
  reviewNote: Maybe<Scalars['String']['output']>;
  reviewedAt: Maybe<Scalars['DateTime']['output']>;
  /** Null for anonymous users and viewers, as the author. */
  reviewedBy: Maybe<User>;
  status: TaskStatus;
  task: Task;
};

export type ProgressReportConnection = {
  __typename?: 'ProgressReportConnection';
  nodes: Array<ProgressReport>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

/** A concrete, located undertaking that serves a task: a park, a plant, a district, a rail line, one of the 50 city-level major projects. */
export type Project = {
  __typename?: 'Project';
  category: Maybe<ProjectCategory>;
  endYear: Maybe<Scalars['Int']['output']>;
  /** Point, LineString, Polygon or Multi*. */
  geometry: Maybe<Scalars['GeoJSON']['output']>;
  id: Scalars['ID']['output'];
  /** Planned investment, yuan. */
  investmentCny: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  /** Places containing it (computed spatially), smallest first. */
  places: Array<Place>;
  /** How the position was obtained: given coordinates, geocoded from a place name (which), or drawn by hand. */
  positionSource: Scalars['String']['output'];
  precision: GeoPrecision;
  /** 0-100 from the same report; null when none. */
  progress: Maybe<Scalars['Float']['output']>;
  /** Where it comes from otherwise (a project list, a bulletin). */
  reference: Maybe<Scalars['String']['output']>;
  /** The words of the plan that name it, when it comes from the plan. */
  source: Maybe<SourceSpan>;
  startYear: Maybe<Scalars['Int']['output']>;
  /** From the latest APPROVED report on this project on or before asOf (default: now); NOT_STARTED when none. */
  status: TaskStatus;
  /** The tasks it serves. */
  tasks: Array<Task>;
};


/** A concrete, located undertaking that serves a task: a park, a plant, a district, a rail line, one of the 50 city-level major projects. */
export type ProjectNameArgs = {
  script?: InputMaybe<Script>;
};


/** A concrete, located undertaking that serves a task: a park, a plant, a district, a rail line, one of the 50 city-level major projects. */
export type ProjectProgressArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


/** A concrete, located undertaking that serves a task: a park, a plant, a district, a rail line, one of the 50 city-level major projects. */
export type ProjectStatusArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};

export type ProjectCategory =
  | 'ECOLOGICAL_RESTORATION'
  | 'INDUSTRIAL_TRANSFORMATION'
  | 'LIVELIHOOD'
  | 'URBAN_RURAL_INTEGRATION';

export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  nodes: Array<Project>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ProjectFilter = {
  categories?: InputMaybe<Array<ProjectCategory>>;
  spatial?: InputMaybe<SpatialFilter>;
  statuses?: InputMaybe<Array<TaskStatus>>;
  taskIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  text?: InputMaybe<Scalars['String']['input']>;
  /** Active in that year. */
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type ProjectInput = {
  category?: InputMaybe<ProjectCategory>;
  endYear?: InputMaybe<Scalars['Int']['input']>;
  /** Either this ... */
  geometry?: InputMaybe<Scalars['GeoJSON']['input']>;
  /** Absent: create. */
  id?: InputMaybe<Scalars['ID']['input']>;
  investmentCny?: InputMaybe<Scalars['Float']['input']>;
  name: Scalars['String']['input'];
  nameEn?: InputMaybe<Scalars['String']['input']>;
  /** ... or a name to geocode against the gazetteer (e.g. 清徐开发区). */
  placeName?: InputMaybe<Scalars['String']['input']>;
  reference?: InputMaybe<Scalars['String']['input']>;
  startYear?: InputMaybe<Scalars['Int']['input']>;
  taskIds: Array<Scalars['ID']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** v2. The annual assessment (考核评价, plan section 九): one row per county-level unit or zone, for one plan year. */
  assessment: Array<AreaAssessment>;
  department: Maybe<Department>;
  departments: Array<Department>;
  /** Planners: where a project given this place name (placeName of upsertProject) would be placed, and how precisely, before saving. Null when it matches no place. */
  geocode: Maybe<GeocodeResult>;
  indicator: Maybe<Indicator>;
  /** Recorded indicator figures, every recording (not only the latest per year), newest first: APPROVED ones for everybody; SUBMITTED and RETURNED ones for planners and for whoever recorded them. */
  indicatorValueRecords: Array<IndicatorValue>;
  indicators: Array<Indicator>;
  /** Planners only: the linker's uncertain matches, not yet confirmed: a place named only in passing (MENTION) or found through a short form or collective expression (太礦, 三縣一市) rather than its name; in plan order, each with its evidence. Confirm one with linkTaskToPlace (same role: it becomes curated), reject it with unlinkTaskFromPlace. */
  linkCandidates: LinkCandidateConnection;
  /** The signed-in user, or null. */
  me: Maybe<User>;
  /** v2. Obligations (task x place), location-filtered like tasks; each with its own status. */
  obligations: ObligationConnection;
  /** A place by slug ("gujiao") or by GB/T 2260 code ("140181"). */
  place: Maybe<Place>;
  places: Array<Place>;
  /** Every place whose geometry contains the point, smallest area first. */
  placesAt: Array<Place>;
  /** A plan by id; without an id, the first (seeded) plan. */
  plan: Maybe<Plan>;
  /** The plans loaded. The seeded one is the Taiyuan 2013-2015 plan. */
  plans: Array<Plan>;
  project: Maybe<Project>;
  projects: ProjectConnection;
  /** Submitted reports the signed-in user may review (planners: all; department users: their tasks), oldest first. */
  reviewQueue: Array<ProgressReport>;
  /** Free-text search over task titles and bodies (either script), places and departments. */
  search: Array<SearchHit>;
  task: Maybe<Task>;
  tasks: TaskConnection;
  /** Planners only: every account, by username. */
  users: Array<User>;
};


export type QueryAssessmentArgs = {
  placeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  year: Scalars['Int']['input'];
};


export type QueryDepartmentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGeocodeArgs = {
  address: Scalars['String']['input'];
};


export type QueryIndicatorArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIndicatorValueRecordsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  indicatorId?: InputMaybe<Scalars['ID']['input']>;
  placeId?: InputMaybe<Scalars['ID']['input']>;
  review?: InputMaybe<ReviewState>;
};


export type QueryIndicatorsArgs = {
  planId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLinkCandidatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryObligationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ObligationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPlaceArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPlacesArgs = {
  filter?: InputMaybe<PlaceFilter>;
};


export type QueryPlacesAtArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};


export type QueryPlanArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProjectFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryReviewQueueArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  text: Scalars['String']['input'];
};


export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** v2 */
export type ReportEvent = {
  __typename?: 'ReportEvent';
  kind: ReportEventKind;
  obligation: Obligation;
  report: ProgressReport;
};

/** v2 */
export type ReportEventKind =
  | 'APPROVED'
  | 'RETURNED'
  | 'SUBMITTED';

/** Why a row of an obligations CSV is refused: one value per rule, so clients can say it in the reader's language. */
export type ReportImportProblem =
  /** as_of (problemValue) is not a calendar date like 2014-05-01. */
  | 'BAD_DATE'
  /** new_progress (problemValue) is not a number from 0 to 100. */
  | 'BAD_PROGRESS'
  /** new_status (problemValue) is not a TaskStatus. */
  | 'BAD_STATUS'
  /** The user's role cannot report progress. */
  | 'CANNOT_REPORT'
  /** The row is not valid CSV; problemField is the field number. */
  | 'CSV_SYNTAX'
  /** as_of (problemValue) is before the plan's first day (problemLimit). */
  | 'DATE_BEFORE_PLAN'
  /** as_of (problemValue) is after today (problemLimit). */
  | 'DATE_IN_FUTURE'
  /** note is empty. */
  | 'MISSING_NOTE'
  /** task_id is empty. */
  | 'MISSING_TASK_ID'
  /** note is longer than problemLimit characters (problemValue: its length). */
  | 'NOTE_TOO_LONG'
  /** The task is not an obligation of problemPlaceId (null: it has no citywide obligation). */
  | 'NOT_AN_OBLIGATION'
  /** The task is not led by the user's department (problemDepartmentId). */
  | 'NOT_LED_BY_DEPARTMENT'
  /** problemPlaceId is not one of the area leader's places. */
  | 'NOT_YOUR_PLACE'
  /** A refusal without a code of its own: only problem says it. */
  | 'OTHER'
  /** An area leader's upload must name one of their places. */
  | 'PLACE_REQUIRED'
  /** No task has the id problemValue. */
  | 'UNKNOWN_TASK';

export type ReportImportResult = {
  __typename?: 'ReportImportResult';
  /** Rows skipped because the same row was filed before (uploading a file twice files nothing new). */
  alreadyFiled: Scalars['Int']['output'];
  /** Whether anything was written: false for a dry run, and with allOrNothing when a row was refused. */
  committed: Scalars['Boolean']['output'];
  dryRun: Scalars['Boolean']['output'];
  /** Rows filed (or that would be) as SUBMITTED reports; rows filed before are not counted. */
  filed: Scalars['Int']['output'];
  refused: Scalars['Int']['output'];
  rows: Array<ReportImportRow>;
  /** Rows without a new status, note or progress: nothing to file. */
  unchanged: Scalars['Int']['output'];
};

/** One data row of an uploaded obligations CSV. */
export type ReportImportRow = {
  __typename?: 'ReportImportRow';
  /** The same row (author, place, task, status, progress, note) was filed before: nothing new is filed. */
  alreadyFiled: Scalars['Boolean']['output'];
  /** The file line the row starts on (the header is line 1; line breaks inside quoted fields count). */
  line: Scalars['Int']['output'];
  /** Why the row is refused, in English; null when accepted or blank. */
  problem: Maybe<Scalars['String']['output']>;
  /** Which rule refused the row, for a sentence in the reader's language; null when accepted or blank. */
  problemCode: Maybe<ReportImportProblem>;
  /** The department the refusal names (NOT_LED_BY_DEPARTMENT). */
  problemDepartmentId: Maybe<Scalars['ID']['output']>;
  /** The CSV column the problem is in (task_id, new_status, new_progress, note, as_of); for CSV_SYNTAX the field number. */
  problemField: Maybe<Scalars['String']['output']>;
  /** The bound that was crossed: the longest note, today's date, the plan's first day. */
  problemLimit: Maybe<Scalars['String']['output']>;
  /** The place the refusal names (NOT_YOUR_PLACE, NOT_AN_OBLIGATION). */
  problemPlaceId: Maybe<Scalars['ID']['output']>;
  /** The offending value as the file gives it (a status, progress, date or task id; for NOTE_TOO_LONG the note's length). */
  problemValue: Maybe<Scalars['String']['output']>;
  progress: Maybe<Scalars['Float']['output']>;
  /** 1-based data row. */
  row: Scalars['Int']['output'];
  /** What is (or would be) reported; null when refused or blank. */
  status: Maybe<TaskStatus>;
  taskId: Maybe<Scalars['ID']['output']>;
};

export type ReportProgressInput = {
  /** v2: the date the report describes (default: today). Not in the future, not before the plan's start; filing date is kept apart (createdAt). */
  asOf?: InputMaybe<Scalars['Date']['input']>;
  note: Scalars['String']['input'];
  /** v2: required for area leaders; omitted = the task's citywide obligation (lead departments, planners) */
  placeId?: InputMaybe<Scalars['ID']['input']>;
  /** 0-100 */
  progress?: InputMaybe<Scalars['Float']['input']>;
  /** Reporting on one project of the task. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  status: TaskStatus;
  taskId: Scalars['ID']['input'];
};

export type ReviewDecision =
  | 'APPROVE'
  | 'RETURN';

export type ReviewState =
  | 'APPROVED'
  | 'RETURNED'
  | 'SUBMITTED';

export type Role =
  | 'AREA_LEADER'
  | 'DEPARTMENT'
  | 'PLANNER'
  | 'VIEWER';

/** Which Chinese script text fields are rendered in. The plan is stored once; the other script is derived. */
export type Script =
  | 'HANS'
  | 'HANT';

export type SearchHit = Department | Place | Project | Task;

/** A heading of the plan's own hierarchy (一、 → (一) → 1.). */
export type Section = {
  __typename?: 'Section';
  children: Array<Section>;
  heading: Scalars['String']['output'];
  headingEn: Scalars['String']['output'];
  /** Position in the hierarchy: "5.2" = 五、(二). */
  id: Scalars['ID']['output'];
  parent: Maybe<Section>;
  /** As printed: "五、" or "(二)". */
  ref: Scalars['String']['output'];
  tasks: Array<Task>;
  /** Body text of sections that hold prose rather than tasks (guiding ideology, principles). */
  text: Maybe<Scalars['String']['output']>;
};


/** A heading of the plan's own hierarchy (一、 → (一) → 1.). */
export type SectionHeadingArgs = {
  script?: InputMaybe<Script>;
};


/** A heading of the plan's own hierarchy (一、 → (一) → 1.). */
export type SectionTextArgs = {
  script?: InputMaybe<Script>;
};

/** A range of the plan's normalised source text: the words a fact came from. */
export type SourceSpan = {
  __typename?: 'SourceSpan';
  end: Scalars['Int']['output'];
  /** Offset in Plan.sourceText, in UTF-16 code units. */
  start: Scalars['Int']['output'];
  /** The words of the span, in the requested script. */
  text: Scalars['String']['output'];
};


/** A range of the plan's normalised source text: the words a fact came from. */
export type SourceSpanTextArgs = {
  script?: InputMaybe<Script>;
};

/** A task matches when at least one of its linked places satisfies every spatial condition given. within, bbox and near test the geometry of the places a task names (SUBJECT, PILOT, LEAD, MENTION links); the whole-city link of citywide tasks and the every-county APPLIES links are not geometric evidence and never match them. */
export type SpatialFilter = {
  /** [west, south, east, north]; the same answer as within with that rectangle. */
  bbox?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** Drop tasks whose only link is the whole city. */
  excludeCitywide?: InputMaybe<Scalars['Boolean']['input']>;
  /** ... or to a place inside one of them. */
  includeContained?: InputMaybe<Scalars['Boolean']['input']>;
  near?: InputMaybe<NearInput>;
  /** Linked to one of these places ... */
  placeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** A Polygon/MultiPolygon: linked place geometry intersects it. */
  within?: InputMaybe<Scalars['GeoJSON']['input']>;
};

/** How a place's obligations stand, for choropleths. */
export type StatusSummary = {
  __typename?: 'StatusSummary';
  atRisk: Scalars['Int']['output'];
  completed: Scalars['Int']['output'];
  delayed: Scalars['Int']['output'];
  inProgress: Scalars['Int']['output'];
  /** v2: counts this place's obligations, each by its own status (not the task's roll-up). Mean over the obligations that have an approved report; those with none are not counted as 0. */
  meanProgress: Maybe<Scalars['Float']['output']>;
  notStarted: Scalars['Int']['output'];
  /** Tasks past their due year (31 December) as of the instant and not COMPLETED. */
  overdue: Scalars['Int']['output'];
  /** How many obligations have at least one approved report (the coverage behind meanProgress). */
  reported: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Reports filed or reviewed on obligations of these places and of places inside them (all places when omitted). */
  reportEvents: ReportEvent;
};


export type SubscriptionReportEventsArgs = {
  placeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** One item of the plan: a reform, a matter, the project programme, a research topic, a pilot duty or a safeguard. */
export type Task = {
  __typename?: 'Task';
  /** The plan's period end unless the text says otherwise. */
  dueYear: Scalars['Int']['output'];
  /** Stable slug: "reform-14", "matter-22", "research-3", "pilot-counties", "safeguard-5", "projects". */
  id: Scalars['ID']['output'];
  indicators: Array<Indicator>;
  kind: TaskKind;
  /** In the order printed after 牵头部门/牵头单位. */
  leadDepartments: Array<Department>;
  /** As numbered in its kind: (十四) -> 14, "22." -> 22. */
  number: Scalars['Int']['output'];
  /** v2: every obligation of the task, one per place that must act; the city's always (its lead departments and planners report there), and only it when no place is named. */
  obligations: Array<Obligation>;
  places: Array<TaskPlace>;
  plan: Plan;
  /** v2: mean of its obligations' progress (an obligation with no approved report counts 0); null when no obligation has a report. */
  progress: Maybe<Scalars['Float']['output']>;
  /** Concrete projects that serve this task. */
  projects: Array<Project>;
  /** As printed: "(十四)" / "22." */
  ref: Scalars['String']['output'];
  /** Newest first. */
  reports: ProgressReportConnection;
  section: Section;
  source: SourceSpan;
  /** v2: the roll-up of its obligations' statuses as of asOf (default: now, or the list filter's asOf): COMPLETED only when every obligation is; DELAYED when any is DELAYED; else AT_RISK when any is; else IN_PROGRESS when any has started; else NOT_STARTED. */
  status: TaskStatus;
  text: Scalars['String']['output'];
  title: Scalars['String']['output'];
  titleEn: Scalars['String']['output'];
};


/** One item of the plan: a reform, a matter, the project programme, a research topic, a pilot duty or a safeguard. */
export type TaskProgressArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


/** One item of the plan: a reform, a matter, the project programme, a research topic, a pilot duty or a safeguard. */
export type TaskReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One item of the plan: a reform, a matter, the project programme, a research topic, a pilot duty or a safeguard. */
export type TaskStatusArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


/** One item of the plan: a reform, a matter, the project programme, a research topic, a pilot duty or a safeguard. */
export type TaskTextArgs = {
  script?: InputMaybe<Script>;
};


/** One item of the plan: a reform, a matter, the project programme, a research topic, a pilot duty or a safeguard. */
export type TaskTitleArgs = {
  script?: InputMaybe<Script>;
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  edges: Array<TaskEdge>;
  nodes: Array<Task>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TaskEdge = {
  __typename?: 'TaskEdge';
  cursor: Scalars['String']['output'];
  node: Task;
};

export type TaskFilter = {
  /** Statuses are judged as of this instant (default: now): the map's time slider. */
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  kinds?: InputMaybe<Array<TaskKind>>;
  leadDepartmentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** DISTANCE needs spatial.near; default PLAN_ORDER (the order of the plan text). */
  orderBy?: InputMaybe<TaskOrder>;
  planId?: InputMaybe<Scalars['ID']['input']>;
  sectionIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  spatial?: InputMaybe<SpatialFilter>;
  statuses?: InputMaybe<Array<TaskStatus>>;
  /** Words in the title or body, in either script (or English titles). */
  text?: InputMaybe<Scalars['String']['input']>;
};

export type TaskKind =
  | 'MATTER'
  | 'PILOT'
  | 'PROJECT_PROGRAM'
  | 'REFORM'
  | 'RESEARCH'
  | 'SAFEGUARD';

export type TaskOrder =
  | 'DISTANCE'
  | 'PLAN_ORDER'
  | 'PROGRESS';

/** A link between a task and a place, with the words that justify it. */
export type TaskPlace = {
  __typename?: 'TaskPlace';
  /** Made or confirmed by hand (survives re-import) rather than by the automatic linker. */
  curated: Scalars['Boolean']['output'];
  /** Metres from spatial.near's point to the place's geometry, when the query gave one. */
  distanceMeters: Maybe<Scalars['Float']['output']>;
  /** The words in the text that justify the link; null only for links made by hand with no text, and for the whole-city link of tasks that name no place. */
  evidence: Maybe<SourceSpan>;
  /** The planner's note when the link was made or confirmed by hand (the history is kept apart). */
  note: Maybe<Scalars['String']['output']>;
  place: Place;
  role: PlaceRole;
  task: Task;
};

export type TaskStatus =
  | 'AT_RISK'
  | 'COMPLETED'
  | 'DELAYED'
  | 'IN_PROGRESS'
  | 'NOT_STARTED';

/** A passage of the source that could not be read cleanly, and how it was resolved. */
export type TextRepair = {
  __typename?: 'TextRepair';
  /** "pinyin-annotation", "mojibake-mechanical", "mojibake-curated", ... */
  method: Scalars['String']['output'];
  /** What the source file held (damaged bytes, stray annotations). */
  original: Scalars['String']['output'];
  repaired: Scalars['String']['output'];
  span: SourceSpan;
};

/** What to change on an account; fields left out stay as they are. */
export type UpdateUserInput = {
  /** DEPARTMENT: the department they report for. */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Disabling ends the account's sessions; it cannot sign in until enabled again. */
  disabled?: InputMaybe<Scalars['Boolean']['input']>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** A new password (at least 10 characters); the account's other sessions end. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** AREA_LEADER: the places they answer for (replaces the list). */
  placeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Changing the role drops an assignment the new role has no use for (places, department). */
  role?: InputMaybe<Role>;
};

/** An account. Planners edit everything; area leaders report for their places; department users for the tasks their department leads. */
export type User = {
  __typename?: 'User';
  department: Maybe<Department>;
  /** A disabled account cannot sign in and its sessions no longer work. */
  disabled: Scalars['Boolean']['output'];
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  places: Array<Place>;
  role: Role;
  username: Scalars['String']['output'];
};

/** v2 */
export type YearTarget = {
  __typename?: 'YearTarget';
  /** 0-100 expected by 31 December of that year */
  progress: Scalars['Float']['output'];
  year: Scalars['Int']['output'];
};

/** v2 */
export type YearTargetInput = {
  /** 0-100, not lower than an earlier year's */
  progress: Scalars['Float']['input'];
  /** within the plan's period */
  year: Scalars['Int']['input'];
};

export type MapPlacesQueryVariables = Exact<{
  script: Script;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  tolerance?: InputMaybe<Scalars['Float']['input']>;
}>;


export type MapPlacesQuery = { __typename?: 'Query', places: Array<{ __typename?: 'Place', id: string, code: string | null, name: string, nameEn: string, kind: PlaceKind, precision: GeoPrecision, source: string, areaKm2: number | null, bbox: Array<number>, geometry: GeoJSON.Geometry, centroid: GeoJSON.Geometry, parent: { __typename?: 'Place', id: string } | null, statusSummary: { __typename?: 'StatusSummary', total: number, notStarted: number, inProgress: number, atRisk: number, delayed: number, completed: number, meanProgress: number | null, reported: number, overdue: number } }> };

export type FilteredSummariesQueryVariables = Exact<{
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  filter?: InputMaybe<TaskFilter>;
}>;


export type FilteredSummariesQuery = { __typename?: 'Query', places: Array<{ __typename?: 'Place', id: string, statusSummary: { __typename?: 'StatusSummary', total: number, notStarted: number, inProgress: number, atRisk: number, delayed: number, completed: number, meanProgress: number | null, reported: number, overdue: number } }> };

export type PlaceIndicatorValuesQueryVariables = Exact<{
  indicatorId: Scalars['ID']['input'];
}>;


export type PlaceIndicatorValuesQuery = { __typename?: 'Query', places: Array<{ __typename?: 'Place', id: string, indicatorValues: Array<{ __typename?: 'IndicatorValue', year: number, value: number }> }> };

export type LookupsQueryVariables = Exact<{
  script: Script;
}>;


export type LookupsQuery = { __typename?: 'Query', departments: Array<{ __typename?: 'Department', id: string, name: string, nameEn: string }>, plan: { __typename?: 'Plan', id: string, docNumber: string, title: string, titleEn: string, sections: Array<{ __typename?: 'Section', id: string, ref: string, heading: string, headingEn: string, parent: { __typename?: 'Section', id: string } | null, tasks: Array<{ __typename?: 'Task', id: string }>, children: Array<{ __typename?: 'Section', id: string, ref: string, heading: string, headingEn: string, tasks: Array<{ __typename?: 'Task', id: string }> }> }> } | null };

export type TasksQueryVariables = Exact<{
  script: Script;
  filter?: InputMaybe<TaskFilter>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type TasksQuery = { __typename?: 'Query', tasks: { __typename?: 'TaskConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ __typename?: 'Task', id: string, kind: TaskKind, number: number, ref: string, title: string, titleEn: string, status: TaskStatus, progress: number | null, section: { __typename?: 'Section', id: string }, leadDepartments: Array<{ __typename?: 'Department', id: string, name: string, nameEn: string }>, places: Array<{ __typename?: 'TaskPlace', role: PlaceRole, place: { __typename?: 'Place', id: string } }> }> } };

export type TaskDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  script: Script;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type TaskDetailQuery = { __typename?: 'Query', task: { __typename?: 'Task', id: string, kind: TaskKind, number: number, ref: string, title: string, titleEn: string, text: string, dueYear: number, status: TaskStatus, progress: number | null, source: { __typename?: 'SourceSpan', start: number, end: number }, section: { __typename?: 'Section', id: string, ref: string, heading: string, headingEn: string }, leadDepartments: Array<{ __typename?: 'Department', id: string, name: string, nameEn: string }>, places: Array<{ __typename?: 'TaskPlace', role: PlaceRole, curated: boolean, evidence: { __typename?: 'SourceSpan', start: number, end: number, text: string } | null, place: { __typename?: 'Place', id: string, name: string, nameEn: string, kind: PlaceKind, precision: GeoPrecision, bbox: Array<number> } }>, indicators: Array<{ __typename?: 'Indicator', id: string, name: string, nameEn: string, unit: string, comparator: Comparator, target: number, stretchTarget: number | null, baseYear: number | null, targetYear: number, attainment: number | null, latest: { __typename?: 'IndicatorValue', year: number, value: number, source: string } | null }>, projects: Array<{ __typename?: 'Project', id: string, name: string, nameEn: string | null, category: ProjectCategory | null, precision: GeoPrecision, status: TaskStatus }>, obligations: Array<{ __typename?: 'Obligation', id: string, status: TaskStatus, progress: number | null, place: { __typename?: 'Place', id: string, name: string, nameEn: string, kind: PlaceKind } }> } | null };

export type TaskReportsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  script: Script;
}>;


export type TaskReportsQuery = { __typename?: 'Query', task: { __typename?: 'Task', id: string, reports: { __typename?: 'ProgressReportConnection', totalCount: number, nodes: Array<{ __typename?: 'ProgressReport', id: string, status: TaskStatus, progress: number | null, note: string, createdAt: string, asOf: string, review: ReviewState, reviewNote: string | null, author: { __typename?: 'User', id: string, displayName: string } | null, reviewedBy: { __typename?: 'User', displayName: string } | null, place: { __typename?: 'Place', id: string, name: string, nameEn: string } | null }> } } | null };

export type PlaceDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  script: Script;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  includeCitywide?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type PlaceDetailQuery = { __typename?: 'Query', place: { __typename?: 'Place', id: string, code: string | null, name: string, nameEn: string, kind: PlaceKind, precision: GeoPrecision, source: string, areaKm2: number | null, bbox: Array<number>, parent: { __typename?: 'Place', id: string, name: string, nameEn: string } | null, containedIn: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string, kind: PlaceKind }>, statusSummary: { __typename?: 'StatusSummary', total: number, notStarted: number, inProgress: number, atRisk: number, delayed: number, completed: number, meanProgress: number | null, reported: number }, obligations: Array<{ __typename?: 'Obligation', reasons: Array<ObligationReason>, via: Array<{ __typename?: 'TaskPlace', role: PlaceRole, place: { __typename?: 'Place', id: string, name: string, nameEn: string } }>, task: { __typename?: 'Task', id: string, kind: TaskKind, number: number, ref: string, title: string, titleEn: string, status: TaskStatus, progress: number | null, leadDepartments: Array<{ __typename?: 'Department', id: string, name: string, nameEn: string }> } }>, projects: { __typename?: 'ProjectConnection', totalCount: number, nodes: Array<{ __typename?: 'Project', id: string, name: string, nameEn: string | null, category: ProjectCategory | null, precision: GeoPrecision, status: TaskStatus }> } } | null };

export type IndicatorsQueryVariables = Exact<{
  script: Script;
}>;


export type IndicatorsQuery = { __typename?: 'Query', indicators: Array<{ __typename?: 'Indicator', id: string, name: string, nameEn: string, unit: string, comparator: Comparator, target: number, stretchTarget: number | null, baseYear: number | null, targetYear: number, attainment: number | null, latest: { __typename?: 'IndicatorValue', year: number, value: number, source: string } | null }> };

export type ProjectCountQueryVariables = Exact<{ [key: string]: never; }>;


export type ProjectCountQuery = { __typename?: 'Query', projects: { __typename?: 'ProjectConnection', totalCount: number } };

export type MapProjectsQueryVariables = Exact<{
  script: Script;
  filter?: InputMaybe<ProjectFilter>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MapProjectsQuery = { __typename?: 'Query', projects: { __typename?: 'ProjectConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ __typename?: 'Project', id: string, name: string, nameEn: string | null, category: ProjectCategory | null, precision: GeoPrecision, positionSource: string, geometry: GeoJSON.Geometry | null, status: TaskStatus }> } };

export type ProjectDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  script: Script;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type ProjectDetailQuery = { __typename?: 'Query', project: { __typename?: 'Project', id: string, name: string, nameEn: string | null, category: ProjectCategory | null, precision: GeoPrecision, positionSource: string, geometry: GeoJSON.Geometry | null, status: TaskStatus, progress: number | null, startYear: number | null, endYear: number | null, investmentCny: number | null, reference: string | null, source: { __typename?: 'SourceSpan', start: number, end: number, text: string } | null, tasks: Array<{ __typename?: 'Task', id: string, ref: string, kind: TaskKind, title: string, titleEn: string }>, places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string, kind: PlaceKind }> } | null };

export type SessionUserFragment = { __typename?: 'User', id: string, username: string, displayName: string, role: Role, department: { __typename?: 'Department', id: string, name: string, nameEn: string } | null, places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string, obligations: Array<{ __typename?: 'Obligation', task: { __typename?: 'Task', id: string } }> }> };

export type MeQueryVariables = Exact<{
  script: Script;
}>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, username: string, displayName: string, role: Role, department: { __typename?: 'Department', id: string, name: string, nameEn: string } | null, places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string, obligations: Array<{ __typename?: 'Obligation', task: { __typename?: 'Task', id: string } }> }> } | null };

export type LoginMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
  script: Script;
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename?: 'AuthPayload', user: { __typename?: 'User', id: string, username: string, displayName: string, role: Role, department: { __typename?: 'Department', id: string, name: string, nameEn: string } | null, places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string, obligations: Array<{ __typename?: 'Obligation', task: { __typename?: 'Task', id: string } }> }> } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { __typename?: 'Mutation', logout: boolean };

export type ReportProgressMutationVariables = Exact<{
  input: ReportProgressInput;
}>;


export type ReportProgressMutation = { __typename?: 'Mutation', reportProgress: { __typename?: 'ProgressReport', id: string, review: ReviewState } };

export type ReviewReportMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  decision: ReviewDecision;
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type ReviewReportMutation = { __typename?: 'Mutation', reviewReport: { __typename?: 'ProgressReport', id: string, review: ReviewState } };

export type ReviewQueueQueryVariables = Exact<{
  script: Script;
}>;


export type ReviewQueueQuery = { __typename?: 'Query', reviewQueue: Array<{ __typename?: 'ProgressReport', id: string, status: TaskStatus, progress: number | null, note: string, createdAt: string, author: { __typename?: 'User', id: string, displayName: string } | null, place: { __typename?: 'Place', id: string, name: string, nameEn: string } | null, task: { __typename?: 'Task', id: string, ref: string, kind: TaskKind, title: string, titleEn: string, leadDepartments: Array<{ __typename?: 'Department', id: string }> } }> };

export type ImportReportsMutationVariables = Exact<{
  content: Scalars['String']['input'];
  placeId?: InputMaybe<Scalars['ID']['input']>;
  dryRun: Scalars['Boolean']['input'];
}>;


export type ImportReportsMutation = { __typename?: 'Mutation', importReports: { __typename?: 'ReportImportResult', dryRun: boolean, filed: number, refused: number, unchanged: number, rows: Array<{ __typename?: 'ReportImportRow', row: number, taskId: string | null, status: TaskStatus | null, progress: number | null, problem: string | null }> } };

export type FinalizeAssessmentMutationVariables = Exact<{
  year: Scalars['Int']['input'];
  placeId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type FinalizeAssessmentMutation = { __typename?: 'Mutation', finalizeAssessment: { __typename?: 'AreaAssessment', year: number, finalizedAt: string | null } };

export type AssessmentQueryVariables = Exact<{
  year: Scalars['Int']['input'];
  script: Script;
}>;


export type AssessmentQuery = { __typename?: 'Query', assessment: Array<{ __typename?: 'AreaAssessment', year: number, obligations: number, due: number, met: number, metLate: number, delayed: number, notReported: number, score: number | null, finalizedAt: string | null, note: string | null, place: { __typename?: 'Place', id: string, name: string, nameEn: string }, finalizedBy: { __typename?: 'User', id: string, displayName: string } | null }> };

export type ConsoleIndicatorValuesQueryVariables = Exact<{
  script: Script;
  review?: InputMaybe<ReviewState>;
}>;


export type ConsoleIndicatorValuesQuery = { __typename?: 'Query', indicators: Array<{ __typename?: 'Indicator', id: string, name: string, nameEn: string, unit: string }>, places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string, kind: PlaceKind }>, indicatorValueRecords: Array<{ __typename?: 'IndicatorValue', id: string, year: number, value: number, source: string, recordedAt: string, review: ReviewState, reviewNote: string | null, indicator: { __typename?: 'Indicator', id: string, name: string, nameEn: string, unit: string }, place: { __typename?: 'Place', id: string, name: string, nameEn: string }, recordedBy: { __typename?: 'User', id: string, displayName: string } | null }> };

export type ConsoleRecordValueMutationVariables = Exact<{
  input: IndicatorValueInput;
}>;


export type ConsoleRecordValueMutation = { __typename?: 'Mutation', recordIndicatorValue: { __typename?: 'IndicatorValue', id: string, review: ReviewState } };

export type ConsoleReviewValueMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  decision: ReviewDecision;
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleReviewValueMutation = { __typename?: 'Mutation', reviewIndicatorValue: { __typename?: 'IndicatorValue', id: string, review: ReviewState } };

export type ConsoleLinkCandidatesQueryVariables = Exact<{
  script: Script;
}>;


export type ConsoleLinkCandidatesQuery = { __typename?: 'Query', linkCandidates: { __typename?: 'LinkCandidateConnection', totalCount: number, nodes: Array<{ __typename?: 'TaskPlace', role: PlaceRole, task: { __typename?: 'Task', id: string, ref: string, title: string, titleEn: string, text: string, source: { __typename?: 'SourceSpan', start: number } }, place: { __typename?: 'Place', id: string, name: string, nameEn: string }, evidence: { __typename?: 'SourceSpan', start: number, end: number, text: string } | null }> } };

export type ConsoleTasksQueryVariables = Exact<{
  script: Script;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleTasksQuery = { __typename?: 'Query', tasks: { __typename?: 'TaskConnection', nodes: Array<{ __typename?: 'Task', id: string, ref: string, title: string, titleEn: string }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleTaskLinksQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  script: Script;
}>;


export type ConsoleTaskLinksQuery = { __typename?: 'Query', task: { __typename?: 'Task', id: string, places: Array<{ __typename?: 'TaskPlace', role: PlaceRole, curated: boolean, note: string | null, place: { __typename?: 'Place', id: string, name: string, nameEn: string }, evidence: { __typename?: 'SourceSpan', text: string } | null }> } | null, places: Array<{ __typename?: 'Place', id: string, kind: PlaceKind, name: string, nameEn: string }> };

export type ConsoleLinkMutationVariables = Exact<{
  input: LinkTaskToPlaceInput;
}>;


export type ConsoleLinkMutation = { __typename?: 'Mutation', linkTaskToPlace: { __typename?: 'TaskPlace', role: PlaceRole, curated: boolean, note: string | null } };

export type ConsoleUnlinkMutationVariables = Exact<{
  taskId: Scalars['ID']['input'];
  placeId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleUnlinkMutation = { __typename?: 'Mutation', unlinkTaskFromPlace: boolean };

export type ConsoleGeocodeQueryVariables = Exact<{
  address: Scalars['String']['input'];
  script: Script;
}>;


export type ConsoleGeocodeQuery = { __typename?: 'Query', geocode: { __typename?: 'GeocodeResult', alias: string, precision: GeoPrecision, positionSource: string, citywide: boolean, place: { __typename?: 'Place', id: string, name: string, nameEn: string, centroid: GeoJSON.Geometry } } | null };

export type ConsolePlaceAtQueryVariables = Exact<{
  lng: Scalars['Float']['input'];
  lat: Scalars['Float']['input'];
  script: Script;
}>;


export type ConsolePlaceAtQuery = { __typename?: 'Query', placesAt: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string, kind: PlaceKind }> };

export type ConsoleProjectQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  script: Script;
}>;


export type ConsoleProjectQuery = { __typename?: 'Query', project: { __typename?: 'Project', id: string, name: string, nameEn: string | null, category: ProjectCategory | null, precision: GeoPrecision, positionSource: string, startYear: number | null, endYear: number | null, investmentCny: number | null, reference: string | null, tasks: Array<{ __typename?: 'Task', id: string }>, places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string }> } | null };

export type ConsoleUpsertProjectMutationVariables = Exact<{
  input: ProjectInput;
  script: Script;
}>;


export type ConsoleUpsertProjectMutation = { __typename?: 'Mutation', upsertProject: { __typename?: 'Project', id: string, name: string, precision: GeoPrecision, positionSource: string, places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string }> } };

export type ConsoleImportProjectsMutationVariables = Exact<{
  format: ImportFormat;
  content: Scalars['String']['input'];
  dryRun: Scalars['Boolean']['input'];
  script: Script;
}>;


export type ConsoleImportProjectsMutation = { __typename?: 'Mutation', importProjects: { __typename?: 'ImportResult', dryRun: boolean, created: number, updated: number, rows: Array<{ __typename?: 'ImportRow', row: number, line: number | null, id: string | null, name: string | null, action: ImportAction, precision: GeoPrecision | null, positionSource: string | null, lng: number | null, lat: number | null, place: { __typename?: 'Place', id: string, name: string, nameEn: string } | null, problems: Array<{ __typename?: 'ImportProblem', field: string | null, message: string }> }> } };

export type ConsoleTargetPlacesQueryVariables = Exact<{
  script: Script;
}>;


export type ConsoleTargetPlacesQuery = { __typename?: 'Query', places: Array<{ __typename?: 'Place', id: string, kind: PlaceKind, name: string, nameEn: string }> };

export type ConsoleObligationsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  script: Script;
}>;


export type ConsoleObligationsQuery = { __typename?: 'Query', place: { __typename?: 'Place', id: string, obligations: Array<{ __typename?: 'Obligation', id: string, dueYear: number, task: { __typename?: 'Task', id: string, ref: string, title: string, titleEn: string }, targets: Array<{ __typename?: 'YearTarget', year: number, progress: number }> }> } | null };

export type ConsoleSetTargetsMutationVariables = Exact<{
  taskId: Scalars['ID']['input'];
  placeId: Scalars['ID']['input'];
  targets: Array<YearTargetInput> | YearTargetInput;
}>;


export type ConsoleSetTargetsMutation = { __typename?: 'Mutation', setObligationTargets: { __typename?: 'Obligation', id: string, dueYear: number, targets: Array<{ __typename?: 'YearTarget', year: number, progress: number }> } };

export type ConsoleUsersQueryVariables = Exact<{
  script: Script;
}>;


export type ConsoleUsersQuery = { __typename?: 'Query', users: Array<{ __typename?: 'User', id: string, username: string, displayName: string, role: Role, disabled: boolean, places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string }>, department: { __typename?: 'Department', id: string, name: string, nameEn: string } | null }>, places: Array<{ __typename?: 'Place', id: string, kind: PlaceKind, name: string, nameEn: string }>, departments: Array<{ __typename?: 'Department', id: string, name: string, nameEn: string }> };

export type ConsoleCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type ConsoleCreateUserMutation = { __typename?: 'Mutation', createUser: { __typename?: 'User', id: string, username: string } };

export type ConsoleUpdateUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateUserInput;
}>;


export type ConsoleUpdateUserMutation = { __typename?: 'Mutation', updateUser: { __typename?: 'User', id: string, disabled: boolean, role: Role } };

export type IndicatorChartValuesQueryVariables = Exact<{
  script: Script;
}>;


export type IndicatorChartValuesQuery = { __typename?: 'Query', places: Array<{ __typename?: 'Place', id: string, name: string, nameEn: string, kind: PlaceKind }>, indicators: Array<{ __typename?: 'Indicator', id: string, values: Array<{ __typename?: 'IndicatorValue', year: number, value: number, source: string, place: { __typename?: 'Place', id: string, name: string, nameEn: string, kind: PlaceKind } }> }> };

export type MyObligationsQueryVariables = Exact<{
  script: Script;
  placeIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  afterBehind?: InputMaybe<Scalars['String']['input']>;
  behindOnly: Scalars['Boolean']['input'];
}>;


export type MyObligationsQuery = { __typename?: 'Query', all?: { __typename?: 'ObligationConnection', nodes: Array<{ __typename?: 'Obligation', id: string, dueYear: number, status: TaskStatus, progress: number | null, task: { __typename?: 'Task', id: string, ref: string, title: string, titleEn: string }, place: { __typename?: 'Place', id: string, name: string, nameEn: string }, reports: { __typename?: 'ProgressReportConnection', nodes: Array<{ __typename?: 'ProgressReport', id: string, review: ReviewState }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } }, behind: { __typename?: 'ObligationConnection', nodes: Array<{ __typename?: 'Obligation', id: string }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type ObligationsUploadImportMutationVariables = Exact<{
  content: Scalars['String']['input'];
  placeId?: InputMaybe<Scalars['ID']['input']>;
  dryRun: Scalars['Boolean']['input'];
}>;


export type ObligationsUploadImportMutation = { __typename?: 'Mutation', importReports: { __typename?: 'ReportImportResult', dryRun: boolean, filed: number, refused: number, unchanged: number, rows: Array<{ __typename?: 'ReportImportRow', row: number, taskId: string | null, status: TaskStatus | null, progress: number | null, problem: string | null, problemCode: ReportImportProblem | null, problemField: string | null, problemValue: string | null, problemPlaceId: string | null, problemDepartmentId: string | null, problemLimit: string | null }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SessionUserFragmentDoc = new TypedDocumentString(`
    fragment SessionUser on User {
  id
  username
  displayName
  role
  department {
    id
    name(script: $script)
    nameEn
  }
  places {
    id
    name(script: $script)
    nameEn
    obligations {
      task {
        id
      }
    }
  }
}
    `, {"fragmentName":"SessionUser"}) as unknown as TypedDocumentString<SessionUserFragment, unknown>;
export const MapPlacesDocument = new TypedDocumentString(`
    query MapPlaces($script: Script!, $asOf: DateTime, $tolerance: Float) {
  places {
    id
    code
    name(script: $script)
    nameEn
    kind
    precision
    source
    areaKm2
    bbox
    geometry(tolerance: $tolerance)
    centroid
    parent {
      id
    }
    statusSummary(asOf: $asOf) {
      total
      notStarted
      inProgress
      atRisk
      delayed
      completed
      meanProgress
      reported
      overdue
    }
  }
}
    `) as unknown as TypedDocumentString<MapPlacesQuery, MapPlacesQueryVariables>;
export const FilteredSummariesDocument = new TypedDocumentString(`
    query FilteredSummaries($asOf: DateTime, $filter: TaskFilter) {
  places {
    id
    statusSummary(asOf: $asOf, filter: $filter) {
      total
      notStarted
      inProgress
      atRisk
      delayed
      completed
      meanProgress
      reported
      overdue
    }
  }
}
    `) as unknown as TypedDocumentString<FilteredSummariesQuery, FilteredSummariesQueryVariables>;
export const PlaceIndicatorValuesDocument = new TypedDocumentString(`
    query PlaceIndicatorValues($indicatorId: ID!) {
  places {
    id
    indicatorValues(indicatorId: $indicatorId) {
      year
      value
    }
  }
}
    `) as unknown as TypedDocumentString<PlaceIndicatorValuesQuery, PlaceIndicatorValuesQueryVariables>;
export const LookupsDocument = new TypedDocumentString(`
    query Lookups($script: Script!) {
  departments {
    id
    name(script: $script)
    nameEn
  }
  plan {
    id
    docNumber
    title(script: $script)
    titleEn
    sections {
      id
      ref
      heading(script: $script)
      headingEn
      parent {
        id
      }
      tasks {
        id
      }
      children {
        id
        ref
        heading(script: $script)
        headingEn
        tasks {
          id
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LookupsQuery, LookupsQueryVariables>;
export const TasksDocument = new TypedDocumentString(`
    query Tasks($script: Script!, $filter: TaskFilter, $asOf: DateTime, $first: Int, $after: String) {
  tasks(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      kind
      number
      ref
      title(script: $script)
      titleEn
      section {
        id
      }
      leadDepartments {
        id
        name(script: $script)
        nameEn
      }
      status(asOf: $asOf)
      progress(asOf: $asOf)
      places {
        role
        place {
          id
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TasksQuery, TasksQueryVariables>;
export const TaskDetailDocument = new TypedDocumentString(`
    query TaskDetail($id: ID!, $script: Script!, $asOf: DateTime) {
  task(id: $id) {
    id
    kind
    number
    ref
    title(script: $script)
    titleEn
    text(script: $script)
    dueYear
    source {
      start
      end
    }
    section {
      id
      ref
      heading(script: $script)
      headingEn
    }
    status(asOf: $asOf)
    progress(asOf: $asOf)
    leadDepartments {
      id
      name(script: $script)
      nameEn
    }
    places {
      role
      curated
      evidence {
        start
        end
        text(script: $script)
      }
      place {
        id
        name(script: $script)
        nameEn
        kind
        precision
        bbox
      }
    }
    indicators {
      id
      name(script: $script)
      nameEn
      unit
      comparator
      target
      stretchTarget
      baseYear
      targetYear
      latest {
        year
        value
        source
      }
      attainment
    }
    projects {
      id
      name(script: $script)
      nameEn
      category
      precision
      status(asOf: $asOf)
    }
    obligations {
      id
      status(asOf: $asOf)
      progress(asOf: $asOf)
      place {
        id
        name(script: $script)
        nameEn
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TaskDetailQuery, TaskDetailQueryVariables>;
export const TaskReportsDocument = new TypedDocumentString(`
    query TaskReports($id: ID!, $script: Script!) {
  task(id: $id) {
    id
    reports(first: 20) {
      totalCount
      nodes {
        id
        status
        progress
        note
        createdAt
        asOf
        review
        reviewNote
        author {
          id
          displayName
        }
        reviewedBy {
          displayName
        }
        place {
          id
          name(script: $script)
          nameEn
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TaskReportsQuery, TaskReportsQueryVariables>;
export const PlaceDetailDocument = new TypedDocumentString(`
    query PlaceDetail($id: ID!, $script: Script!, $asOf: DateTime, $includeCitywide: Boolean) {
  place(id: $id) {
    id
    code
    name(script: $script)
    nameEn
    kind
    precision
    source
    areaKm2
    bbox
    parent {
      id
      name(script: $script)
      nameEn
    }
    containedIn {
      id
      name(script: $script)
      nameEn
      kind
    }
    statusSummary(asOf: $asOf, includeCitywide: $includeCitywide) {
      total
      notStarted
      inProgress
      atRisk
      delayed
      completed
      meanProgress
      reported
    }
    obligations(includeCitywide: $includeCitywide) {
      reasons
      via {
        role
        place {
          id
          name(script: $script)
          nameEn
        }
      }
      task {
        id
        kind
        number
        ref
        title(script: $script)
        titleEn
        status(asOf: $asOf)
        progress(asOf: $asOf)
        leadDepartments {
          id
          name(script: $script)
          nameEn
        }
      }
    }
    projects(first: 100) {
      totalCount
      nodes {
        id
        name(script: $script)
        nameEn
        category
        precision
        status(asOf: $asOf)
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PlaceDetailQuery, PlaceDetailQueryVariables>;
export const IndicatorsDocument = new TypedDocumentString(`
    query Indicators($script: Script!) {
  indicators {
    id
    name(script: $script)
    nameEn
    unit
    comparator
    target
    stretchTarget
    baseYear
    targetYear
    latest {
      year
      value
      source
    }
    attainment
  }
}
    `) as unknown as TypedDocumentString<IndicatorsQuery, IndicatorsQueryVariables>;
export const ProjectCountDocument = new TypedDocumentString(`
    query ProjectCount {
  projects(first: 1) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<ProjectCountQuery, ProjectCountQueryVariables>;
export const MapProjectsDocument = new TypedDocumentString(`
    query MapProjects($script: Script!, $filter: ProjectFilter, $asOf: DateTime, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name(script: $script)
      nameEn
      category
      precision
      positionSource
      geometry
      status(asOf: $asOf)
    }
  }
}
    `) as unknown as TypedDocumentString<MapProjectsQuery, MapProjectsQueryVariables>;
export const ProjectDetailDocument = new TypedDocumentString(`
    query ProjectDetail($id: ID!, $script: Script!, $asOf: DateTime) {
  project(id: $id) {
    id
    name(script: $script)
    nameEn
    category
    precision
    positionSource
    geometry
    status(asOf: $asOf)
    progress(asOf: $asOf)
    startYear
    endYear
    investmentCny
    reference
    source {
      start
      end
      text(script: $script)
    }
    tasks {
      id
      ref
      kind
      title(script: $script)
      titleEn
    }
    places {
      id
      name(script: $script)
      nameEn
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<ProjectDetailQuery, ProjectDetailQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me($script: Script!) {
  me {
    ...SessionUser
  }
}
    fragment SessionUser on User {
  id
  username
  displayName
  role
  department {
    id
    name(script: $script)
    nameEn
  }
  places {
    id
    name(script: $script)
    nameEn
    obligations {
      task {
        id
      }
    }
  }
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!, $script: Script!) {
  login(username: $username, password: $password) {
    user {
      ...SessionUser
    }
  }
}
    fragment SessionUser on User {
  id
  username
  displayName
  role
  department {
    id
    name(script: $script)
    nameEn
  }
  places {
    id
    name(script: $script)
    nameEn
    obligations {
      task {
        id
      }
    }
  }
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const ReportProgressDocument = new TypedDocumentString(`
    mutation ReportProgress($input: ReportProgressInput!) {
  reportProgress(input: $input) {
    id
    review
  }
}
    `) as unknown as TypedDocumentString<ReportProgressMutation, ReportProgressMutationVariables>;
export const ReviewReportDocument = new TypedDocumentString(`
    mutation ReviewReport($id: ID!, $decision: ReviewDecision!, $note: String) {
  reviewReport(id: $id, decision: $decision, note: $note) {
    id
    review
  }
}
    `) as unknown as TypedDocumentString<ReviewReportMutation, ReviewReportMutationVariables>;
export const ReviewQueueDocument = new TypedDocumentString(`
    query ReviewQueue($script: Script!) {
  reviewQueue(first: 50) {
    id
    status
    progress
    note
    createdAt
    author {
      id
      displayName
    }
    place {
      id
      name(script: $script)
      nameEn
    }
    task {
      id
      ref
      kind
      title(script: $script)
      titleEn
      leadDepartments {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReviewQueueQuery, ReviewQueueQueryVariables>;
export const ImportReportsDocument = new TypedDocumentString(`
    mutation ImportReports($content: String!, $placeId: ID, $dryRun: Boolean!) {
  importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {
    dryRun
    filed
    refused
    unchanged
    rows {
      row
      taskId
      status
      progress
      problem
    }
  }
}
    `) as unknown as TypedDocumentString<ImportReportsMutation, ImportReportsMutationVariables>;
export const FinalizeAssessmentDocument = new TypedDocumentString(`
    mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {
  finalizeAssessment(year: $year, placeId: $placeId, note: $note) {
    year
    finalizedAt
  }
}
    `) as unknown as TypedDocumentString<FinalizeAssessmentMutation, FinalizeAssessmentMutationVariables>;
export const AssessmentDocument = new TypedDocumentString(`
    query Assessment($year: Int!, $script: Script!) {
  assessment(year: $year) {
    place {
      id
      name(script: $script)
      nameEn
    }
    year
    obligations
    due
    met
    metLate
    delayed
    notReported
    score
    finalizedAt
    note
    finalizedBy {
      id
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<AssessmentQuery, AssessmentQueryVariables>;
export const ConsoleIndicatorValuesDocument = new TypedDocumentString(`
    query ConsoleIndicatorValues($script: Script!, $review: ReviewState) {
  indicators {
    id
    name(script: $script)
    nameEn
    unit
  }
  places {
    id
    name(script: $script)
    nameEn
    kind
  }
  indicatorValueRecords(review: $review, first: 100) {
    id
    year
    value
    source
    recordedAt
    review
    reviewNote
    indicator {
      id
      name(script: $script)
      nameEn
      unit
    }
    place {
      id
      name(script: $script)
      nameEn
    }
    recordedBy {
      id
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleIndicatorValuesQuery, ConsoleIndicatorValuesQueryVariables>;
export const ConsoleRecordValueDocument = new TypedDocumentString(`
    mutation ConsoleRecordValue($input: IndicatorValueInput!) {
  recordIndicatorValue(input: $input) {
    id
    review
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordValueMutation, ConsoleRecordValueMutationVariables>;
export const ConsoleReviewValueDocument = new TypedDocumentString(`
    mutation ConsoleReviewValue($id: ID!, $decision: ReviewDecision!, $note: String) {
  reviewIndicatorValue(id: $id, decision: $decision, note: $note) {
    id
    review
  }
}
    `) as unknown as TypedDocumentString<ConsoleReviewValueMutation, ConsoleReviewValueMutationVariables>;
export const ConsoleLinkCandidatesDocument = new TypedDocumentString(`
    query ConsoleLinkCandidates($script: Script!) {
  linkCandidates(first: 100) {
    totalCount
    nodes {
      role
      task {
        id
        ref
        title(script: $script)
        titleEn
        text(script: $script)
        source {
          start
        }
      }
      place {
        id
        name(script: $script)
        nameEn
      }
      evidence {
        start
        end
        text(script: $script)
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleLinkCandidatesQuery, ConsoleLinkCandidatesQueryVariables>;
export const ConsoleTasksDocument = new TypedDocumentString(`
    query ConsoleTasks($script: Script!, $after: String) {
  tasks(first: 100, after: $after) {
    nodes {
      id
      ref
      title(script: $script)
      titleEn
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleTasksQuery, ConsoleTasksQueryVariables>;
export const ConsoleTaskLinksDocument = new TypedDocumentString(`
    query ConsoleTaskLinks($id: ID!, $script: Script!) {
  task(id: $id) {
    id
    places {
      role
      curated
      note
      place {
        id
        name(script: $script)
        nameEn
      }
      evidence {
        text(script: $script)
      }
    }
  }
  places {
    id
    kind
    name(script: $script)
    nameEn
  }
}
    `) as unknown as TypedDocumentString<ConsoleTaskLinksQuery, ConsoleTaskLinksQueryVariables>;
export const ConsoleLinkDocument = new TypedDocumentString(`
    mutation ConsoleLink($input: LinkTaskToPlaceInput!) {
  linkTaskToPlace(input: $input) {
    role
    curated
    note
  }
}
    `) as unknown as TypedDocumentString<ConsoleLinkMutation, ConsoleLinkMutationVariables>;
export const ConsoleUnlinkDocument = new TypedDocumentString(`
    mutation ConsoleUnlink($taskId: ID!, $placeId: ID!, $note: String) {
  unlinkTaskFromPlace(taskId: $taskId, placeId: $placeId, note: $note)
}
    `) as unknown as TypedDocumentString<ConsoleUnlinkMutation, ConsoleUnlinkMutationVariables>;
export const ConsoleGeocodeDocument = new TypedDocumentString(`
    query ConsoleGeocode($address: String!, $script: Script!) {
  geocode(address: $address) {
    alias
    precision
    positionSource
    citywide
    place {
      id
      name(script: $script)
      nameEn
      centroid
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleGeocodeQuery, ConsoleGeocodeQueryVariables>;
export const ConsolePlaceAtDocument = new TypedDocumentString(`
    query ConsolePlaceAt($lng: Float!, $lat: Float!, $script: Script!) {
  placesAt(lng: $lng, lat: $lat) {
    id
    name(script: $script)
    nameEn
    kind
  }
}
    `) as unknown as TypedDocumentString<ConsolePlaceAtQuery, ConsolePlaceAtQueryVariables>;
export const ConsoleProjectDocument = new TypedDocumentString(`
    query ConsoleProject($id: ID!, $script: Script!) {
  project(id: $id) {
    id
    name(script: $script)
    nameEn
    category
    precision
    positionSource
    startYear
    endYear
    investmentCny
    reference
    tasks {
      id
    }
    places {
      id
      name(script: $script)
      nameEn
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProjectQuery, ConsoleProjectQueryVariables>;
export const ConsoleUpsertProjectDocument = new TypedDocumentString(`
    mutation ConsoleUpsertProject($input: ProjectInput!, $script: Script!) {
  upsertProject(input: $input) {
    id
    name(script: $script)
    precision
    positionSource
    places {
      id
      name(script: $script)
      nameEn
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpsertProjectMutation, ConsoleUpsertProjectMutationVariables>;
export const ConsoleImportProjectsDocument = new TypedDocumentString(`
    mutation ConsoleImportProjects($format: ImportFormat!, $content: String!, $dryRun: Boolean!, $script: Script!) {
  importProjects(format: $format, content: $content, dryRun: $dryRun) {
    dryRun
    created
    updated
    rows {
      row
      line
      id
      name
      action
      precision
      positionSource
      lng
      lat
      place {
        id
        name(script: $script)
        nameEn
      }
      problems {
        field
        message
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleImportProjectsMutation, ConsoleImportProjectsMutationVariables>;
export const ConsoleTargetPlacesDocument = new TypedDocumentString(`
    query ConsoleTargetPlaces($script: Script!) {
  places {
    id
    kind
    name(script: $script)
    nameEn
  }
}
    `) as unknown as TypedDocumentString<ConsoleTargetPlacesQuery, ConsoleTargetPlacesQueryVariables>;
export const ConsoleObligationsDocument = new TypedDocumentString(`
    query ConsoleObligations($id: ID!, $script: Script!) {
  place(id: $id) {
    id
    obligations(includeContained: false) {
      id
      dueYear
      task {
        id
        ref
        title(script: $script)
        titleEn
      }
      targets {
        year
        progress
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleObligationsQuery, ConsoleObligationsQueryVariables>;
export const ConsoleSetTargetsDocument = new TypedDocumentString(`
    mutation ConsoleSetTargets($taskId: ID!, $placeId: ID!, $targets: [YearTargetInput!]!) {
  setObligationTargets(taskId: $taskId, placeId: $placeId, targets: $targets) {
    id
    dueYear
    targets {
      year
      progress
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetTargetsMutation, ConsoleSetTargetsMutationVariables>;
export const ConsoleUsersDocument = new TypedDocumentString(`
    query ConsoleUsers($script: Script!) {
  users {
    id
    username
    displayName
    role
    disabled
    places {
      id
      name(script: $script)
      nameEn
    }
    department {
      id
      name(script: $script)
      nameEn
    }
  }
  places {
    id
    kind
    name(script: $script)
    nameEn
  }
  departments {
    id
    name(script: $script)
    nameEn
  }
}
    `) as unknown as TypedDocumentString<ConsoleUsersQuery, ConsoleUsersQueryVariables>;
export const ConsoleCreateUserDocument = new TypedDocumentString(`
    mutation ConsoleCreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    id
    username
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateUserMutation, ConsoleCreateUserMutationVariables>;
export const ConsoleUpdateUserDocument = new TypedDocumentString(`
    mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) {
    id
    disabled
    role
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateUserMutation, ConsoleUpdateUserMutationVariables>;
export const IndicatorChartValuesDocument = new TypedDocumentString(`
    query IndicatorChartValues($script: Script!) {
  places(filter: {kinds: [CITY, DISTRICT, COUNTY_CITY, COUNTY]}) {
    id
    name(script: $script)
    nameEn
    kind
  }
  indicators {
    id
    values {
      year
      value
      source
      place {
        id
        name(script: $script)
        nameEn
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<IndicatorChartValuesQuery, IndicatorChartValuesQueryVariables>;
export const MyObligationsDocument = new TypedDocumentString(`
    query MyObligations($script: Script!, $placeIds: [ID!]!, $after: String, $afterBehind: String, $behindOnly: Boolean!) {
  all: obligations(filter: {placeIds: $placeIds}, first: 100, after: $after) @skip(if: $behindOnly) {
    nodes {
      id
      dueYear
      status
      progress
      task {
        id
        ref
        title(script: $script)
        titleEn
      }
      place {
        id
        name(script: $script)
        nameEn
      }
      reports(first: 1) {
        nodes {
          id
          review
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  behind: obligations(
    filter: {placeIds: $placeIds, behindTarget: true}
    first: 100
    after: $afterBehind
  ) {
    nodes {
      id
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<MyObligationsQuery, MyObligationsQueryVariables>;
export const ObligationsUploadImportDocument = new TypedDocumentString(`
    mutation ObligationsUploadImport($content: String!, $placeId: ID, $dryRun: Boolean!) {
  importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {
    dryRun
    filed
    refused
    unchanged
    rows {
      row
      taskId
      status
      progress
      problem
      problemCode
      problemField
      problemValue
      problemPlaceId
      problemDepartmentId
      problemLimit
    }
  }
}
    `) as unknown as TypedDocumentString<ObligationsUploadImportMutation, ObligationsUploadImportMutationVariables>;