/**
 * Writes a parsed plan, the gazetteer and the place links into the database in
 * one transaction: idempotent upserts by stable id. Re-importing the same input
 * changes nothing; a changed file updates rows in place; curated links, reports,
 * reviews and indicator values are never touched.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { computeContainment, syncObligations } from "../modules/place/place.repository.ts";
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
  const rows = gazetteer.map((p, ordinal) => ({
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
  // parent ids are set in a second pass, so the order of the rows does not matter
  await sql`
    insert into place (id, code, name_hans, name_hant, name_en, kind, parent_id, precision, source, aliases, geom, label_point, area_km2, ordinal)
    select r.id, r.code, r.name_hans, r.name_hant, r.name_en, r.kind, null, r.precision, r.source,
      array(select jsonb_array_elements_text(r.aliases)), g.geom,
      ST_PointOnSurface(g.geom),
      case when ST_Dimension(g.geom) = 2 then ST_Area(g.geom::geography) / 1e6 end, r.ordinal
    from jsonb_to_recordset(${json(rows)}::jsonb) as r(id text, code text, name_hans text, name_hant text, name_en text, kind text,
      parent_id text, precision text, source text, aliases jsonb, geometry jsonb, ordinal int)
    cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326) as geom) g
    on conflict (id) do update set
      code = excluded.code, name_hans = excluded.name_hans, name_hant = excluded.name_hant, name_en = excluded.name_en,
      kind = excluded.kind, precision = excluded.precision, source = excluded.source, aliases = excluded.aliases,
      geom = excluded.geom, label_point = excluded.label_point, area_km2 = excluded.area_km2, ordinal = excluded.ordinal
    where (place.code, place.name_hans, place.name_hant, place.name_en, place.kind, place.precision, place.source, place.aliases, place.ordinal)
      is distinct from (excluded.code, excluded.name_hans, excluded.name_hant, excluded.name_en, excluded.kind, excluded.precision, excluded.source, excluded.aliases, excluded.ordinal)
      or not ST_Equals(place.geom, excluded.geom)`.execute(trx);
  await sql`
    update place p set parent_id = r.parent_id
    from jsonb_to_recordset(${json(rows.map((r) => ({ id: r.id, parent_id: r.parent_id })))}::jsonb) as r(id text, parent_id text)
    where p.id = r.id and p.parent_id is distinct from r.parent_id`.execute(trx);
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
  await sql`
    insert into plan (id, doc_number, title_hant, title_hans, title_en, issuer_hant, issuer_hans, issued_on, period_start, period_end,
      source_text_hant, source_text_hans, content_hash, ordinal)
    values (${plan.id}, ${toSimplified(plan.docNumber)}, ${plan.title}, ${deriveHans(plan.title)}, ${plan.titleEn}, ${plan.issuer}, ${deriveHans(plan.issuer)},
      ${plan.issuedOn}, ${plan.periodStart}, ${plan.periodEnd}, ${plan.sourceText}, ${hans}, ${hash}, ${ordinal})
    on conflict (id) do update set doc_number = excluded.doc_number, title_hant = excluded.title_hant, title_hans = excluded.title_hans,
      title_en = excluded.title_en, issuer_hant = excluded.issuer_hant, issuer_hans = excluded.issuer_hans, issued_on = excluded.issued_on,
      period_start = excluded.period_start, period_end = excluded.period_end, source_text_hant = excluded.source_text_hant,
      source_text_hans = excluded.source_text_hans, content_hash = excluded.content_hash, imported_at = now()`.execute(
    trx,
  );

  await sql`delete from text_repair where plan_id = ${plan.id}`.execute(trx);
  await sql`
    insert into text_repair (plan_id, ordinal, span_start, span_end, original, repaired, method)
    select ${plan.id}, r.ordinal, r.s, r.e, r.original, r.repaired, r.method
    from jsonb_to_recordset(${json(plan.repairs.map((r, ordinal) => ({ ordinal, s: r.span.start, e: r.span.end, original: r.original, repaired: r.repaired, method: r.method })))}::jsonb)
      as r(ordinal int, s int, e int, original text, repaired text, method text)`.execute(trx);

  await sql`delete from section where plan_id = ${plan.id}`.execute(trx);
  await sql`
    insert into section (plan_id, id, ref, heading_hant, heading_hans, heading_en, parent_id, ordinal, text_hant, text_hans, span_start, span_end)
    select ${plan.id}, r.id, r.ref, r.heading, r.heading_hans, r.heading_en, r.parent_id, r.ordinal, r.text, r.text_hans, r.s, r.e
    from jsonb_to_recordset(${json(
      plan.sections.map((s) => ({
        id: s.id,
        ref: s.ref,
        heading: s.heading,
        heading_hans: deriveHans(s.heading),
        heading_en: s.headingEn,
        parent_id: s.parentId,
        ordinal: s.ordinal,
        text: s.text,
        text_hans: s.text === null ? null : deriveHans(s.text),
        s: s.span.start,
        e: s.span.end,
      })),
    )}::jsonb) as r(id text, ref text, heading text, heading_hans text, heading_en text, parent_id text, ordinal int, text text, text_hans text, s int, e int)`.execute(
    trx,
  );

  await sql`
    insert into department (id, name_hant, name_hans, name_en, jurisdiction_place_id, ordinal)
    select r.id, r.name, r.name_hans, r.name_en, r.jurisdiction, r.ordinal
    from jsonb_to_recordset(${json(
      plan.departments.map((d, ordinal) => ({
        id: d.id,
        name: d.name,
        name_hans: deriveHans(d.name),
        name_en: d.nameEn,
        jurisdiction: d.jurisdictionPlaceId,
        ordinal,
      })),
    )}::jsonb) as r(id text, name text, name_hans text, name_en text, jurisdiction text, ordinal int)
    on conflict (id) do update set name_hant = excluded.name_hant, name_hans = excluded.name_hans, name_en = excluded.name_en,
      jurisdiction_place_id = excluded.jurisdiction_place_id, ordinal = excluded.ordinal
    where (department.name_hant, department.name_en, department.jurisdiction_place_id, department.ordinal)
      is distinct from (excluded.name_hant, excluded.name_en, excluded.jurisdiction_place_id, excluded.ordinal)`.execute(
    trx,
  );

  const taskRows = plan.tasks.map((t) => ({
    id: t.id,
    kind: t.kind,
    number: t.number,
    ref: t.ref,
    section_id: t.sectionId,
    ordinal: t.ordinal,
    title: t.title,
    title_hans: deriveHans(t.title),
    title_en: t.titleEn,
    text: t.text,
    text_hans: hans.slice(t.span.start, t.span.end),
    s: t.span.start,
    e: t.span.end,
    due_year: t.dueYear,
  }));
  await sql`
    insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
    select r.id, ${plan.id}, r.kind, r.number, r.ref, r.section_id, r.ordinal, r.title, r.title_hans, r.title_en, r.text, r.text_hans, r.s, r.e, r.due_year
    from jsonb_to_recordset(${json(taskRows)}::jsonb) as r(id text, kind text, number int, ref text, section_id text, ordinal int, title text,
      title_hans text, title_en text, text text, text_hans text, s int, e int, due_year int)
    on conflict (id) do update set plan_id = excluded.plan_id, kind = excluded.kind, number = excluded.number, ref = excluded.ref,
      section_id = excluded.section_id, ordinal = excluded.ordinal, title_hant = excluded.title_hant, title_hans = excluded.title_hans,
      title_en = excluded.title_en, text_hant = excluded.text_hant, text_hans = excluded.text_hans, span_start = excluded.span_start,
      span_end = excluded.span_end, due_year = excluded.due_year
    where (task.kind, task.number, task.ref, task.section_id, task.ordinal, task.title_hant, task.title_en, task.text_hant, task.span_start, task.span_end, task.due_year)
      is distinct from (excluded.kind, excluded.number, excluded.ref, excluded.section_id, excluded.ordinal, excluded.title_hant, excluded.title_en,
        excluded.text_hant, excluded.span_start, excluded.span_end, excluded.due_year)`.execute(trx);
  // tasks that left the text go, unless someone has reported on them (their history stays)
  await sql`
    delete from task t where t.plan_id = ${plan.id} and not (t.id = any(${plan.tasks.map((t) => t.id)}::text[]))
      and not exists (select 1 from progress_report r where r.task_id = t.id)`.execute(trx);

  const taskIds = plan.tasks.map((t) => t.id);
  await sql`delete from task_lead where task_id = any(${taskIds}::text[])`.execute(trx);
  await sql`
    insert into task_lead (task_id, department_id, ordinal, span_start, span_end)
    select r.task_id, r.department_id, r.ordinal, r.s, r.e
    from jsonb_to_recordset(${json(
      plan.tasks.flatMap((t) =>
        t.leads.map((l, ordinal) => ({
          task_id: t.id,
          department_id: l.departmentId,
          ordinal,
          s: l.span.start,
          e: l.span.end,
        })),
      ),
    )}::jsonb) as r(task_id text, department_id text, ordinal int, s int, e int)
    on conflict do nothing`.execute(trx);

  // links: the linker's are replaced; curated ones (seed overrides or made in the app) are kept,
  // and links a planner removed in the app stay removed
  await sql`delete from task_place where task_id = any(${taskIds}::text[]) and not curated`.execute(trx);
  await sql`
    insert into task_place (task_id, place_id, role, evidence_start, evidence_end, curated)
    select r.task_id, r.place_id, r.role, r.s, r.e, r.curated
    from jsonb_to_recordset(${json(
      links.map((l) => ({
        task_id: l.taskId,
        place_id: l.placeId,
        role: l.role,
        s: l.evidence?.start ?? null,
        e: l.evidence?.end ?? null,
        curated: l.curated,
      })),
    )}::jsonb) as r(task_id text, place_id text, role text, s int, e int, curated boolean)
    on conflict (task_id, place_id, role) do update set evidence_start = excluded.evidence_start, evidence_end = excluded.evidence_end
    where task_place.curated = excluded.curated
      and (task_place.evidence_start, task_place.evidence_end) is distinct from (excluded.evidence_start, excluded.evidence_end)`.execute(
    trx,
  );
  await sql`
    delete from task_place tp using (
      select distinct on (task_id, place_id) task_id, place_id, action from link_change order by task_id, place_id, created_at desc, id desc
    ) c
    where c.task_id = tp.task_id and c.place_id = tp.place_id and c.action = 'unlink' and tp.task_id = any(${taskIds}::text[])`.execute(
    trx,
  );

  await sql`
    insert into indicator (id, plan_id, ordinal, name_hant, name_hans, name_en, unit, comparator, target, stretch_target, base_year, target_year, scope_place_id, span_start, span_end)
    select r.id, ${plan.id}, r.ordinal, r.name, r.name_hans, r.name_en, r.unit, r.comparator, r.target, r.stretch, r.base_year, r.target_year, r.scope, r.s, r.e
    from jsonb_to_recordset(${json(
      plan.indicators.map((i, ordinal) => ({
        id: i.id,
        ordinal,
        name: i.name,
        name_hans: deriveHans(i.name),
        name_en: i.nameEn,
        unit: i.unit,
        comparator: i.comparator,
        target: i.target,
        stretch: i.stretchTarget,
        base_year: i.baseYear,
        target_year: i.targetYear,
        scope: i.scopePlaceId,
        s: i.span.start,
        e: i.span.end,
      })),
    )}::jsonb) as r(id text, ordinal int, name text, name_hans text, name_en text, unit text, comparator text, target float8, stretch float8,
      base_year int, target_year int, scope text, s int, e int)
    on conflict (id) do update set plan_id = excluded.plan_id, ordinal = excluded.ordinal, name_hant = excluded.name_hant, name_hans = excluded.name_hans,
      name_en = excluded.name_en, unit = excluded.unit, comparator = excluded.comparator, target = excluded.target, stretch_target = excluded.stretch_target,
      base_year = excluded.base_year, target_year = excluded.target_year, scope_place_id = excluded.scope_place_id, span_start = excluded.span_start, span_end = excluded.span_end`.execute(
    trx,
  );
  const indicatorIds = plan.indicators.map((i) => i.id);
  await sql`delete from indicator_task where indicator_id = any(${indicatorIds}::text[])`.execute(trx);
  await sql`
    insert into indicator_task (indicator_id, task_id, ordinal)
    select r.indicator_id, r.task_id, r.ordinal
    from jsonb_to_recordset(${json(plan.indicators.flatMap((i) => i.taskIds.map((taskId, ordinal) => ({ indicator_id: i.id, task_id: taskId, ordinal }))))}::jsonb)
      as r(indicator_id text, task_id text, ordinal int)
    on conflict do nothing`.execute(trx);
  // links, leads and containment may all have changed: every plan's obligations follow
  await syncObligations(trx);
}
