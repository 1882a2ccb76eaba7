import { Arg, Ctx, Int, Query, Resolver, createUnionType } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { checkFirst } from "../../core/paging.ts";
import { Department } from "../department/department.type.ts";
import { Place } from "../place/place.type.ts";
import { Project } from "../project/project.type.ts";
import { Task } from "../task/task.type.ts";
import { search, toSearchText, type SearchHitRow } from "./search.service.ts";

export const SearchHit = createUnionType({
  name: "SearchHit",
  types: () => [Task, Place, Department, Project] as const,
  resolveType: (value) => (value as unknown as SearchHitRow).__typename,
});

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description: "Free-text search over task titles and bodies (either script), places and departments.",
  })
  search(
    @Arg("text", () => String) text: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<SearchHitRow[]> {
    // the text is checked first, then the page size
    const q = toSearchText(text);
    return search(ctx.db, ctx.loaders, q, checkFirst(first, 20));
  }
}
