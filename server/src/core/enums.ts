/** The contract's enums, shared by every layer; graphql/enums.ts registers them with type-graphql. */

export enum Script {
  HANS = "HANS",
  HANT = "HANT",
}
export enum TaskKind {
  REFORM = "REFORM",
  MATTER = "MATTER",
  PROJECT_PROGRAM = "PROJECT_PROGRAM",
  RESEARCH = "RESEARCH",
  PILOT = "PILOT",
  SAFEGUARD = "SAFEGUARD",
}
export enum TaskStatus {
  NOT_STARTED = "NOT_STARTED",
  IN_PROGRESS = "IN_PROGRESS",
  AT_RISK = "AT_RISK",
  DELAYED = "DELAYED",
  COMPLETED = "COMPLETED",
}
export enum PlaceKind {
  CITY = "CITY",
  DISTRICT = "DISTRICT",
  COUNTY = "COUNTY",
  COUNTY_CITY = "COUNTY_CITY",
  NEW_DISTRICT = "NEW_DISTRICT",
  DEVELOPMENT_ZONE = "DEVELOPMENT_ZONE",
  BONDED_ZONE = "BONDED_ZONE",
  SCENIC_AREA = "SCENIC_AREA",
  HERITAGE_SITE = "HERITAGE_SITE",
  WATER_SOURCE = "WATER_SOURCE",
  OTHER = "OTHER",
  EXTERNAL = "EXTERNAL",
}
export enum GeoPrecision {
  EXACT = "EXACT",
  NEAR = "NEAR",
  ADM3 = "ADM3",
  ADM2 = "ADM2",
  APPROXIMATE = "APPROXIMATE",
}
export enum PlaceRole {
  SUBJECT = "SUBJECT",
  PILOT = "PILOT",
  LEAD = "LEAD",
  APPLIES = "APPLIES",
  MENTION = "MENTION",
}
export enum ObligationReason {
  DIRECT = "DIRECT",
  CONTAINED = "CONTAINED",
  LEAD = "LEAD",
  APPLIES_TO_ALL = "APPLIES_TO_ALL",
  CITYWIDE = "CITYWIDE",
}
export enum TaskOrder {
  PLAN_ORDER = "PLAN_ORDER",
  DISTANCE = "DISTANCE",
  PROGRESS = "PROGRESS",
}
export enum ProjectCategory {
  INDUSTRIAL_TRANSFORMATION = "INDUSTRIAL_TRANSFORMATION",
  ECOLOGICAL_RESTORATION = "ECOLOGICAL_RESTORATION",
  URBAN_RURAL_INTEGRATION = "URBAN_RURAL_INTEGRATION",
  LIVELIHOOD = "LIVELIHOOD",
}
export enum ImportFormat {
  CSV = "CSV",
  GEOJSON = "GEOJSON",
}
export enum ImportAction {
  CREATE = "CREATE",
  UPDATE = "UPDATE",
  UNCHANGED = "UNCHANGED",
  REFUSED = "REFUSED",
}
export enum Comparator {
  AT_LEAST = "AT_LEAST",
  AT_MOST = "AT_MOST",
  REACH = "REACH",
  REDUCE_BY = "REDUCE_BY",
}
export enum ReviewState {
  SUBMITTED = "SUBMITTED",
  APPROVED = "APPROVED",
  RETURNED = "RETURNED",
}
export enum ReviewDecision {
  APPROVE = "APPROVE",
  RETURN = "RETURN",
}
export enum Role {
  PLANNER = "PLANNER",
  AREA_LEADER = "AREA_LEADER",
  DEPARTMENT = "DEPARTMENT",
  VIEWER = "VIEWER",
}

/** Picks the text of a row in the requested script. */
export function inScript<T extends string | null>(row: { hans: T; hant: T }, script: Script | undefined): T {
  return script === Script.HANT ? row.hant : row.hans;
}
