/**
 * Finds and mechanically repairs mojibake: text whose bytes were decoded with
 * the wrong codec (UTF-8 read as GBK, or GBK read one byte out of step), with
 * lost bytes shown as `?` or U+FFFD.
 */
import type { Span } from "./types.ts";
import { decodeGbk, encodeGbk } from "./gbk.ts";
import { PINYIN_LETTER } from "./pinyin.ts";
import { toSourceScript, type TextScript } from "../core/script.ts";

/** A run of the text that reads as mojibake. */
export interface DamagedPassage extends Span {
  text: string;
}

// A lost byte, possibly followed by the tail of an annotation whose "(" the lost byte swallowed: `?dǎo)`.
const ANCHOR = new RegExp(`[?\\uFFFD](?:[${PINYIN_LETTER}]+\\))?`, "gu");
const FOREIGN = /[A-Za-z\u0370-\u03ff\u0400-\u04ff\u2460-\u24ff\u2500-\u257f\u3040-\u30ff\uE000-\uF8FF\uFFFD?]/u;
const WINDOW = 10;
const MERGE_GAP = 8;

/** Counts of each character outside the given spans: what the document's clean text is made of. */
function repertoire(text: string, exclude: Span[] = []): Map<string, number> {
  const counts = new Map<string, number>();
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    while (k < exclude.length && exclude[k].end <= i) k++;
    if (k < exclude.length && exclude[k].start <= i) continue;
    const ch = text[i];
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return counts;
}

/** Finds damaged passages: lost bytes (`?`, U+FFFD) with the unusual characters around them, and lossless mojibake runs. */
export function findDamagedPassages(text: string, script: TextScript): DamagedPassage[] {
  const anchors: Span[] = [...text.matchAll(ANCHOR)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const windows = anchors.map((a) => ({ start: Math.max(0, a.start - WINDOW), end: a.end + WINDOW }));
  const rep = repertoire(text, mergeSpans(windows, 0));
  const odd = (ch: string | undefined): boolean =>
    ch !== undefined && ch !== "\n" && (FOREIGN.test(ch) || !rep.has(ch));

  const runs: Span[] = anchors.map(({ start, end }) => {
    let s = start;
    let e = end;
    while (s > 0 && odd(text[s - 1])) s--;
    while (e < text.length && odd(text[e])) e++;
    return { start: s, end: e };
  });
  const merged = mergeSpans(runs, MERGE_GAP, (gap) => !/[。\n]/.test(text.slice(gap.start, gap.end)));
  const lossless = findLosslessMojibake(text, merged, script);
  return mergeSpans([...merged, ...lossless], 0).map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
}

// Runs of characters seen nowhere else in the document that decode cleanly as UTF-8 once re-encoded to GBK.
function findLosslessMojibake(text: string, known: Span[], script: TextScript): Span[] {
  const rep = repertoire(text);
  const out: Span[] = [];
  for (const m of text.matchAll(/[^\p{ASCII}\s。、“”《》〔〕·—]{3,}/gu)) {
    let start = -1;
    const stop = m.index + m[0].length;
    for (let i = m.index; i <= stop; i++) {
      const rare = i < stop && (rep.get(text[i]) ?? 0) <= 1;
      if (rare && start < 0) start = i;
      if (!rare && start >= 0) {
        const overlaps = known.some((k) => k.start < i && start < k.end);
        const found = overlaps ? undefined : longestRoundTrip(text, start, i, rep, script);
        if (found) out.push(found);
        start = -1;
      }
    }
  }
  return out;
}

// The longest stretch of [start, end) that round-trips; rare neighbours of mojibake are often legitimate words.
function longestRoundTrip(
  text: string,
  start: number,
  end: number,
  rep: Map<string, number>,
  script: TextScript,
): Span | undefined {
  if (end - start > 60) return undefined;
  for (let len = end - start; len >= 3; len--) {
    for (let s = start; s + len <= end; s++) {
      if (plausibleRepair(text.slice(s, s + len), rep, script) !== undefined) return { start: s, end: s + len };
    }
  }
  return undefined;
}

/** Merges spans closer than `gap` characters (when `allow` accepts the gap between them). */
function mergeSpans(spans: Span[], gap: number, allow: (between: Span) => boolean = () => true): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start - last.end <= gap && (s.start <= last.end || allow({ start: last.end, end: s.start }))) {
      last.end = Math.max(last.end, s.end);
    } else out.push({ ...s });
  }
  return out;
}

const FULLWIDTH_TO_DOC: Record<string, string> = {
  "，": ",",
  "；": ";",
  "：": ":",
  "（": "(",
  "）": ")",
  "？": "?",
  "！": "!",
};

// The seeded text prints these as ASCII; decoded fragments follow the same convention.
function toDocumentPunctuation(s: string): string {
  return s.replace(/[，；：（）？！]/g, (c) => FULLWIDTH_TO_DOC[c]);
}

// UTF-8 bytes that were shown as GBK: re-encode to GBK, read the bytes as UTF-8, bring into the document's script.
function plausibleRepair(run: string, rep: Map<string, number>, script: TextScript): string | undefined {
  const bytes = encodeGbk(run);
  if (!bytes) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const repaired = toSourceScript(toDocumentPunctuation(decoded), script);
  const chars = [...repaired];
  if (chars.length === 0 || !chars.every((c) => /[\u4e00-\u9fff]/.test(c) || rep.has(c))) return undefined;
  return chars.filter((c) => rep.has(c)).length / chars.length >= 0.6 ? repaired : undefined;
}

/**
 * Repairs a passage without human help when its bytes round-trip: no byte lost,
 * and the re-decoded text, in the document's script, is made of characters the
 * document uses. Returns the repair, or undefined.
 */
export function repairMechanically(
  passage: DamagedPassage,
  documentText: string,
  script: TextScript,
): string | undefined {
  if (/[?\uFFFD]/.test(passage.text)) return undefined;
  const rep = repertoire(documentText, [passage]);
  return plausibleRepair(passage.text, rep, script);
}

const NOT_GBK_RUN = new RegExp(`[\\x00-\\x7f\\uFFFD${PINYIN_LETTER.replace("a-z", "")}]+`, "u");

/**
 * What the bytes of a damaged passage still say: each run of non-ASCII characters
 * re-encoded to GBK and read one byte later (the usual half-character slip),
 * keeping characters the document uses elsewhere. A curated reading should
 * contain most of them.
 */
export function byteEvidence(passage: string, documentText: string): string {
  const rep = repertoire(documentText);
  let evidence = "";
  for (const seg of passage.split(NOT_GBK_RUN)) {
    const bytes = encodeGbk(seg);
    if (!bytes || bytes.length < 3) continue;
    const shifted = toDocumentPunctuation(decodeGbk(bytes.slice(1)));
    for (const ch of shifted) if (ch !== "\uFFFD" && (rep.get(ch) ?? 0) >= 2) evidence += ch;
  }
  return evidence;
}
