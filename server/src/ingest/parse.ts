/**
 * Parses a normalised plan text into its header, sections and tasks, checking
 * the numbering as it goes: 一、 → (一) → 1. Counts are not fixed, only the
 * shape (a county's plan of the same form parses too).
 */
import type { ParsedSection, ParsedTask, Span, TaskKind } from "./types.ts";
import { PlanFormatError } from "./errors.ts";
import { chineseNumeral, parseChineseNumeral } from "./numerals.ts";

/** The lines above the plan's first section heading. */
export interface PlanHeader {
  docNumber: string;
  docYear: number;
  docSerial: number;
  title: string;
  issuer: string;
  issuedOn: string;
  periodStart: number;
  periodEnd: number;
}

/** A section before curation adds its English heading. */
export type DraftSection = Omit<ParsedSection, "headingEn">;
/** A task before curation adds its English title and the lead units are extracted. */
export type DraftTask = Omit<ParsedTask, "titleEn" | "leads"> & { line: number };

/** Header, sections and tasks of a plan, in document order. */
export interface PlanStructure {
  header: PlanHeader;
  sections: DraftSection[];
  tasks: DraftTask[];
  /** the top-level section holding the main goals (主要目標), where indicators are read */
  goalsSectionId: string | null;
}

interface Line {
  no: number;
  start: number;
  end: number;
  text: string;
}

const TOP = /^([一二三四五六七八九十]{1,3})、(.*)$/u;
const SUB = /^\(([一二三四五六七八九十]{1,3})\)(.*)$/u;
const ITEM = /^(\d{1,3})\.(?!\d)(.*)$/u;
const DOC_NUMBER = /[\p{Script=Han}]{1,6}〔(\d{4})〕(\d{1,4})[號号]/u;
const DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const PERIOD = /(\d{4})\s*[-－—–至]\s*(\d{4})年/;

const KIND_BY_HEADING: [RegExp, TaskKind][] = [
  [/重大改革/, "REFORM"],
  [/重大事[項项]/, "MATTER"],
  [/重大[項项]目/, "PROJECT_PROGRAM"],
  [/重大[課课][題题]/, "RESEARCH"],
  [/保障措施/, "SAFEGUARD"],
  [/[試试][驗验]$/u, "PILOT"],
];
const REQUIRED: [TaskKind, string][] = [
  ["REFORM", "重大改革"],
  ["MATTER", "重大事項"],
  ["SAFEGUARD", "保障措施"],
];
const ID_PREFIX: Record<TaskKind, string> = {
  REFORM: "reform",
  MATTER: "matter",
  PROJECT_PROGRAM: "projects",
  RESEARCH: "research",
  PILOT: "pilot",
  SAFEGUARD: "safeguard",
};
const PILOT_SUBJECTS: [RegExp, string][] = [
  [/^各[縣县]\([市、區区]+\)/u, "pilot-counties"],
  [/^各[開开][發发][區区]\([園园][區区]\)/u, "pilot-zones"],
  [/^市直(有[關关])?(各)?部[門门]/u, "pilot-departments"],
];

/** The first sentence of an item: up to its first 。, or up to a trailing lead-unit bracket when there is none. */
function firstSentence(body: string): string {
  const stop = body.indexOf("。");
  if (stop >= 0) return body.slice(0, stop);
  return body.replace(/\((牽頭|牵头)[^()]*\)\s*$/u, "").trim();
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  text.split("\n").forEach((raw, i) => {
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    out.push({ no: i + 1, start: start + lead, end: start + lead + body.length, text: body });
    start += raw.length + 1;
  });
  return out;
}

function quote(s: string): string {
  return s.length > 24 ? `"${s.slice(0, 24)}…"` : `"${s}"`;
}

function parseHeader(lines: Line[], firstHeading: number): PlanHeader {
  const head = lines.slice(0, firstHeading).filter((l) => l.text.length > 0);
  const docLine = head.find((l) => DOC_NUMBER.test(l.text));
  if (!docLine) {
    throw new PlanFormatError(
      head[0]?.no ?? 1,
      "expected a document number such as 并政發〔2013〕30號 before the plan's first section heading",
    );
  }
  const doc = DOC_NUMBER.exec(docLine.text)!;
  const dateAt = head.findIndex((l) => DATE.test(l.text));
  if (dateAt < 0)
    throw new PlanFormatError(
      lines[firstHeading].no,
      "expected the issue date (such as 2013年7月16日) on its own line before section heading 一、",
    );
  const [, y, mo, d] = DATE.exec(head[dateAt].text)!;
  const issuer = head[dateAt - 1];
  if (!issuer || issuer.text.length > 40)
    throw new PlanFormatError(head[dateAt].no, "expected the issuing body on the line above the issue date");
  const title = head[dateAt + 1];
  if (!title) throw new PlanFormatError(head[dateAt].no + 1, "expected the plan's title after the issue date");
  const period = PERIOD.exec(title.text);
  if (!period)
    throw new PlanFormatError(
      title.no,
      `expected the plan period (such as 2013-2015年) in the plan title, found ${quote(title.text)}`,
    );
  return {
    docNumber: doc[0],
    docYear: Number(doc[1]),
    docSerial: Number(doc[2]),
    title: title.text,
    issuer: issuer.text,
    issuedOn: `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`,
    periodStart: Number(period[1]),
    periodEnd: Number(period[2]),
  };
}

