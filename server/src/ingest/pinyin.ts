/**
 * Recognises pinyin syllables, so stray annotations such as `發(fā)` can be told
 * apart from legitimate brackets such as `(市、區)` or `(2013-2015年)`.
 */

const TONED: Record<string, string> = {
  ā: "a",
  á: "a",
  ǎ: "a",
  à: "a",
  ē: "e",
  é: "e",
  ě: "e",
  è: "e",
  ê: "e",
  ī: "i",
  í: "i",
  ǐ: "i",
  ì: "i",
  ō: "o",
  ó: "o",
  ǒ: "o",
  ò: "o",
  ū: "u",
  ú: "u",
  ǔ: "u",
  ù: "u",
  ǖ: "ü",
  ǘ: "ü",
  ǚ: "ü",
  ǜ: "ü",
  ü: "ü",
  v: "ü",
};

/** Letters that may occur in an annotation: plain lower-case latin plus pinyin vowels with tone marks. */
export const PINYIN_LETTER = "a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜü";

const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|üe|ün|a|o|e|i|u|ü)$|^(?:m|n|ng|hm|hng)$/;

/** Whether `word` is one pinyin syllable (tone marks optional). */
export function isPinyinSyllable(word: string): boolean {
  if (word.length === 0 || word.length > 6) return false;
  let base = "";
  for (const ch of word) {
    const mapped = TONED[ch] ?? ch;
    if (!/^[a-zü]$/.test(mapped)) return false;
    base += mapped;
  }
  return SYLLABLE.test(base);
}

/** Whether `word` carries a tone mark or ü, the sign of a machine-made annotation rather than prose. */
export function hasToneMark(word: string): boolean {
  return /[āáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜü]/.test(word);
}
