/**
 * A day as the server counts it: Taiyuan's calendar day (UTC+8, no daylight saving), as YYYY-MM-DD. Tests that
 * expect "today" need it: between 16:00 and 24:00 UTC, UTC's date is a day behind Taiyuan's.
 */
export function taiyuanDay(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
