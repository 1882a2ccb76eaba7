import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { Script, inScript } from "../../core/enums.ts";
import { Place, type PlaceRow } from "../place/place.type.ts";
import { Task, type TaskRow } from "../task/task.type.ts";
import { listDepartments } from "./department.service.ts";
import { Department, type DepartmentRow } from "./department.type.ts";

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => Department, { nullable: true })
  department(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<DepartmentRow | null> {
    return ctx.loaders.department.load(id);
  }

  @Query(() => [Department])
  departments(@Ctx() ctx: Context): Promise<DepartmentRow[]> {
    return listDepartments(ctx.db);
  }

  @FieldResolver(() => String, { description: "As printed: 市国土局." })
  name(@Root() d: DepartmentRow, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: d.nameHans, hant: d.nameHant }, script);
  }

  @FieldResolver(() => Place, {
    nullable: true,
    description: "The place whose government this is (古交市政府 -> Gujiao), if any.",
  })
  jurisdiction(@Root() d: DepartmentRow, @Ctx() ctx: Context): Promise<PlaceRow | null> | null {
    return d.jurisdictionPlaceId ? ctx.loaders.place.load(d.jurisdictionPlaceId) : null;
  }

  @FieldResolver(() => [Task], { description: "Tasks it leads." })
  async tasks(@Root() d: DepartmentRow, @Ctx() ctx: Context): Promise<TaskRow[]> {
    const ids = await ctx.loaders.tasksByDepartment.load(d.id);
    const tasks = await ctx.loaders.task.loadMany(ids);
    return tasks.filter((t): t is TaskRow => t !== null && !(t instanceof Error));
  }
}
