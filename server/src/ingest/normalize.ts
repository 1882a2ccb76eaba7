/**
 * Normalisation: removes stray pinyin annotations and repairs mojibake, so the
 * stored text reads as the plan was written. Every change is kept as a
 * TextRepair whose span points into the normalised text.
 */
import type { Span, TextRepair } from "./types.ts";
import { hasToneMark, isPinyinSyllable, PINYIN_LETTER } from "./pinyin.ts";
import { byteEvidence, findDamagedPassages, repairMechanically, type DamagedPassage } from "./mojibake.ts";
import { detectScript, type TextScript } from "../core/script.ts";

/** A repair read by a person from the context of a damaged passage. */
export interface CuratedRepair {
  /** the damaged passage as it reads once pinyin annotations are removed; the match key */
  original: string;
  /** the same passage exactly as the raw file holds it, annotations included (documentation and curation checks) */
  raw?: string;
  repaired: string;
  /** words just before / after the passage, when `original` alone occurs more than once */
  before?: string;
  after?: string;
  note: string;
}

/** A pinyin annotation in the raw text: `(fā)` at [start, end), attached to the character at hostStart. */
export interface PinyinAnnotation extends Span {
  hostStart: number;
  text: string;
}

/** The outcome of normalising a plan text. */
export interface NormalizedText {
  text: string;
  script: TextScript;
  repairs: TextRepair[];
  annotationsRemoved: number;
  passagesRepaired: number;
  /** damaged passages nothing could repair, with spans into `text` */
  unrepaired: DamagedPassage[];
  warnings: string[];
}

const ANNOTATION = new RegExp(`\\(([${PINYIN_LETTER}]{1,6})\\)`, "gu");
const CJK = /\p{Script=Han}/u;

/** Finds pinyin annotations: a bracketed pinyin syllable right after a character, toned or after a Chinese character. */
export function findPinyinAnnotations(text: string): PinyinAnnotation[] {
  const out: PinyinAnnotation[] = [];
  for (const m of text.matchAll(ANNOTATION)) {
    if (m.index === 0) continue;
    const hostStart = hostStartBefore(text, m.index);
    const host = text.slice(hostStart, m.index);
    if (/^[\s(]$/.test(host)) continue;
    const word = m[1];
    if (!isPinyinSyllable(word)) continue;
    if (!hasToneMark(word) && !CJK.test(host)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, hostStart, text: m[0] });
  }
  return out;
}

/** Removes every pinyin annotation; legitimate brackets such as `(一)` or `(市、區)` stay. */
export function stripPinyinAnnotations(text: string): string {
  let out = "";
  let at = 0;
  for (const a of findPinyinAnnotations(text)) {
    out += text.slice(at, a.start);
    at = a.end;
  }
  return out + text.slice(at);
}

function hostStartBefore(text: string, index: number): number {
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
}

interface Edit extends Span {
  replacement: string;
  method: string;
}

