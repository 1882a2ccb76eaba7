/** Simplified ⇄ traditional conversion with OpenCC, for search input and imports. */
import * as OpenCC from "opencc-js";

const toHans = OpenCC.Converter({ from: "tw", to: "cn" });
const toHant = OpenCC.Converter({ from: "cn", to: "tw" });

/** Text in simplified characters (traditional input converted; simplified unchanged). */
export function toSimplified(text: string): string {
  return toHans(text);
}

/** Text in traditional characters. */
export function toTraditional(text: string): string {
  return toHant(text);
}
