/** The annual assessment's rows for one year, asked only while the assessment tab is open to a signed-in user. */
import type { Script } from "../../api/types.ts";
import { useQuery } from "../../api/use-query.ts";
import { ASSESSMENT } from "./assessment-view.tsx";

export function useAssessment(year: number, script: Script, open: boolean) {
  return useQuery(ASSESSMENT, { year, script }, !open);
}
