/** The plan's indicators (a startup query: api/startup.ts). */
import { useMemo } from "react";
import { startupQueries } from "../../api/startup.ts";
import type { Script } from "../../api/types.ts";
import { useQuery } from "../../api/use-query.ts";

export function useIndicators(script: Script) {
  const { document, variables } = useMemo(() => startupQueries(script, undefined).indicators, [script]);
  return useQuery(document, variables);
}
