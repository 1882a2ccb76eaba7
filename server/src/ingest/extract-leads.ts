/** Reads the lead units printed at the end of an item: (牽頭部門:市財政局) or (牽頭單位:市社科院、…). */
import type { ParsedDepartment, ParsedLead, Span } from "./types.ts";
import { CurationError } from "./errors.ts";

const LEAD_BRACKET = /\((?:牽頭|牵头)(?:部門|部门|單位|单位)[:：]([^()]+)\)\s*$/u;

/** A lead unit as printed, with its span in the source text. */
export interface PrintedLead {
  name: string;
  span: Span;
}

/** The lead units printed at the end of `text` (which starts at `offset` in the source), in printed order. */
function findPrintedLeads(text: string, offset: number): PrintedLead[] {
  const m = LEAD_BRACKET.exec(text);
  if (!m) return [];
  const listStart = m.index + m[0].indexOf(m[1]);
  const out: PrintedLead[] = [];
  let at = listStart;
  for (const part of m[1].split("、")) {
    const lead = part.length - part.trimStart().length;
    const name = part.trim();
    if (name.length > 0) out.push({ name, span: { start: offset + at + lead, end: offset + at + lead + name.length } });
    at += part.length + 1;
  }
  return out;
}

/** Maps printed lead units to departments by name; a name missing from the department list is an error naming it. */
export function extractLeads(
  task: { id: string; text: string; span: Span },
  departments: readonly ParsedDepartment[],
): ParsedLead[] {
  return findPrintedLeads(task.text, task.span.start).map(({ name, span }) => {
    const department = departments.find((d) => d.name === name);
    if (!department) {
      throw new CurationError(
        `lead unit ${name} of task ${task.id} is not listed in departments.json; every lead must map to a department id`,
      );
    }
    return { departmentId: department.id, name, span };
  });
}
