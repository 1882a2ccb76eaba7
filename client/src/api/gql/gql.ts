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
    "\n  query Assessment($year: Int!, $script: Script!) {\n    assessment(year: $year) {\n      place { id name(script: $script) nameEn }\n      year obligations due met metLate delayed notReported score finalizedAt note\n      finalizedBy { id displayName }\n    }\n  }\n": typeof types.AssessmentDocument,
    "\n  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {\n    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }\n  }\n": typeof types.FinalizeAssessmentDocument,
    "\n  query IndicatorChartValues($script: Script!) {\n    places(filter: { kinds: [CITY, DISTRICT, COUNTY_CITY, COUNTY] }) { id name(script: $script) nameEn kind }\n    indicators {\n      id\n      values { year value source place { id name(script: $script) nameEn kind } }\n    }\n  }\n": typeof types.IndicatorChartValuesDocument,
    "\n  mutation ObligationsUploadImport($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem problemCode problemField problemValue problemPlaceId problemDepartmentId problemLimit }\n    }\n  }\n": typeof types.ObligationsUploadImportDocument,
};
const documents: Documents = {
    "\n  query Assessment($year: Int!, $script: Script!) {\n    assessment(year: $year) {\n      place { id name(script: $script) nameEn }\n      year obligations due met metLate delayed notReported score finalizedAt note\n      finalizedBy { id displayName }\n    }\n  }\n": types.AssessmentDocument,
    "\n  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {\n    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }\n  }\n": types.FinalizeAssessmentDocument,
    "\n  query IndicatorChartValues($script: Script!) {\n    places(filter: { kinds: [CITY, DISTRICT, COUNTY_CITY, COUNTY] }) { id name(script: $script) nameEn kind }\n    indicators {\n      id\n      values { year value source place { id name(script: $script) nameEn kind } }\n    }\n  }\n": types.IndicatorChartValuesDocument,
    "\n  mutation ObligationsUploadImport($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem problemCode problemField problemValue problemPlaceId problemDepartmentId problemLimit }\n    }\n  }\n": types.ObligationsUploadImportDocument,
};

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
export function graphql(source: "\n  query IndicatorChartValues($script: Script!) {\n    places(filter: { kinds: [CITY, DISTRICT, COUNTY_CITY, COUNTY] }) { id name(script: $script) nameEn kind }\n    indicators {\n      id\n      values { year value source place { id name(script: $script) nameEn kind } }\n    }\n  }\n"): typeof import('./graphql').IndicatorChartValuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ObligationsUploadImport($content: String!, $placeId: ID, $dryRun: Boolean!) {\n    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {\n      dryRun filed refused unchanged\n      rows { row taskId status progress problem problemCode problemField problemValue problemPlaceId problemDepartmentId problemLimit }\n    }\n  }\n"): typeof import('./graphql').ObligationsUploadImportDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
