/**
 * The list budget: how many list items one request may produce (LIMITS.maxListItems).
 * The cost rule (cost-limit.ts) judges the shape of a query before it runs, but it cannot
 * know how long an unpaged list is in this database (a place's obligations are at most 79
 * in the seeded plan, thousands in a larger one); the budget counts what really comes back,
 * where lists are produced, and refuses the request as soon as it is spent, before the
 * rest of the answer is built:
 *
 * - every item of a list of objects in the answer counts one (countListItems in
 *   graphql/list-budget-plugin.ts wraps those fields' resolvers), connection pages included;
 * - a statusSummary costs nothing: PostgreSQL counts the obligations it summarises and
 *   sends one row per place (findStatusSummaries), so none of them is held here;
 * - a statement that reads an unpaged list (readCapped) asks for at most one more row than
 *   the budget has left, so an oversized list is refused after reading that many rows,
 *   not all of them (modules/loaders.ts, project.loader.ts, listPlaces);
 * - the SQL executor counts the items of the answer PostgreSQL builds and refuses it there
 *   (sql-executor.ts), so both paths refuse the same requests (a place's obligations are read
 *   capped by obligations, each with all its reason rows, not by rows: loaders.ts obligationLinks).
 *
 * The refusal is a TooLargeError (RESULT_TOO_LARGE) naming the list and how to ask for
 * less; listBudgetPlugin (graphql/list-budget-plugin.ts) answers a refused query with that
 * one error and no data.
 */
import { TooLargeError } from "./errors.ts";

const FEWER_PLACES = "ask for fewer places: places(filter: { kinds, bbox, within, near, text }) or place(id)";

/** How to ask for less, per list (schema coordinate); other lists get the general advice. */
const ADVICE: Record<string, string[]> = {
  "Query.places": [FEWER_PLACES],
  "Place.obligations": [FEWER_PLACES, "ask for fewer kinds of task: obligations(kinds: [...])"],
  "Place.tasks": [FEWER_PLACES, "filter the tasks: tasks(filter: { kinds, statuses, ... })"],
  "Place.children": [FEWER_PLACES],
  "Place.containedIn": [FEWER_PLACES],
  "Section.tasks": ["page through them: tasks(filter: { sectionIds }, first, after)"],
  "Department.tasks": ["page through them: tasks(filter: { leadDepartmentIds }, first, after)"],
  "Task.projects": ["page through them: projects(filter: { taskIds }, first, after)"],
};

const GENERAL_ADVICE = "ask for fewer nested lists, filter them, or page with first and after";

/** The error for a request that would go over the budget at `lists` (schema coordinates). */
export function tooLarge(limit: number, lists: string[]): TooLargeError {
  const advice = [...new Set(lists.flatMap((l) => ADVICE[l] ?? [GENERAL_ADVICE]))].join("; or ");
  return new TooLargeError(
    `this request needs more than ${limit} list items, the limit per request (at ${lists.join(", ")}): ${advice}`,
    { limit, lists },
  );
}

/** A request's budget of list items: one per request, on its Context. */
export class ListBudget {
  #used = 0;
  #refusal: TooLargeError | null = null;

  constructor(readonly limit: number) {}

  /** Items counted so far. */
  get used(): number {
    return this.#used;
  }

  /** Why this request is refused, once it is. */
  get refusal(): TooLargeError | null {
    return this.#refusal;
  }

  /**
   * Reads an unpaged list through `read(cap)`, where cap is the most rows the statement should
   * read: one more than what is left, so going over shows (null without a limit). Refuses the
   * request, naming the list, when the rows fill it; once refused, nothing more is read.
   */
  async readCapped<T>(coordinate: string, read: (cap: number | null) => Promise<T[]>): Promise<T[]> {
    if (this.#refusal) throw this.#refusal;
    const rows = await read(Number.isFinite(this.limit) ? Math.max(0, this.limit - this.#used) + 1 : null);
    if (this.#refusal) throw this.#refusal;
    if (rows.length > this.limit - this.#used) this.refuse(tooLarge(this.limit, [coordinate]));
    return rows;
  }

  /** Counts `n` items of the list `coordinate`; throws (and keeps refusing) once the total is over the limit. */
  charge(n: number, coordinate: string): void {
    if (this.#refusal) throw this.#refusal;
    this.#used += n;
    if (this.#used > this.limit) this.refuse(tooLarge(this.limit, [coordinate]));
  }

  /** Refuses the rest of the request with `error` (the SQL executor found its answer too large). */
  refuse(error: TooLargeError): never {
    this.#refusal ??= error;
    throw this.#refusal;
  }
}
