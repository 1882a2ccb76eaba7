/**
 * Simplified ⇄ traditional conversion with OpenCC, for search input, imports and the plan
 * ingest (which script a text is written in). The converters are built on first use: their
 * dictionaries take ~45 MB of heap, and a server that only answers reads by id or place never
 * needs them.
 */
import * as OpenCC from "opencc-js";

let toHans: ((s: string) => string) | undefined;
let toHant: ((s: string) => string) | undefined;

/** Text in simplified characters (traditional input converted; simplified unchanged). */
export function toSimplified(text: string): string {
  toHans ??= OpenCC.Converter({ from: "tw", to: "cn" });
  return toHans(text);
}

/** Text in traditional characters. */
export function toTraditional(text: string): string {
  toHant ??= OpenCC.Converter({ from: "cn", to: "tw" });
  return toHant(text);
}

/** Simplified form of a traditional text with the same length, so offsets hold in both scripts. */
export function deriveHans(hant: string): string {
  const whole = toSimplified(hant);
  if (whole.length === hant.length) return whole;
  // a phrase mapping changed the length: fall back to character-by-character conversion
  return Array.from(hant, (ch) => {
    const s = toSimplified(ch);
    return s.length === ch.length ? s : ch;
  }).join("");
}

/** The script a source text is written in. */
export type TextScript = "HANS" | "HANT";

/** The script most of the text is written in: whichever conversion would change fewer characters. */
export function detectScript(text: string): TextScript {
  const sample = text.slice(0, 20000);
  const changedToHans = countChanged(sample, toSimplified(sample));
  const changedToHant = countChanged(sample, toTraditional(sample));
  return changedToHans > changedToHant ? "HANT" : "HANS";
}

/** Converts text into the given script (cn→tw for traditional, tw→cn for simplified). */
export function toSourceScript(text: string, script: TextScript): string {
  return script === "HANT" ? toTraditional(text) : toSimplified(text);
}

function countChanged(a: string, b: string): number {
  let n = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) n++;
  return n;
}
