/** Which Chinese script a text is written in, and conversion into it with OpenCC. */
import { toSimplified as hans, toTraditional as hant } from "../graphql/script.ts";

export type Script = "HANS" | "HANT";

/** The script most of the text is written in: whichever conversion would change fewer characters. */
export function detectScript(text: string): Script {
  const sample = text.slice(0, 20000);
  const changedToHans = countChanged(sample, hans(sample));
  const changedToHant = countChanged(sample, hant(sample));
  return changedToHans > changedToHant ? "HANT" : "HANS";
}

/** Converts text into the given script (cn→tw for traditional, tw→cn for simplified). */
export function toSourceScript(text: string, script: Script): string {
  return script === "HANT" ? hant(text) : hans(text);
}

function countChanged(a: string, b: string): number {
  let n = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) n++;
  return n;
}