function isHeadingLike(body: string): boolean {
  return !body.includes("。") && body.length <= 30;
}

function dueYearOf(text: string, periodStart: number, periodEnd: number): number {
  for (const m of text.matchAll(/到(\d{4})年|(\d{4})年(?:底)?(?:以)?前/gu)) {
    const year = Number(m[1] ?? m[2]);
    if (year >= periodStart && year <= periodStart + 50) return year;
  }
  return periodEnd;
}

/** Parses a normalised plan text; throws PlanFormatError naming the line when the shape or numbering is wrong. */
export function parsePlanStructure(text: string): PlanStructure {
  const lines = splitLines(text);
  const firstHeading = lines.findIndex((l) => TOP.test(l.text) && isHeadingLike(TOP.exec(l.text)![2]));
  const header = parseHeader(lines, firstHeading < 0 ? lines.length : firstHeading);
  if (firstHeading < 0)
    throw new PlanFormatError(
      lines[lines.length - 1].no,
      "expected section heading 一、 somewhere in the text, found none",
    );

  const sections: DraftSection[] = [];
  const tasks: DraftTask[] = [];
  let goalsSectionId: string | null = null;
  const seenKinds = new Set<TaskKind>();

  let top: DraftSection | undefined;
  let topKind: TaskKind | undefined;
  let sub: DraftSection | undefined;
  let expectedSub = 1;
  let lastItem = 0;
  let itemRestartAllowed = true;
  let openTask: DraftTask | undefined;
  let openProse: DraftSection | undefined;
  let proseLines: Line[] = [];
  let lastLine: Line = lines[firstHeading];

  const span = (from: Line, to: Line): Span => ({ start: from.start, end: to.end });
  const extend = (s: { span: Span } | undefined, to: Line) => {
    if (s) s.span.end = Math.max(s.span.end, to.end);
  };
  const pushTask = (t: Omit<DraftTask, "ordinal" | "dueYear">): DraftTask => {
    const task = { ...t, ordinal: tasks.length, dueYear: dueYearOf(t.text, header.periodStart, header.periodEnd) };
    tasks.push(task);
    return task;
  };
  const appendTo = (t: { text: string; span: Span }, l: Line) => {
    t.text = text.slice(t.span.start, l.end);
    t.span.end = l.end;
  };
  const closeTop = () => {
    if (!top) return;
    if (proseLines.length > 0) top.text = text.slice(proseLines[0].start, proseLines[proseLines.length - 1].end);
    if (
      topKind &&
      topKind !== "PROJECT_PROGRAM" &&
      topKind !== "PILOT" &&
      !tasks.some((t) => t.sectionId.split(".")[0] === top!.id)
    ) {
      throw new PlanFormatError(lastLine.no + 1, `expected numbered items under ${top.ref}${top.heading}, found none`);
    }
  };

  for (let i = firstHeading; i < lines.length; i++) {
    const l = lines[i];
    if (l.text.length === 0) continue;
    const topMatch = TOP.exec(l.text);
    if (topMatch && isHeadingLike(topMatch[2])) {
      const n = parseChineseNumeral(topMatch[1]);
      const expected = top ? Number(top.id) + 1 : 1;
      if (n !== expected) {
        const after = top ? ` after ${top.ref}` : "";
        throw new PlanFormatError(
          l.no,
          `expected section heading ${chineseNumeral(expected)}、${after}, found ${quote(l.text)}`,
        );
      }
      closeTop();
      const heading = topMatch[2].trim();
      topKind = KIND_BY_HEADING.find(([re]) => re.test(heading))?.[1];
      if (topKind) seenKinds.add(topKind);
      if (/主要目[標标]/u.test(heading)) goalsSectionId = String(n);
      top = {
        id: String(n),
        ref: `${topMatch[1]}、`,
        heading,
        parentId: null,
        ordinal: sections.length,
        text: null,
        span: span(l, l),
      };
      sections.push(top);
      sub = undefined;
      expectedSub = 1;
      lastItem = 0;
      itemRestartAllowed = true;
      openTask = undefined;
      openProse = undefined;
      proseLines = [];
      lastLine = l;
      continue;
    }
    if (!top) continue;
    extend(top, l);
    lastLine = l;

    const subMatch = SUB.exec(l.text);
    if (subMatch && !Number.isNaN(parseChineseNumeral(subMatch[1]))) {
      const n = parseChineseNumeral(subMatch[1]);
      if (n !== expectedSub) {
        const after = expectedSub > 1 ? ` after (${chineseNumeral(expectedSub - 1)})` : ` under ${top.ref}`;
        throw new PlanFormatError(l.no, `expected (${chineseNumeral(expectedSub)})${after}, found ${quote(l.text)}`);
      }
      expectedSub++;
      const ref = `(${subMatch[1]})`;
      const body = subMatch[2].trim();
      const spanOfBody: Span = { start: l.start + ref.length, end: l.end };
      openTask = undefined;
      openProse = undefined;
      if (topKind && isHeadingLike(body)) {
        sub = {
          id: `${top.id}.${n}`,
          ref,
          heading: body,
          parentId: top.id,
          ordinal: sections.length,
          text: null,
          span: span(l, l),
        };
        sections.push(sub);
        itemRestartAllowed = true;
      } else if (topKind && topKind !== "PROJECT_PROGRAM" && topKind !== "PILOT") {
        openTask = pushTask({
          id: `${ID_PREFIX[topKind]}-${n}`,
          kind: topKind,
          number: n,
          ref,
          sectionId: sub?.id ?? top.id,
          title: firstSentence(body),
          text: body,
          span: spanOfBody,
          line: l.no,
        });
      } else {
        openProse = {
          id: `${top.id}.${n}`,
          ref,
          heading: firstSentence(body),
          parentId: top.id,
          ordinal: sections.length,
          text: body,
          span: span(l, l),
        };
        sections.push(openProse);
      }
      continue;
    }

    const itemMatch = ITEM.exec(l.text);
    if (itemMatch && topKind) {
      const n = Number(itemMatch[1]);
      const restart = itemRestartAllowed && n === 1;
      if (n !== lastItem + 1 && !restart) {
        throw new PlanFormatError(l.no, `expected item ${lastItem + 1}. after ${lastItem}., found ${quote(l.text)}`);
      }
      lastItem = n;
      itemRestartAllowed = false;
      extend(sub, l);
      const ref = `${itemMatch[1]}.`;
      const body = itemMatch[2].trim();
      const kind: TaskKind = topKind === "PROJECT_PROGRAM" || topKind === "PILOT" ? "MATTER" : topKind;
      openTask = pushTask({
        id: `${ID_PREFIX[kind]}-${n}`,
        kind,
        number: n,
        ref,
        sectionId: sub?.id ?? top.id,
        title: firstSentence(body),
        text: body,
        span: { start: l.start + ref.length, end: l.end },
        line: l.no,
      });
      continue;
    }

    // An unnumbered paragraph: a continuation of the open item, or prose of the section itself.
    extend(sub, l);
    if (openTask) {
      appendTo(openTask, l);
    } else if (openProse) {
      appendTo(openProse as { text: string; span: Span }, l);
      extend(openProse, l);
    } else if (topKind === "PROJECT_PROGRAM") {
      proseLines.push(l);
      const existing = tasks.find((t) => t.id === "projects");
      if (existing) appendTo(existing, l);
      else {
        pushTask({
          id: "projects",
          kind: "PROJECT_PROGRAM",
          number: 1,
          ref: top.ref,
          sectionId: top.id,
          title: top.heading,
          text: l.text,
          span: span(l, l),
          line: l.no,
        });
      }
    } else if (topKind === "PILOT") {
      proseLines.push(l);
      const number = tasks.filter((t) => t.kind === "PILOT").length + 1;
      const subject = PILOT_SUBJECTS.find(([re]) => re.test(l.text));
      const subjectText = subject ? subject[0].exec(l.text)![0] : "";
      const suffix = /(轉型綜改試驗|转型综改试验)$/u.exec(top.heading)?.[1] ?? "";
      const id = subject && !tasks.some((t) => t.id === subject[1]) ? subject[1] : `pilot-${number}`;
      pushTask({
        id,
        kind: "PILOT",
        number,
        ref: top.ref,
        sectionId: top.id,
        title: subjectText ? subjectText + suffix : firstSentence(l.text),
        text: l.text,
        span: span(l, l),
        line: l.no,
      });
    } else {
      proseLines.push(l);
    }
  }
  closeTop();

  for (const [kind, name] of REQUIRED) {
    if (!seenKinds.has(kind)) {
      throw new PlanFormatError(
        lines[lines.length - 1].no,
        `expected a section heading ${name} in the plan, found none`,
      );
    }
  }
  return { header, sections, tasks, goalsSectionId };
}
