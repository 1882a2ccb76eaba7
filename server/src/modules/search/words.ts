/**
 * Text filters match every word: "煤炭 产业" finds what both "煤炭" and "产业" find, wherever
 * each occurs. Words are split on any white space (U+3000 too), and the caller has already
 * folded the text to simplified characters, so either script works. The SQL condition built
 * from them is search.repository.ts's allWordsMatch.
 */

/** At most this many words count; a longer query is a sentence, not a search. */
const MAX_WORDS = 8;

/** The distinct words of a search text, in order. */
export function searchWords(text: string): string[] {
  return [...new Set(text.split(/\s+/u).filter(Boolean))].slice(0, MAX_WORDS);
}

/** An ILIKE pattern that finds `word` anywhere, with LIKE's own characters escaped. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
