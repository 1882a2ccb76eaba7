import aliasFile from "../data/aliases.json";
import type { AliasFile } from "./build-gazetteer.ts";
import type { GazetteerPlace, PlaceLink, PlaceRole } from "./types.ts";

/** The structural subset of the ingest's ParsedPlan the linker reads. */
export interface LinkablePlan {
  sourceText: string;
  tasks: {
    id: string;
    text: string;
    span: { start: number; end: number };
    leads: { departmentId: string; span: { start: number; end: number } }[];
  }[];
  departments: { id: string; jurisdictionPlaceId: string | null }[];
}

/** Expressions naming several places at once (see geo/data/aliases.json). */
export type LinkRules = Pick<AliasFile, "composites" | "generics">;

/** The rules shipped in geo/data/aliases.json. */
export const DEFAULT_LINK_RULES: LinkRules = aliasFile as AliasFile;

/** Strongest first; one direct link per (task, place) keeps the strongest. LEAD is kept beside it. */
const DIRECT_ORDER: readonly PlaceRole[] = ["PILOT", "SUBJECT", "APPLIES", "MENTION"];

/** Ends a clause. 、 does not: it joins the items of a list (古交市、清徐縣、尖草坪區). */
const CLAUSE_END = /[,，。;；:：!！?？\n]/;
const PILOT_WORD = /試點|试点/;
const BETWEEN_WORD = /之間|之间/;
/** Verbs that make a named place the object of the work rather than a passing mention. */
const ACTION_WORDS =
  /建設|建设|推進|推进|加快|抓好|編制|编制|規劃|规划|保護|保护|整治|治理|開發|开发|擴區|扩区|發展|发展|研究|分析|改造|實施|实施|打造|同城化/;
/** The lead-unit parenthetical that closes every item; names there are LEAD evidence, not mentions. */
const LEAD_NOTE = /[(（]牽頭(?:部門|單位)[:：][^)）]*[)）]|[(（]牵头(?:部门|单位)[:：][^)）]*[)）]/g;

type Entry =
  | { form: string; type: "place" | "composite"; placeIds: string[] }
  | { form: string; type: "generic"; placeIds: string[] };

interface Mention {
  entry: Entry;
  start: number; // offsets into the task's text
  end: number;
}

function buildEntries(gazetteer: GazetteerPlace[], rules: LinkRules): Map<string, Entry[]> {
  const entries: Entry[] = [];
  for (const p of gazetteer) {
    // A city named alone is not a link: a task naming only 太原 is citywide (the fallback below).
    if (p.kind === "CITY") continue;
    for (const form of new Set([...p.aliases, p.name, p.nameHant]))
      entries.push({ form, type: "place", placeIds: [p.id] });
  }
  const known = new Set(gazetteer.map((p) => p.id));
  for (const c of rules.composites) {
    const ids = c.placeIds.filter((id) => known.has(id));
    for (const form of c.forms) entries.push({ form, type: "composite", placeIds: ids });
  }
  for (const g of rules.generics) {
    const ids = gazetteer
      .filter((p) => g.kinds.includes(p.kind) && (g.parentId === null || p.parentId === g.parentId))
      .map((p) => p.id);
    for (const form of g.forms) entries.push({ form, type: "generic", placeIds: ids });
  }
  // Longest first, so 清徐開發區 wins over 清徐 and 汾東金融商務區 over 汾東.
  entries.sort((a, b) => b.form.length - a.form.length || a.form.localeCompare(b.form));
  const byFirst = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = byFirst.get(e.form[0]) ?? [];
    list.push(e);
    byFirst.set(e.form[0], list);
  }
  return byFirst;
}

function findMentions(text: string, byFirst: Map<string, Entry[]>): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < text.length) {
    const hit = byFirst.get(text[i])?.find((e) => text.startsWith(e.form, i));
    if (hit) {
      mentions.push({ entry: hit, start: i, end: i + hit.form.length });
      i += hit.form.length;
    } else {
      i += 1;
    }
  }
  return mentions;
}

function clauseAround(text: string, start: number, end: number): { before: string; after: string } {
  let s = start;
  while (s > 0 && !CLAUSE_END.test(text[s - 1])) s -= 1;
  let e = end;
  while (e < text.length && !CLAUSE_END.test(text[e])) e += 1;
  return { before: text.slice(s, start), after: text.slice(end, e) };
}

