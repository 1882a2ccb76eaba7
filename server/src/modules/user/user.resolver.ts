import { Arg, Ctx, ID, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { Department, type DepartmentRow } from "../department/department.type.ts";
import { Place, type PlaceRow } from "../place/place.type.ts";
import { SESSION_COOKIE } from "../../http/session.ts";
import type { UserRow } from "./user.repository.ts";
import { createUser, currentUser, listUsers, login, logout, updateUser } from "./user.service.ts";
import { AuthPayload, CreateUserInput, UpdateUserInput, User } from "./user.type.ts";

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: "The signed-in user, or null." })
  me(@Ctx() ctx: Context): Promise<UserRow | null> {
    return currentUser(ctx.db, ctx.user);
  }

  @Query(() => [User], { description: "Planners only: every account, by username." })
  users(@Ctx() ctx: Context): Promise<UserRow[]> {
    return listUsers(ctx.db, ctx.user);
  }

  @Mutation(() => AuthPayload, {
    description: "Exchange credentials for a bearer token (also set as an HttpOnly cookie for the web client).",
  })
  async login(
    @Arg("username", () => String) username: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: Context,
  ): Promise<{ token: string; user: UserRow }> {
    const session = await login(
      ctx.db,
      { address: ctx.clientAddress, sessionTtlSeconds: ctx.sessionTtlSeconds },
      username,
      password,
    );
    ctx.res?.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "strict",
      secure: ctx.secureCookies,
      path: "/",
      maxAge: ctx.sessionTtlSeconds * 1000,
    });
    return session;
  }

  @Mutation(() => Boolean, { description: "Revokes the current session's token and clears the cookie." })
  logout(@Ctx() ctx: Context): Promise<boolean> {
    ctx.res?.clearCookie(SESSION_COOKIE, { path: "/" });
    return logout(ctx.db, ctx.tokenHash);
  }

  @Mutation(() => User, { description: "Planners only. Passwords are at least 10 characters; usernames are unique." })
  createUser(@Arg("input", () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<UserRow> {
    return createUser(ctx.db, ctx.user, input);
  }

  @Mutation(() => User, {
    description:
      "Planners only: change an account (name, role, places or department, password, disabled). A planner cannot disable or demote themselves; the last enabled planner stays one.",
  })
  updateUser(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return updateUser(ctx.db, ctx.user, id, input);
  }

  @FieldResolver(() => [Place])
  async places(@Root() u: UserRow, @Ctx() ctx: Context): Promise<PlaceRow[]> {
    const places = await ctx.loaders.place.loadMany(u.placeIds);
    return places.filter((p): p is PlaceRow => p !== null && !(p instanceof Error));
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() u: UserRow, @Ctx() ctx: Context): Promise<DepartmentRow | null> | null {
    return u.departmentId ? ctx.loaders.department.load(u.departmentId) : null;
  }
}
