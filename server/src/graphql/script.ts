/**
 * Simplified ⇄ traditional conversion with OpenCC, for search input and imports. The
 * converters are built on first use: their dictionaries take ~45 MB of heap, and a
 * server that only answers reads by id or place never needs them.
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