/**
 * Proposes task→place links from the plan's text: every place the task names
 * (longest alias first, both scripts, composites such as 三縣一市), generic
 * duties (各縣(市、區) → APPLIES to each county-level unit), pilots
 * (以古交市為試點 → PILOT) and the lead unit's jurisdiction (古交市政府 → LEAD).
 * A task naming no place gets one citywide link to the city, evidence null.
 *
 * Roles: one direct link per (task, place) with the strongest of
 * PILOT > SUBJECT > APPLIES > MENTION, plus a separate LEAD link when the
 * place's own government leads the task — the obligation logic reports the
 * two reasons (DIRECT, LEAD) apart, each with its own evidence.
 *
 * @example
 * linkPlaces(plan, gazetteer).filter((l) => l.taskId === "reform-15")
 * // [{ placeId: "gujiao", role: "PILOT", ... }, { placeId: "gujiao", role: "LEAD", ... }]
 */
export function linkPlaces(
  plan: LinkablePlan,
  gazetteer: GazetteerPlace[],
  rules: LinkRules = DEFAULT_LINK_RULES,
): PlaceLink[] {
  const byFirst = buildEntries(gazetteer, rules);
  const placeKind = new Map(gazetteer.map((p) => [p.id, p.kind]));
  const cityId = gazetteer.find((p) => p.kind === "CITY")?.id ?? "taiyuan";
  const jurisdiction = new Map(plan.departments.map((d) => [d.id, d.jurisdictionPlaceId]));
  const out: PlaceLink[] = [];

  for (const task of plan.tasks) {
    const text = task.text.replace(LEAD_NOTE, (m) => "\u3000".repeat(m.length));
    const titleEnd = (() => {
      const k = text.indexOf("。");
      return k < 0 ? text.length : k;
    })();
    const direct = new Map<string, { role: PlaceRole; start: number; end: number }>();
    const propose = (placeId: string, role: PlaceRole, start: number, end: number) => {
      const prev = direct.get(placeId);
      if (!prev || DIRECT_ORDER.indexOf(role) < DIRECT_ORDER.indexOf(prev.role))
        direct.set(placeId, { role, start, end });
    };

    for (const m of findMentions(text, byFirst)) {
      const { before, after } = clauseAround(text, m.start, m.end);
      if (m.entry.type === "generic") {
        // 部門與縣(市、區)及開發區之間 / 各縣(市、區)、開發區(園區)、市直有關部門之間溝通:
        // a mechanism among units, not a duty of each one.
        if (BETWEEN_WORD.test(after)) continue;
        for (const id of m.entry.placeIds) propose(id, "APPLIES", m.start, m.end);
        continue;
      }
      let role: PlaceRole;
      let start = m.start;
      let end = m.end;
      if (PILOT_WORD.test(after)) {
        role = "PILOT";
        // 以古交市為試點: the whole phrase is the evidence.
        const phrase = /^(?:為|为)試點|^(?:為|为)试点/.exec(after);
        if (phrase && /以$/.test(before)) {
          start -= 1;
          end += phrase[0].length;
        }
      } else if (m.start < titleEnd || ACTION_WORDS.test(before + after)) {
        role = "SUBJECT";
      } else {
        role = "MENTION";
      }
      for (const id of m.entry.placeIds) propose(id, role, start, end);
    }

    const links: PlaceLink[] = [];
    for (const [placeId, d] of direct) {
      links.push({
        taskId: task.id,
        placeId,
        role: d.role,
        evidence: { start: task.span.start + d.start, end: task.span.start + d.end },
      });
    }
    for (const lead of task.leads) {
      const placeId = jurisdiction.get(lead.departmentId);
      if (!placeId || !placeKind.has(placeId)) continue;
      if (links.some((l) => l.placeId === placeId && l.role === "LEAD")) continue;
      links.push({ taskId: task.id, placeId, role: "LEAD", evidence: { start: lead.span.start, end: lead.span.end } });
    }
    if (links.length === 0) links.push({ taskId: task.id, placeId: cityId, role: "SUBJECT", evidence: null });
    links.sort(
      (a, b) =>
        (a.evidence?.start ?? Infinity) - (b.evidence?.start ?? Infinity) ||
        a.placeId.localeCompare(b.placeId) ||
        a.role.localeCompare(b.role),
    );
    out.push(...links);
  }
  return out;
}