/** Normalises a decoded plan text: annotations out, mojibake repaired mechanically or from curated repairs. */
export function normalizePlanText(raw: string, curated: CuratedRepair[] = []): NormalizedText {
  const warnings: string[] = [];
  const annotations = findPinyinAnnotations(raw);

  // Stage 1: drop annotations, remembering where each stripped character came from.
  const rawIndex: number[] = [];
  let stripped = "";
  let at = 0;
  const hostInStripped: number[] = [];
  for (const a of annotations) {
    for (let i = at; i < a.start; i++) rawIndex.push(i);
    stripped += raw.slice(at, a.start);
    hostInStripped.push(stripped.length - (a.start - a.hostStart));
    at = a.end;
  }
  for (let i = at; i <= raw.length; i++) rawIndex.push(i);
  stripped += raw.slice(at);

  // Stage 2: find damaged passages and decide each one's repair.
  const script = detectScript(stripped);
  const passages = findDamagedPassages(stripped, script);
  const edits: Edit[] = [];
  const unrepairedStage2: DamagedPassage[] = [];
  const occurrences = curated.flatMap((c) => curatedOccurrences(stripped, c).map((span) => ({ c, span })));
  const usedCurations = new Set<CuratedRepair>();
  for (const p of passages) {
    const mechanical = repairMechanically(p, stripped, script);
    const cover = occurrences.find((o) => o.span.start <= p.start && p.end <= o.span.end);
    if (cover) {
      usedCurations.add(cover.c);
      if (mechanical !== undefined && mechanical !== cover.c.repaired) {
        warnings.push(
          `curated repair of "${p.text}" differs from the mechanical reading "${mechanical}"; the curated one is used`,
        );
      }
      const evidence = byteEvidence(cover.c.original, stripped);
      const kept = [...evidence].filter((ch) => cover.c.repaired.includes(ch)).length;
      if (evidence.length >= 2 && kept / evidence.length < 0.5) {
        warnings.push(
          `curated repair "${cover.c.repaired}" does not contain what the bytes of "${p.text}" still say ("${evidence}")`,
        );
      }
      if (!edits.some((e) => e.start === cover.span.start && e.end === cover.span.end)) {
        edits.push({ ...cover.span, replacement: cover.c.repaired, method: "mojibake-curated" });
      }
    } else if (mechanical !== undefined) {
      edits.push({ start: p.start, end: p.end, replacement: mechanical, method: "mojibake-mechanical" });
    } else {
      unrepairedStage2.push(p);
    }
  }
  for (const o of occurrences) {
    if (usedCurations.has(o.c) || edits.some((e) => e.start < o.span.end && o.span.start < e.end)) continue;
    usedCurations.add(o.c);
    warnings.push(`curated repair of "${o.c.original}" applied where the detector found no damage`);
    edits.push({ ...o.span, replacement: o.c.repaired, method: "mojibake-curated" });
  }
  for (const c of curated) {
    if (!usedCurations.has(c)) warnings.push(`curated repair of "${c.original}" matches nothing in the text`);
  }
  edits.sort((a, b) => a.start - b.start);

  // Stage 3: apply the edits and place every repair in the final text.
  let text = "";
  let from = 0;
  const repairs: TextRepair[] = [];
  const shiftAt: { at: number; delta: number }[] = [];
  let delta = 0;
  for (const e of edits) {
    text += stripped.slice(from, e.start);
    const start = text.length;
    text += e.replacement;
    repairs.push({
      span: { start, end: text.length },
      original: raw.slice(rawIndex[e.start], rawIndex[e.end]),
      repaired: e.replacement,
      method: e.method,
    });
    delta += e.replacement.length - (e.end - e.start);
    shiftAt.push({ at: e.end, delta });
    from = e.end;
  }
  text += stripped.slice(from);
  const toFinal = (pos: number): number => {
    let d = 0;
    for (const s of shiftAt) if (s.at <= pos) d = s.delta;
    return pos + d;
  };

  annotations.forEach((a, i) => {
    const host = hostInStripped[i];
    if (edits.some((e) => e.start <= host && host < e.end)) return;
    const start = toFinal(host);
    const hostText = raw.slice(a.hostStart, a.start);
    repairs.push({
      span: { start, end: start + hostText.length },
      original: hostText + a.text,
      repaired: hostText,
      method: "pinyin-annotation",
    });
  });
  repairs.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  const unrepaired = unrepairedStage2.map((p) => ({
    start: toFinal(p.start),
    end: toFinal(p.start) + p.text.length,
    text: p.text,
  }));
  for (const p of unrepaired) warnings.push(`damaged passage "${p.text}" at offset ${p.start} has no repair`);
  return {
    text,
    script,
    repairs,
    annotationsRemoved: annotations.length,
    passagesRepaired: edits.length,
    unrepaired,
    warnings,
  };
}

function curatedOccurrences(text: string, c: CuratedRepair): Span[] {
  const out: Span[] = [];
  const before = c.before ?? "";
  const after = c.after ?? "";
  const needle = before + c.original + after;
  if (c.original.length === 0) return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    out.push({ start: i + before.length, end: i + before.length + c.original.length });
  }
  return out;
}
