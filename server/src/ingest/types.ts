/**
 * What the ingest pipeline produces from a plan's text: plain rows, no database.
 * normalize.ts → parse.ts → extract-*.ts build a ParsedPlan; load.ts writes it.
 *
 * All text here is in the source's own script (HANT for the seeded plan); the
 * loader derives the other script with OpenCC. Offsets are UTF-16 code units
 * into ParsedPlan.sourceText (the normalised text), end exclusive.
 */

export interface Span {
  start: number;
  end: number;
}

export type TaskKind = "REFORM" | "MATTER" | "PROJECT_PROGRAM" | "RESEARCH" | "PILOT" | "SAFEGUARD";
export type Comparator = "AT_LEAST" | "AT_MOST" | "REACH" | "REDUCE_BY";

export interface TextRepair {
  /** where the repaired text now sits in sourceText */
  span: Span;
  /** what the raw file held there (damaged bytes, the stray annotation) */
  original: string;
  repaired: string;
  /** "pinyin-annotation" | "mojibake-mechanical" | "mojibake-curated" | ... */
  method: string;
}

export interface ParsedSection {
  id: string; // "5.2" = 五、(二)
  ref: string; // as printed: "五、" | "(二)"
  heading: string;
  headingEn: string;
  parentId: string | null;
  ordinal: number; // document order, 0-based, over all sections
  /** prose body for sections without tasks (guiding ideology, principles, goals); null otherwise */
  text: string | null;
  span: Span;
}

export interface ParsedLead {
  departmentId: string;
  /** the unit's name exactly as printed */
  name: string;
  span: Span;
}

export interface ParsedTask {
  id: string; // "reform-14", "matter-22", "research-3", "pilot-counties", "safeguard-5", "projects"
  kind: TaskKind;
  number: number;
  ref: string; // "(十四)" | "22." | "六、"
  sectionId: string;
  ordinal: number; // document order over all tasks
  title: string; // the item's first sentence
  titleEn: string;
  text: string; // the whole item
  span: Span; // span of `text` in sourceText
  dueYear: number;
  leads: ParsedLead[]; // order as printed
}

export interface ParsedDepartment {
  id: string; // "city-land-resources-bureau"
  name: string; // as printed: 市國土局
  nameEn: string;
  /** place slug whose government/committee this unit is (古交市政府 → "gujiao"), else null */
  jurisdictionPlaceId: string | null;
}

export interface ParsedIndicator {
  id: string; // "forest-coverage"
  name: string;
  nameEn: string;
  unit: string; // "%", "CNY" ...
  comparator: Comparator;
  target: number;
  stretchTarget: number | null;
  baseYear: number | null;
  targetYear: number;
  scopePlaceId: string; // "taiyuan"
  span: Span;
  taskIds: string[];
}

export interface ParsedPlan {
  id: string; // "taiyuan-2013-30"
  docNumber: string; // 并政發〔2013〕30號 as printed
  title: string;
  titleEn: string;
  issuer: string;
  issuedOn: string; // "2013-07-16"
  periodStart: number;
  periodEnd: number;
  sourceText: string;
  repairs: TextRepair[];
  sections: ParsedSection[];
  tasks: ParsedTask[];
  departments: ParsedDepartment[];
  indicators: ParsedIndicator[];
}
