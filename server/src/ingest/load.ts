/**
 * Writes a parsed plan, the gazetteer and the place links into the database in
 * one transaction, through the repositories' write functions: idempotent upserts by stable id. Re-importing the same input
 * changes nothing; a changed file updates rows in place; curated links, reports,
 * reviews and indicator values are never touched.
 */
import { createHash } from "node:crypto";
import type { Db } from "../db/database.ts";
import {
  computeContainment,
  syncObligations,
  upsertGazetteerPlaces,
  type GazetteerPlaceWrite,
} from "../modules/place/place.repository.ts";
import { replaceSections, replaceTextRepairs, upsertPlan } from "../modules/plan/plan.repository.ts";
import { upsertDepartments } from "../modules/department/department.repository.ts";
import {
  deleteTasksExcept,
  replaceGeneratedLinks,
  replaceTaskLeads,
  upsertTasks,
  type TaskWrite,
} from "../modules/task/task.repository.ts";
import { replaceIndicatorTasks, upsertIndicators } from "../modules/indicator/indicator.repository.ts";
import { deriveHans, toSimplified } from "../core/script.ts";
import type { GazetteerPlace } from "../../../geo/src/types.ts";
import type { CuratedPlaceLink } from "../../../geo/src/apply-overrides.ts";
import type { ParsedPlan } from "./types.ts";

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Hash of everything an import depends on, to make re-imports of identical input a no-op. */
export function contentHash(
  plan: ParsedPlan,
  gazetteer: GazetteerPlace[],
  links: CuratedPlaceLink[],
  extra: unknown = null,
): string {
  return createHash("sha256")
    .update(json({ plan, gazetteer, links, extra, version: 1 }))
    .digest("hex");
}

/** Upserts the gazetteer and recomputes containment with PostGIS. */
export async function loadGazetteer(trx: Db, gazetteer: GazetteerPlace[]): Promise<void> {
  const rows: GazetteerPlaceWrite[] = gazetteer.map((p, ordinal) => ({
    id: p.id,
    code: p.code,
    name_hans: p.name,
    name_hant: p.nameHant,
    name_en: p.nameEn,
    kind: p.kind,
    parent_id: p.parentId,
    precision: p.precision,
    source: p.source,
    aliases: p.aliases,
    geometry: p.geometry,
    ordinal,
  }));
  await upsertGazetteerPlaces(trx, rows);
  await computeContainment(trx);
}

/** Loads one plan and its links; the gazetteer must already be loaded. */
export async function loadPlan(
  trx: Db,
  plan: ParsedPlan,
  links: CuratedPlaceLink[],
  hash: string,
  ordinal: number,
): Promise<void> {
  const hans = deriveHans(plan.sourceText);
  await upsertPlan(trx, {
    id: plan.id,
    doc_number: toSimplified(plan.docNumber),
    title_hant: plan.title,
    title_hans: deriveHans(plan.title),
    title_en: plan.titleEn,
    issuer_hant: plan.issuer,
    issuer_hans: deriveHans(plan.issuer),
    issued_on: plan.issuedOn,
    period_start: plan.periodStart,
    period_end: plan.periodEnd,
    source_text_hant: plan.sourceText,
    source_text_hans: hans,
    content_hash: hash,
    ordinal,
  });
  await replaceTextRepairs(
    trx,
    plan.id,
    plan.repairs.map((r, ordinal) => ({
      ordinal,
      span_start: r.span.start,
      span_end: r.span.end,
      original: r.original,
      repaired: r.repaired,
      method: r.method,
    })),
  );
  await replaceSections(
    trx,
    plan.id,
    plan.sections.map((s) => ({
      id: s.id,
      ref: s.ref,
      heading_hant: s.heading,
      heading_hans: deriveHans(s.heading),
      heading_en: s.headingEn,
      parent_id: s.parentId,
      ordinal: s.ordinal,
      text_hant: s.text,
      text_hans: s.text === null ? null : deriveHans(s.text),
      span_start: s.span.start,
      span_end: s.span.end,
    })),
  );
  await upsertDepartments(
    trx,
    plan.departments.map((d, ordinal) => ({
      id: d.id,
      name_hant: d.name,
      name_hans: deriveHans(d.name),
      name_en: d.nameEn,
      jurisdiction_place_id: d.jurisdictionPlaceId,
      ordinal,
    })),
  );

  const taskRows: TaskWrite[] = plan.tasks.map((t) => ({
    id: t.id,
    kind: t.kind,
    number: t.number,
    ref: t.ref,
    section_id: t.sectionId,
    ordinal: t.ordinal,
    title_hant: t.title,
    title_hans: deriveHans(t.title),
    title_en: t.titleEn,
    text_hant: t.text,
    text_hans: hans.slice(t.span.start, t.span.end),
    span_start: t.span.start,
    span_end: t.span.end,
    due_year: t.dueYear,
  }));
  await upsertTasks(trx, plan.id, taskRows);
  const taskIds = plan.tasks.map((t) => t.id);
  // tasks that left the text go, unless someone has reported on them (their history stays)
  await deleteTasksExcept(trx, plan.id, taskIds);
  await replaceTaskLeads(
    trx,
    taskIds,
    plan.tasks.flatMap((t) =>
      t.leads.map((l, ordinal) => ({
        task_id: t.id,
        department_id: l.departmentId,
        ordinal,
        span_start: l.span.start,
        span_end: l.span.end,
      })),
    ),
  );
  // links: the linker's are replaced; curated ones (seed overrides or made in the app) are kept,
  // and links a planner removed in the app stay removed
  await replaceGeneratedLinks(
    trx,
    taskIds,
    links.map((l) => ({
      task_id: l.taskId,
      place_id: l.placeId,
      role: l.role,
      evidence_start: l.evidence?.start ?? null,
      evidence_end: l.evidence?.end ?? null,
      curated: l.curated,
    })),
  );

  await upsertIndicators(
    trx,
    plan.id,
    plan.indicators.map((i, ordinal) => ({
      id: i.id,
      ordinal,
      name_hant: i.name,
      name_hans: deriveHans(i.name),
      name_en: i.nameEn,
      unit: i.unit,
      comparator: i.comparator,
      target: i.target,
      stretch_target: i.stretchTarget,
      base_year: i.baseYear,
      target_year: i.targetYear,
      scope_place_id: i.scopePlaceId,
      span_start: i.span.start,
      span_end: i.span.end,
    })),
  );
  await replaceIndicatorTasks(
    trx,
    plan.indicators.map((i) => i.id),
    plan.indicators.flatMap((i) =>
      i.taskIds.map((taskId, ordinal) => ({ indicator_id: i.id, task_id: taskId, ordinal })),
    ),
  );
  // links, leads and containment may all have changed: every plan's obligations follow
  await syncObligations(trx);
}
