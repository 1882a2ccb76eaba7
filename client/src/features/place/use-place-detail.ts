/** A place's panel data; `skip` while another panel (a task's, a project's) is open over it. */
import { PLACE_DETAIL } from "../../api/operations.ts";
import type { Script } from "../../api/types.ts";
import { useQuery } from "../../api/use-query.ts";

export function usePlaceDetail(
  id: string | null,
  script: Script,
  asOf: string | undefined,
  includeCitywide: boolean,
  skip: boolean,
) {
  return useQuery(PLACE_DETAIL, { id: id ?? "", script, asOf, includeCitywide }, !id || skip);
}
