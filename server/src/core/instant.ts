/** Instants as the API takes them: the DateTime scalar and the exports' query parameters read them alike. */

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * The years an instant may name: the plan's dates and any report's, with room to spare; beyond
 * them the two databases disagree.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 9999;

/**
 * Parses an ISO 8601 date or instant (`2014-06-30`, `2014-06-30T00:00:00+08:00`) that names a
 * real calendar day in the years 1900-9999; otherwise returns the rule it breaks, prefixed
 * with `name`.
 */
export function parseInstant(name: string, value: unknown): Date | string {
  const match = typeof value === "string" ? ISO_INSTANT.exec(value) : null;
  if (!match) return `${name} must be an ISO 8601 string like 2014-06-30T00:00:00+08:00, got ${JSON.stringify(value)}`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR)
    return `${name} ${JSON.stringify(value)} must lie between the years ${FIRST_YEAR} and ${LAST_YEAR}`;
  // Date rolls 2014-02-30 over to March 2nd; a day that does not exist is a mistake, not a synonym
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return `${name} ${JSON.stringify(value)} is not a real date`;
  }
  const date = new Date(value as string);
  if (Number.isNaN(date.getTime())) return `${name} ${JSON.stringify(value)} is not a real instant`;
  return date;
}
