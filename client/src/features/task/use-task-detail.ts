/** A task's panel data: the task and its report history, asked together; nothing while no task is open. */
import { TASK_DETAIL, TASK_REPORTS } from "../../api/operations.ts";
import type { Script } from "../../api/types.ts";
import { useQuery } from "../../api/use-query.ts";

export function useTaskDetail(id: string | null, script: Script, asOf: string | undefined) {
  const detail = useQuery(TASK_DETAIL, { id: id ?? "", script, asOf }, !id);
  const reports = useQuery(TASK_REPORTS, { id: id ?? "", script }, !id);
  const task = detail.data?.task && detail.data.task.id === id ? detail.data.task : null;
  return { detail, reports, task };
}
