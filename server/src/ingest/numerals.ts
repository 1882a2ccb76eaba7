/** Chinese numerals as plans number their sections: 一 … 九十九. */

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NAMES = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** Parses 一 … 九十九 (十, 十四, 二十, 二十三); NaN when it is not such a numeral. */
export function parseChineseNumeral(s: string): number {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s.length === 0) return NaN;
  const [, tens, ten, units] = m;
  if (!ten) return tens && !units ? DIGITS[tens] : NaN;
  return (tens ? DIGITS[tens] : 1) * 10 + (units ? DIGITS[units] : 0);
}

/** Writes 1 … 99 as a Chinese numeral. */
export function chineseNumeral(n: number): string {
  if (n < 10) return NAMES[n];
  const tens = Math.floor(n / 10);
  return (tens === 1 ? "" : NAMES[tens]) + "十" + NAMES[n % 10];
}
