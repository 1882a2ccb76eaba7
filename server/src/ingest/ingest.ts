/**
 * The ingest entry point: plan text in, ParsedPlan rows out.
 * decode → normalise (annotations, mojibake) → parse → leads, indicators, English.
 */
import type { ParsedDepartment, ParsedPlan, ParsedSection, ParsedTask, TextRepair } from "./types.ts";
import { CurationError, PlanFormatError } from "./errors.ts";
import { decodePlanBytes } from "./decode.ts";
import { normalizePlanText, stripPinyinAnnotations } from "./normalize.ts";
import { parsePlanStructure, type DraftSection } from "./parse.ts";
import { extractLeads } from "./extract-leads.ts";
import { extractIndicators, type GoalText } from "./extract-indicators.ts";
import { loadCuration, type PlanCuration } from "./curation.ts";

/** Options of ingestPlanText. */
export interface IngestOptions {
  /** keep damaged passages nothing could repair (recorded as "unrepaired") instead of refusing the text */
  allowUnrepaired?: boolean;
  /** default: derived from the document number, e.g. "taiyuan-2013-30" */
  planId?: string;
  /** place the indicators' targets apply to; default: the plan id's first part ("taiyuan") */
  scopePlaceId?: string;
  /** curation to use instead of (or on top of) the files in seeds/ */
  curation?: Partial<PlanCuration>;
  /** folder to read curation files from; default: the repository's seeds/ */
  seedsDir?: string;
}

/** What an ingest did to the text, for the operator. */
export interface IngestSummary {
  annotationsRemoved: number;
  passagesRepaired: number;
  unrepaired: number;
  warnings: string[];
}

// Abbreviations that open document numbers of Taiyuan and its county-level governments.
const ISSUER_BY_PREFIX: [RegExp, string][] = [
  [/^[并並]/u, "taiyuan"],
  [/^古/u, "gujiao"],
  [/^清/u, "qingxu"],
  [/^[陽阳]曲/u, "yangqu"],
  [/^[婁娄]/u, "loufan"],
];
const DOC_NUMBER = /([\p{Script=Han}]{1,6})〔(\d{4})〕(\d{1,4})[號号]/u;

/** The plan id for a document number: 并政發〔2013〕30號 → "taiyuan-2013-30". */
export function planIdFor(docNumber: string): string | undefined {
  const m = DOC_NUMBER.exec(docNumber);
  if (!m) return undefined;
  const issuer = ISSUER_BY_PREFIX.find(([re]) => re.test(m[1]))?.[1] ?? "plan";
  return `${issuer}-${m[2]}-${Number(m[3])}`;
}

/** Reads a plan's text (bytes or string) and its curation from seeds/, and returns the plan's rows with a summary. */
export function ingestPlanText(
  raw: Uint8Array | string,
  opts: IngestOptions = {},
): { plan: ParsedPlan; summary: IngestSummary } {
  const text = decodePlanBytes(raw);
  const head = stripPinyinAnnotations(text.split("\n").slice(0, 12).join("\n"));
  const planId = opts.planId ?? planIdFor(head) ?? "plan";
  const files = loadCuration(planId, opts.seedsDir);
  const curation: PlanCuration = { ...files, ...opts.curation };
  return ingestPlan(text, curation, { ...opts, planId });
}

