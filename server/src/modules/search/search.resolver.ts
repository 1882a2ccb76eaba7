import { Arg, Ctx, Int, Query, Resolver, createUnionType } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { checkFirst } from "../../core/paging.ts";
import { ValidationError } from "../../core/errors.ts";
import { Department } from "../department/department.type.ts";
import { Place } from "../place/place.type.ts";
import { Project } from "../project/project.type.ts";
import { Task } from "../task/task.type.ts";
import { search, type SearchHitRow } from "./search.service.ts";

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
    if (text.trim().length === 0) throw new ValidationError("text must not be empty");
    if (text.length > 200) throw new ValidationError("text must be at most 200 characters");
    return search(ctx.db, ctx.loaders, text, checkFirst(first, 20));
  }
}
