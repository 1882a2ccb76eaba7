/**
 * Highlighting the words that justify a task's place links. Evidence spans
 * are offsets into Plan.sourceText; the task's text starts at
 * task.source.start, so a span's place in the text is (start - source.start).
 * The other script can differ in length in rare phrases, so a span whose
 * text does not match where it should be is looked up near there instead.
 */

export interface Range {
  start: number;
  end: number;
}

export interface EvidenceInput {
  start: number;
  end: number;
  /** the span's text in the displayed script, when known */
  text?: string;
}

/** Where each evidence span falls inside the task's text; spans outside it are dropped. Sorted, merged. */
export function evidenceRanges(taskText: string, sourceStart: number, evidence: EvidenceInput[]): Range[] {
  const out: Range[] = [];
  for (const ev of evidence) {
    let start = ev.start - sourceStart;
    let end = ev.end - sourceStart;
    if (ev.text && taskText.slice(start, end) !== ev.text) {
      const found = nearestIndexOf(taskText, ev.text, start);
      if (found < 0) continue;
      start = found;
      end = found + ev.text.length;
    }
    start = Math.max(0, start);
    end = Math.min(taskText.length, end);
    if (end > start) out.push({ start, end });
  }
  return mergeRanges(out);
}

function nearestIndexOf(haystack: string, needle: string, near: number): number {
  if (!needle) return -1;
  let best = -1;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    if (best < 0 || Math.abs(i - near) < Math.abs(best - near)) best = i;
  }
  return best;
}

export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

const SENTENCE_END = /[。；;！？!?\n]/;

/** The sentence (up to and including its 。；！？ or line end) around a range. */
export function sentenceAround(text: string, r: Range): Range {
  let start = r.start;
  while (start > 0 && !SENTENCE_END.test(text[start - 1])) start--;
  while (start < r.start && /\s/.test(text[start])) start++;
  let end = r.end;
  while (end < text.length && !SENTENCE_END.test(text[end])) end++;
  if (end < text.length) end++;
  return { start, end };
}

export interface Segment {
  text: string;
  /** "none": plain; "sentence": in a justifying sentence; "evidence": the words themselves */
  mark: "none" | "sentence" | "evidence";
}

/** Split the text into plain, sentence and evidence segments, in order, covering it exactly. */
export function highlightSegments(text: string, evidence: Range[]): Segment[] {
  const sentences = mergeRanges(evidence.map((r) => sentenceAround(text, r)));
  const marks = new Uint8Array(text.length);
  for (const s of sentences) marks.fill(1, s.start, s.end);
  for (const e of evidence) marks.fill(2, e.start, e.end);
  const names = ["none", "sentence", "evidence"] as const;
  const segs: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    let j = i + 1;
    while (j < text.length && marks[j] === marks[i]) j++;
    segs.push({ text: text.slice(i, j), mark: names[marks[i]] });
    i = j;
  }
  return segs;
}