/** The pure core of the ingest: decoded text and curation in, rows out. */
function ingestPlan(
  raw: Uint8Array | string,
  curation: PlanCuration,
  opts: IngestOptions = {},
): { plan: ParsedPlan; summary: IngestSummary } {
  const decoded = decodePlanBytes(raw);
  const normalized = normalizePlanText(decoded, curation.repairs);
  const warnings = [...normalized.warnings];
  const sourceText = normalized.text;
  const lineAt = (offset: number) => sourceText.slice(0, offset).split("\n").length;

  const repairs: TextRepair[] = [...normalized.repairs];
  if (normalized.unrepaired.length > 0) {
    const first = normalized.unrepaired[0];
    if (!opts.allowUnrepaired) {
      throw new PlanFormatError(
        lineAt(first.start),
        `expected readable text, found a damaged passage "${first.text}" with no repair (${normalized.unrepaired.length} in all); add a curated repair or allow unrepaired passages`,
      );
    }
    for (const p of normalized.unrepaired)
      repairs.push({ span: { start: p.start, end: p.end }, original: p.text, repaired: p.text, method: "unrepaired" });
    repairs.sort((a, b) => a.span.start - b.span.start);
  }

  const structure = parsePlanStructure(sourceText);
  const { header } = structure;
  const planId = opts.planId ?? planIdFor(header.docNumber) ?? "plan";
  const english = curation.english;

  const sections: ParsedSection[] = structure.sections.map((s) => ({
    ...s,
    headingEn: english.sections?.[s.id] ?? "",
  }));
  const departmentsUsed = new Map<string, ParsedDepartment>();
  const tasks: ParsedTask[] = structure.tasks.map(({ line, ...t }) => {
    const leads = extractLeads(t, curation.departments);
    for (const lead of leads)
      departmentsUsed.set(
        lead.departmentId,
        curation.departments.find((d) => d.id === lead.departmentId)!,
      );
    if (leads.length === 0 && (t.kind === "REFORM" || t.kind === "MATTER" || t.kind === "RESEARCH")) {
      warnings.push(`task ${t.id} (line ${line}) names no lead unit`);
    }
    return { ...t, titleEn: english.tasks?.[t.id] ?? "", leads };
  });
  if (departmentsUsed.size === 0) {
    const first = structure.tasks.find((t) => t.kind === "REFORM") ?? structure.tasks[0];
    throw new PlanFormatError(
      first?.line ?? 1,
      "expected lead units such as (牽頭部門:市財政局) at the end of the plan's items, found none",
    );
  }

  const goals = goalTexts(structure.sections, structure.goalsSectionId, sourceText);
  const scopePlaceId = opts.scopePlaceId ?? planId.split("-")[0];
  const extracted = extractIndicators(goals, {
    targetYear: header.periodEnd,
    scopePlaceId,
    curation: curation.indicators,
  });
  warnings.push(...extracted.warnings);
  const taskIds = new Set(tasks.map((t) => t.id));
  for (const indicator of extracted.indicators) {
    const unknown = indicator.taskIds.filter((id) => !taskIds.has(id));
    if (unknown.length > 0)
      throw new CurationError(`indicator ${indicator.id} links to tasks that do not exist: ${unknown.join(", ")}`);
  }

  const missingEnglish = [
    ...sections.filter((s) => !s.headingEn).map((s) => `section ${s.id}`),
    ...tasks.filter((t) => !t.titleEn).map((t) => `task ${t.id}`),
    ...extracted.indicators.filter((i) => !i.nameEn).map((i) => `indicator ${i.id}`),
  ];
  if (!english.plan?.title) missingEnglish.unshift("plan title");
  if (missingEnglish.length > 0)
    warnings.push(
      `no English for ${missingEnglish.length} items: ${missingEnglish.slice(0, 5).join(", ")}${missingEnglish.length > 5 ? ", …" : ""}`,
    );

  const plan: ParsedPlan = {
    id: planId,
    docNumber: header.docNumber,
    title: header.title,
    titleEn: english.plan?.title ?? "",
    issuer: header.issuer,
    issuedOn: header.issuedOn,
    periodStart: header.periodStart,
    periodEnd: header.periodEnd,
    sourceText,
    repairs,
    sections,
    tasks,
    departments: [...departmentsUsed.values()],
    indicators: extracted.indicators,
  };
  return {
    plan,
    summary: {
      annotationsRemoved: normalized.annotationsRemoved,
      passagesRepaired: normalized.passagesRepaired,
      unrepaired: normalized.unrepaired.length,
      warnings,
    },
  };
}

// The goals section's numbered subsections (or its own prose), each with the offset of its text.
function goalTexts(sections: DraftSection[], goalsId: string | null, sourceText: string): GoalText[] {
  if (!goalsId) return [];
  const children = sections.filter((s) => s.parentId === goalsId && s.text);
  const holders = children.length > 0 ? children : sections.filter((s) => s.id === goalsId && s.text);
  return holders.map((s) => ({ text: s.text!, offset: sourceText.indexOf(s.text!, s.span.start) }));
}
