/**
 * The annual assessment's rows for one year, asked only while the assessment tab is open to a signed-in user.
 *
 * The query lives here, not beside the view that draws it: app.tsx loads AssessmentView with a dynamic import, and
 * a static import of the view's module from this hook (which app.tsx imports) would put the view in the page's
 * first bundle after all.
 */
import { graphql } from "../../api/gql/index.ts";
import type { AssessmentQuery } from "../../api/gql/graphql.ts";
import type { Script } from "../../api/types.ts";
import { useQuery } from "../../api/use-query.ts";

export const ASSESSMENT = graphql(`
  query Assessment($year: Int!, $script: Script!) {
    assessment(year: $year) {
      place { id name(script: $script) nameEn }
      year obligations due met metLate delayed notReported score finalizedAt note
      finalizedBy { id displayName }
    }
  }
`);

export type AssessmentData = AssessmentQuery;

export function useAssessment(year: number, script: Script, open: boolean) {
  return useQuery(ASSESSMENT, { year, script }, !open);
}
